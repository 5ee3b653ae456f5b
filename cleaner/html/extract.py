"""HTML -> Document: parse once, prune, extract the body, post-filter, render, read metadata."""

from __future__ import annotations

from trafilatura.xml import xmltotxt

from ..document import Document
from ..options import Options
from .body import extract_body
from .filter import filter_body
from .merge import merge_chunks
from .parse import ParseFailure, parse_html
from .prune import prune


def clean_html(html: str, options: Options, *, url: str | None = None) -> Document:
    """Clean one HTML page. Bad HTML gives an empty Document with `empty_reason`, never an exception."""
    doc = Document(kind="html", url=url)
    try:
        root = parse_html(html)
    except ParseFailure as exc:
        doc.page_type, doc.empty_reason = "empty", str(exc)
        return doc
    pruned = prune(root)
    doc.removed.extend(pruned.removals)
    merge_chunks(pruned.main)
    body = extract_body(root, options, url)
    if body is None:
        doc.page_type, doc.empty_reason = "empty", "no article body found"
        return doc
    doc.removed.extend(filter_body(body))
    doc.text = xmltotxt(body, False).strip()
    return doc
