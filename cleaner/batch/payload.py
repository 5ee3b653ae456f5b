"""What a fetched payload is, before anyone tries to clean it: a page, or something else and why.

Crawls hold far more than pages: images, stylesheets, scripts, fonts, feeds, robots.txt, sitemaps
and the crawler's own logs. `classify` looks at the declared content type, the URL and the first
bytes of the payload, in that order of trust for binary families and in the reverse order for text:
a server that says `text/plain` may be serving a script, an XML playlist or a robots.txt, so text is
sniffed; a server that says `image/gif` is believed. Nothing here is about one site or one crawler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..sniff import sniff_kind

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
# Families believed from the content type alone: exact types first, then prefixes, in order.
_EXACT = {
    "text/css": "stylesheet", "text/javascript": "script", "application/javascript": "script",
    "application/x-javascript": "script", "application/ecmascript": "script", "text/ecmascript": "script",
    "text/x-component": "script", "application/json": "data", "text/json": "data", "text/csv": "data",
    "text/calendar": "data", "text/vcard": "data", "text/dns": "DNS lookup", "text/anvl": "crawler record",
    "application/warc-fields": "crawler record", "application/pdf": "document", "application/msword": "document",
    "application/x-shockwave-flash": "flash", "application/zip": "archive", "application/gzip": "archive",
}
_PREFIXES = (("image/", "image"), ("audio/", "audio"), ("video/", "video"), ("font/", "font"),
             ("application/font", "font"), ("application/x-font", "font"), ("application/vnd.ms-fontobject", "font"),
             ("application/vnd.", "document"), ("application/x-", "binary"))
WEB_SCHEMES = frozenset({"http", "https", "ftp", "file"})
SNIFF_BYTES = 16384
BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"RIFF", b"\x00\x00\x01\x00",
                b"wOFF", b"wOF2", b"OTTO", b"\x00\x01\x00\x00", b"CWS", b"FWS", b"\x1f\x8b", b"BM")
MIN_LINES = 3  # a sniffed text family needs at least this many lines to be sure

_ROBOTS_LINE = re.compile(r"^\s*(?:user-agent|disallow|allow|sitemap|crawl-delay|host|request-rate|"
                          r"visit-time|noindex)\s*:", re.I)
_LOG_LINE = re.compile(r"^\s*(?:--)?\[?(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\w{3}/\d{4}|\d{2}:\d{2}:\d{2})[ T:\]\-,]")
_CODE_LINE = re.compile(r"(?:[;{}]\s*$|^\s*(?://|/\*|\}|#include|function\b|var\b|const\b|let\b|"
                        r"import\b|return\b|if\s*\())")
_STAR_LINE = re.compile(r"^\s*\*")  # inside a /* block comment; alone it is a text dump's bullet
_URL_LINE = re.compile(r"^\s*https?://\S+\s*$", re.I)
_XML_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)[\s>/]")
_SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})


@dataclass(frozen=True)
class Verdict:
    """`kind` ('html', 'text' or None to sniff) for a page; `skip` says why it is not one."""

    kind: str | None = None
    skip: str | None = None


def mime_of(content_type: str | None) -> str:
    """'text/html; charset=utf-8' -> 'text/html'."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def classify(content_type: str | None, url: str | None, head: bytes, record_type: str = "response") -> Verdict:
    """Whether a payload is a page to clean, from its content type, URL and first bytes.

    `record_type` is the WARC record type: a `resource` outside the web's URL schemes is a file the
    crawler wrote about itself (its log, its arguments), not something it fetched.
    """
    mime = mime_of(content_type)
    scheme = _scheme(url)
    if scheme == "dns":
        return Verdict(skip="DNS lookup (dns: record)")
    if mime and mime not in HTML_TYPES and mime not in TEXT_TYPES and not mime.endswith("+html"):
        family = _family(mime)
        if family is not None:
            return Verdict(skip=f"{family} ({mime})")
    is_html = mime in HTML_TYPES or mime.endswith("+html")
    text_verdict = None if is_html else sniff_text(head, url)  # declared HTML is believed
    if text_verdict is not None:
        return Verdict(skip=text_verdict)
    if record_type == "resource" and scheme and scheme not in WEB_SCHEMES:
        return Verdict(skip=f"crawler's own file ({scheme}: record)")
    if is_html:
        return Verdict(kind="html")
    if mime in TEXT_TYPES:
        return Verdict(kind="text")
    if any(head.startswith(m) for m in BINARY_MAGIC) or b"\x00" in head[:4096]:
        return Verdict(skip=f"binary ({mime or 'no content type'})")
    if mime and mime not in ("application/octet-stream", "text/xml", "application/xml") \
            and not mime.startswith("text/"):
        return Verdict(skip=f"not a page ({mime})")
    return Verdict(kind=None)  # unknown or generic: the cleaner sniffs HTML or text


def _scheme(url: str | None) -> str:
    if not url or ":" not in url:
        return ""
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        return ""


def _family(mime: str) -> str | None:
    if mime in _EXACT:
        return _EXACT[mime]
    return next((what for prefix, what in _PREFIXES if mime.startswith(prefix)), None)


def sniff_text(head: bytes, url: str | None = None) -> str | None:
    """Why a text payload is not a page (robots.txt, sitemap, XML data, log, code, JSON), or None.

    Judged on the content; the URL's path only settles robots.txt, whose name is a standard.
    """
    text = head[:SNIFF_BYTES].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    path = urlsplit(url).path.lower() if url and "://" in url else ""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    content = [ln for ln in lines if not ln.lstrip().startswith("#")]
    if content and _share(content, _ROBOTS_LINE) >= 0.8 and any(
            ln.lower().lstrip().startswith("user-agent") for ln in content):
        return "robots.txt (crawler directives)"
    if path.endswith("/robots.txt") and sniff_kind(text) != "html":
        return "robots.txt (crawler directives)"
    if text.startswith("<"):
        root = _xml_root(text.encode("utf-8", "replace"))
        if root is not None:
            if root in _SITEMAP_ROOTS:
                return f"sitemap (<{root}>)"
            if root != "html":
                return f"XML data (<{root}>)"
    if text[:1] in "{[" and _is_json(text):
        return "data (JSON)"
    if len(lines) >= MIN_LINES and sniff_kind(text) != "html":
        if _share(lines, _LOG_LINE) >= 0.6:
            return "crawler or server log (timestamped lines)"
        if _share(lines, _URL_LINE) >= 0.8:
            return "sitemap (list of URLs)"
    if sniff_kind(text) == "html":  # a page whose head is all inline style and script is still a page
        return None
    if len(lines) >= MIN_LINES and _looks_like_code(text, lines):
        return "script or stylesheet (code)"
    if _looks_minified(lines):
        return "script or stylesheet (minified code)"
    return None


def _share(lines: list[str], pattern: re.Pattern) -> float:
    return sum(1 for ln in lines if pattern.search(ln)) / len(lines) if lines else 0.0


def _xml_root(head: bytes) -> str | None:
    """The root element of an XML document (after the declaration, comments, doctype), lower-case;
    None when the payload does not start as XML does."""
    rest = head.lstrip()
    if not rest.startswith(b"<?xml"):
        return None
    pos = 0
    while True:
        match = _XML_ROOT.search(rest, pos)
        if match is None:
            return None
        start = match.start()
        if rest[start + 1:start + 2] in (b"?", b"!"):  # a declaration, comment or doctype
            pos = match.end()
            continue
        name = match.group(1).decode("ascii", "replace").lower()
        return name.rsplit(":", 1)[-1]


def _is_json(text: str) -> bool:
    import json

    try:
        json.loads(text)
        return True
    except ValueError:
        # the head may be cut mid-document: a JSON object's keys are quoted strings followed by ':'
        return bool(re.match(r'^[\[{]\s*(?:\{\s*)?"[^"\n]{1,80}"\s*:', text))


def _looks_like_code(text: str, lines: list[str]) -> bool:
    """Scripts and stylesheets served as text (an .htc behaviour, a .js under text/plain): most lines
    end in ; { } or open with a comment or a keyword (markup in a script's strings does not make it a
    page; text that reads as HTML was let through before this)."""
    code = _CODE_LINE if "/*" not in text else re.compile(f"{_CODE_LINE.pattern}|{_STAR_LINE.pattern}")
    return _share(lines, code) >= 0.5


def _looks_minified(lines: list[str]) -> bool:
    """Minified scripts and stylesheets: one long line dense in code punctuation, with few spaces
    (prose, even glued, has a space every few words; markup is judged as HTML before this)."""
    sample = next((ln for ln in lines if len(ln) >= 1000), "")[:4000]
    if not sample:
        return False
    punct = sum(sample.count(c) for c in ";{}()=,") / len(sample)
    return punct >= 0.06 and sample.count(" ") / len(sample) < 0.08
