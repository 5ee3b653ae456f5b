"""The library entry point: `clean(data) -> Document`, a pure function of its input."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from .decode import decode, holds_any_byte, repair, scrub
from .document import Document
from .errors import InputError, TimeBudgetExceeded
from .limits import MAX_HTML_CHARS, check, time_budget
from .options import DEFAULT, Options
from .sniff import SNIFF_CHARS, sniff_kind

KINDS = ("html", "text")


def clean(data: str | bytes, *, url: str | None = None, kind: str | None = None,
          content_type: str | None = None, headers: Mapping[str, str] | None = None,
          status: int | None = None, options: Options = DEFAULT) -> Document:
    """Clean one page: HTML or a plain-text dump (sniffed when `kind` is None).

    `content_type` and `headers` are the transport's view of the page (an HTTP `Content-Type`
    value such as "text/html; charset=utf-8", and the response headers), when it came by HTTP;
    they are hints weighed with the page's own declarations and the bytes themselves, never trusted
    blindly (see decode.decode). A `str` gets the same mojibake repair as decoded bytes. `status` is the
    HTTP status code: a 3xx answer is a `redirect` page and a 4xx/5xx answer an `error` page, whatever
    its body says (the body is still cleaned, for callers who keep such pages).
    Raises InputError for input that is not a page at all (binary data, too large, a bad kind or
    argument); with `options.time_budget` set, a page over budget gives an empty document (or raises
    TimeBudgetExceeded when `options.budget_raises`).
    """
    _check_arguments(data, url=url, kind=kind, content_type=content_type, headers=headers, status=status,
                     options=options)
    doc = _html_too_large(data, url=url, kind=kind) or _clean_within_budget(
        data, url=url, kind=kind, content_type=content_type, headers=headers, options=options)
    if status is not None and status >= 300:
        doc.page_type = "redirect" if status < 400 else "error"
        doc.empty_reason = doc.empty_reason or f"HTTP {status}"
    return doc


def _clean(data: str | bytes, *, url: str | None, kind: str | None, content_type: str | None,
           headers: Mapping[str, str] | None, options: Options) -> Document:
    encoded = None  # the text's UTF-8 bytes, when decoding had them at hand
    if isinstance(data, str):
        # The same repair as for bytes: a str may come from a scraper that decoded with the wrong charset.
        text = repair(data)
    else:  # bytes, bytearray or memoryview: _check_arguments let nothing else through
        text, encoded = decode(bytes(data), content_type, headers, with_bytes=True)
    if "\x00" in text[:4096]:
        raise InputError("binary data, not a page (NUL characters)")
    sanitised = sanitise(text, encoded)
    if sanitised is not text:  # sanitise gives `text` itself when it holds nothing to drop or replace
        encoded = None
    text = sanitised
    check("decode")
    kind = kind or sniff_kind(text)
    if not text.strip():
        return Document(kind=kind, url=url, page_type="empty", empty_reason="empty input")
    if kind == "html":
        from .html import clean_html

        return clean_html(text, options, url=url, encoded=encoded)
    from .text import clean_text

    return clean_text(text, options, url=url)


# --- hostile input: arguments, size, time budget, characters no page holds ------------------------

def _check_arguments(data: object, *, url: object, kind: object, content_type: object, headers: object,
                     status: object, options: object) -> None:
    """InputError for a misused argument or an input over the size limit, before any work is done."""
    if not isinstance(options, Options):
        raise InputError(f"options must be a cleaner.Options, not {type(options).__name__}")
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}; use 'html' or 'text'")
    if not isinstance(data, (str, bytes, bytearray, memoryview)):
        raise InputError(f"expected str or bytes, got {type(data).__name__}")
    # Before decoding: a 100 MiB blob must not be decoded and repaired only to be refused after.
    size = data.nbytes if isinstance(data, memoryview) else len(data)
    if size > options.max_input_size:
        unit = "characters" if isinstance(data, str) else "bytes"
        raise InputError(f"input too large for one page ({size:,} {unit}, limit {options.max_input_size:,})")
    if url is not None:
        if not isinstance(url, str):
            raise InputError(f"url must be a str, not {type(url).__name__}")
        try:
            urlsplit(url).port  # noqa: B018 -- parsing the port is what rejects "http://x:99999/"
        except ValueError as exc:
            raise InputError(f"unparseable url {url[:200]!r}: {exc}") from exc
    if content_type is not None and not isinstance(content_type, str):
        raise InputError(f"content_type must be a str, not {type(content_type).__name__}")
    if headers is not None and not (isinstance(headers, Mapping) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items())):
        raise InputError("headers must be a mapping of str to str")
    if status is not None and (not isinstance(status, int) or isinstance(status, bool)):
        raise InputError(f"status must be an int, not {type(status).__name__}")


def _html_too_large(data: str | bytes, *, url: str | None, kind: str | None) -> Document | None:
    """An HTML `str` over the parser's bound is refused before its repair, as the parser would refuse
    it after (bytes are bounded by `max_input_size`: their length in characters is known only decoded)."""
    if not isinstance(data, str) or len(data) <= MAX_HTML_CHARS:
        return None
    if (kind or sniff_kind(data[:SNIFF_CHARS])) != "html":
        return None
    reason = f"input too large for one page ({len(data):,} characters, limit {MAX_HTML_CHARS:,})"
    return Document(kind="html", url=url, page_type="empty", empty_reason=reason)


def _clean_within_budget(data: str | bytes, *, url: str | None, kind: str | None, content_type: str | None,
                         headers: Mapping[str, str] | None, options: Options) -> Document:
    """`_clean` under `options.time_budget`: over budget, an empty document saying so (or the exception)."""
    try:
        with time_budget(options.time_budget):
            return _clean(data, url=url, kind=kind, content_type=content_type, headers=headers, options=options)
    except TimeBudgetExceeded as exc:
        if options.budget_raises:
            raise
        if kind is None:
            head = data[:SNIFF_CHARS]
            kind = sniff_kind(head if isinstance(head, str) else bytes(head).decode("latin-1"))
        return Document(kind=kind, url=url, page_type="empty", empty_reason=str(exc))


# C0 controls other than tab, line feed, form feed and carriage return, and the noncharacters U+FFFE and
# U+FFFF: no page's text holds them, and lxml refuses them ("All strings must be XML compatible"), so one
# in a <p> emptied the page. A form feed is a line break for the text path and whitespace for HTML, but
# lxml refuses it too: it becomes a line feed.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]+")


# The same C0 controls as bytes, for decode.holds_any_byte (the regex scan cost 8 ns a character).
_CONTROL_BYTES = bytes(set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D})


def sanitise(text: str, encoded: bytes | None = None) -> str:
    """Drop C0 control characters and turn lone surrogates into U+FFFD, once, before either path. `encoded`, when
    given, is text.encode("utf-8")."""
    try:
        encoded = text.encode("utf-8") if encoded is None else encoded
    except UnicodeEncodeError:  # lone surrogates (a str from a JSON "\ud83d") could go into no UTF-8 output
        return scrub(_CONTROL_CHARS.sub("", text).replace("\f", "\n"))
    if holds_any_byte(encoded, _CONTROL_BYTES) or "\ufffe" in text or "\uffff" in text:
        text = _CONTROL_CHARS.sub("", text)
    return text.replace("\f", "\n")
