"""Extract the article body from the pruned tree with trafilatura's extractor, as block XML."""

from __future__ import annotations

import trafilatura
from lxml import etree, html

from ..options import Options
from .presets import tuning


def extract(root: html.HtmlElement, options: Options, url: str | None, *,
            fallback: bool = False) -> tuple[etree._Element | None, etree._Element | None]:
    """(body XML, comments XML); comments only when `options.include_comments`."""
    # Any output format but "python" (the default) skips the plain-text rendering of the body and comments
    # (trafilatura's xmltotxt), which nothing here reads; the extraction is the same for every format.
    result = trafilatura.bare_extraction(
        root, url=url, with_metadata=False, fast=not fallback, include_comments=options.include_comments,
        output_format="xml",
        include_tables=options.include_tables, include_links=options.include_links,
        include_images=options.include_images, include_formatting=False,
        favor_precision=tuning(options).favor_precision, favor_recall=tuning(options).favor_recall,
    )
    if result is None or result.body is None:
        return None, None
    comments = result.commentsbody if options.include_comments else None
    if comments is not None and len(comments):
        blocks_only(comments)
    return blocks_only(result.body), comments if comments is not None and len(comments) else None


def blocks_only(body: etree._Element) -> etree._Element:
    """Put text lying loose between the extracted blocks into <p> blocks, so every later step
    (filters, renderers) sees blocks only."""
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
