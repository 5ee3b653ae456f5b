"""Extract the article body from a pruned tree: trafilatura's extractor, then our own post-filters."""

from __future__ import annotations

import trafilatura
from lxml import etree, html  # noqa: F401  (html: the tree type)

from ..options import Options


def extract_body(root: html.HtmlElement, options: Options, url: str | None, *,
                 fallback: bool = False) -> etree._Element | None:
    """trafilatura's body XML (<body> of <p>, <head>, <list>, <table>, <quote>, <code>...) or None.

    `fallback` lets trafilatura compare its result with readability's and jusText's (slower).
    """
    result = trafilatura.bare_extraction(
        root, url=url, with_metadata=False, fast=not fallback, include_comments=False,
        include_tables=options.include_tables, include_links=options.include_links,
        include_images=options.include_images, include_formatting=False,
        favor_precision=options.preset == "precision", favor_recall=options.preset == "recall",
    )
    if result is None or result.body is None:
        return None
    return wrap_loose_text(result.body)


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
