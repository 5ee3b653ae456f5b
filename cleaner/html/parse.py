"""Parse HTML once, safely: no network, no entity expansion, bounded input and tree size."""

from __future__ import annotations

import re

from lxml import etree, html

MAX_INPUT_CHARS = 20_000_000  # larger inputs are not single web pages
MAX_ELEMENTS = 300_000  # a bound on tree size, so one page cannot stall a batch (libxml2 bounds depth)

# An XML declaration with an encoding makes lxml refuse an already-decoded str.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


class ParseFailure(Exception):
    """The input cannot be turned into a usable tree; the message says why."""


def _parser() -> html.HTMLParser:
    # A fresh parser per call: lxml parsers are not safe to share between threads.
    parser = html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=False,
        collect_ids=False, default_doctype=False, remove_blank_text=False,
    )
    # Every element an HtmlElement, chosen in C: lxml.html's default lookup runs Python for each element
    # proxy (to give <form>, <input> ... their own classes, which nothing here uses).
    parser.set_element_class_lookup(_LOOKUP)
    return parser


_LOOKUP = etree.ElementDefaultClassLookup(element=html.HtmlElement, comment=html.HtmlComment,
                                          pi=html.HtmlProcessingInstruction, entity=html.HtmlEntity)


def parse_html(text: str) -> html.HtmlElement:
    """The root element of `text`, or ParseFailure with a reason a person can act on."""
    if len(text) > MAX_INPUT_CHARS:
        raise ParseFailure(f"input too large for one page ({len(text):,} characters, limit {MAX_INPUT_CHARS:,})")
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        raise ParseFailure("empty input")
    try:
        # document_fromstring always yields an <html> root (libxml2 adds html/body to fragments).
        root = html.document_fromstring(text, parser=_parser())
    except (etree.ParserError, ValueError, etree.XMLSyntaxError) as exc:
        raise ParseFailure(f"unparseable HTML: {exc}") from exc
    if root is None:
        raise ParseFailure("no HTML elements")
    # Counted in C: a Python walk of the whole tree costs more than the check is worth.
    if root.xpath("count(//*)") > MAX_ELEMENTS:
        raise ParseFailure(f"tree too large ({MAX_ELEMENTS:,}+ elements)")
    return root
