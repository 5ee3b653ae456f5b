"""Extract the article body from a pruned tree: trafilatura's extractor, then our own post-filters."""

from __future__ import annotations

import trafilatura
from lxml import etree, html  # noqa: F401  (html: the tree type)

from ..options import Options
from .presets import tuning


def extract(root: html.HtmlElement, options: Options, url: str | None, *,
            fallback: bool = False) -> tuple[etree._Element | None, etree._Element | None]:
    """(body XML, comments XML); comments only when `options.include_comments`."""
    result = trafilatura.bare_extraction(
        root, url=url, with_metadata=False, fast=not fallback, include_comments=options.include_comments,
        include_tables=options.include_tables, include_links=options.include_links,
        include_images=options.include_images, include_formatting=False,
        favor_precision=tuning(options).favor_precision, favor_recall=tuning(options).favor_recall,
    )
    if result is None or result.body is None:
        return None, None
    comments = result.commentsbody if options.include_comments else None
    if comments is not None and len(comments):
        wrap_loose_text(comments)
    return wrap_loose_text(result.body), comments if comments is not None and len(comments) else None


def wrap_loose_text(body: etree._Element) -> etree._Element:
    """Put text lying loose between blocks (a lead written straight into a <div>) into <p> blocks,
    so every later step sees blocks only."""
    if body.text and body.text.strip():
        lead = etree.Element("p")
        lead.text = body.text.strip()
        body.insert(0, lead)
    body.text = None
    for block in list(body):
        if block.tail and block.tail.strip():
            loose = etree.Element("p")
            loose.text = block.tail.strip()
            block.addnext(loose)
        block.tail = None
    return body
