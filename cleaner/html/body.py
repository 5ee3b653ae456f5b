"""Extract the article body from a pruned tree: trafilatura's extractor, then our own post-filters."""

from __future__ import annotations

import copy

import trafilatura
from lxml import etree, html

from ..options import Options


def extract_body(root: html.HtmlElement, options: Options, url: str | None) -> etree._Element | None:
    """trafilatura's body XML (<body> of <p>, <head>, <list>, <table>, <quote>, <code>...) or None."""
    result = trafilatura.bare_extraction(
        root, url=url, with_metadata=False, fast=True, include_comments=False,
        include_tables=options.include_tables, include_links=options.include_links,
        include_images=options.include_images, include_formatting=True,
        favor_precision=options.preset == "precision", favor_recall=options.preset == "recall",
    )
    if result is None or result.body is None:
        return None
    return result.body


def copy_tree(root: html.HtmlElement) -> html.HtmlElement:
    return copy.deepcopy(root)
