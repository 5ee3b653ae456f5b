"""The library entry point: `clean(data) -> Document`, a pure function of its input."""

from __future__ import annotations

from collections.abc import Mapping

from .decode import decode, repair
from .document import Document
from .errors import InputError
from .options import DEFAULT, Options
from .sniff import sniff_kind

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
    Raises InputError for input that is not a page at all (binary data, a bad kind).
    """
    doc = _clean(data, url=url, kind=kind, content_type=content_type, headers=headers, options=options)
    if status is not None and status >= 300:
        doc.page_type = "redirect" if status < 400 else "error"
        doc.empty_reason = doc.empty_reason or f"HTTP {status}"
    return doc


def _clean(data: str | bytes, *, url: str | None, kind: str | None, content_type: str | None,
           headers: Mapping[str, str] | None, options: Options) -> Document:
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}; use 'html' or 'text'")
    if isinstance(data, (bytes, bytearray, memoryview)):
        text = decode(bytes(data), content_type, headers)
    elif isinstance(data, str):
        # The same repair as for bytes: a str may come from a scraper that decoded with the wrong charset.
        text = repair(data)
    else:
        raise InputError(f"expected str or bytes, got {type(data).__name__}")
    if "\x00" in text[:4096]:
        raise InputError("binary data, not a page (NUL characters)")
    kind = kind or sniff_kind(text)
    if not text.strip():
        return Document(kind=kind, url=url, page_type="empty", empty_reason="empty input")
    if kind == "html":
        from .html import clean_html

        return clean_html(text, options, url=url)
    from .text import clean_text

    return clean_text(text, options, url=url)
