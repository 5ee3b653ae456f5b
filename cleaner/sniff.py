"""Tell HTML from plain text by looking at the content."""

from __future__ import annotations

import re

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|\?xml)\b",
                         re.I | re.S)
_TAG = re.compile(r"</?(?:div|p|a|span|table|ul|li|h[1-6]|br|img|section|article|script|style)\b[^>]*>", re.I)
SNIFF_CHARS = 8192


def sniff_kind(text: str) -> str:
    """'html' when the content looks like markup, else 'text'."""
    head = text[:SNIFF_CHARS]
    if _HTML_START.match(head):
        return "html"
    tags = len(_TAG.findall(head))
    return "html" if tags >= 5 and head.lstrip().startswith("<") else "text"
