"""Parse HTML once, safely: no network, no entity expansion, bounded input and tree size."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from lxml import etree, html

from ..limits import MAX_HTML_CHARS

MAX_INPUT_CHARS = MAX_HTML_CHARS  # larger inputs are not single web pages
# A bound on tree size, so one page cannot stall a batch: the pipeline costs up to ~0.5 ms an element
# (250k sibling <p> ran past 60 s), and the largest of 1,474 dev-set pages has 10.5k elements.
# Depth needs no check of ours: libxml2 (huge_tree off) nests at most 255 levels; deeper content is dropped.
MAX_ELEMENTS = 100_000

MAX_ATTRIBUTES = 1_000  # per element; libxml2 checks each new attribute against all before it (n²)
# A tag over the bound keeps its name and loses its attributes (100k took 60 s+ to parse). Inside a start tag
# libxml2 reads a "<" as part of an attribute's name ("a1855<2=x"), so only a ">" ends it: the stretches
# between two ">" are scanned, each once, and a flooded one is cut from its first tag start.
_STRETCH = re.compile(r"[^>]+")
_TAG_START = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)")
_LONG_STRETCH = 4 * MAX_ATTRIBUTES  # characters a stretch needs to hold that many attributes
# Numeric references to characters XML forbids (C0 controls, U+FFFE, U+FFFF): libxml2 decodes "&#1;"
# into the tree, and lxml then refuses to set any text holding it ("All strings must be XML compatible").
_REFERENCE = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})(?![0-9a-fA-F])|0*([0-9]{1,7})(?![0-9]));?")
_FORBIDDEN_CODES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0D} | {0xFFFE, 0xFFFF}
# Where _REFERENCE matches a reference _drop_forbidden_reference changes (codes 0-31, the soft hyphen, U+FFFE,
# U+FFFF: a superset of its codes), this matches too: a page without such a match is left as it is, without the
# substitution's copy of the page and a Python call per reference.
_CHANGED_REFERENCE = re.compile(r"&#(?:[xX]0*(?:1?[0-9a-fA-F]|[aA][dD]|[fF]{3}[eEfF])(?![0-9a-fA-F])"
                                r"|0*(?:[12]?[0-9]|3[01]|173|6553[45])(?![0-9]))")
# Soft hyphens mark where a browser may break a word and show only there: "Mit&shy;tel&shy;al&shy;ter" reads
# "Mittelalter", and a word split by them meets no rule, phrase list or search. They go before parsing, with
# their references.
SOFT_HYPHEN = 0xAD
# An XML declaration with an encoding makes lxml refuse an already-decoded str.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


# Who wants to see each page's tree as parsed, before anything changes it (the batch's site-template
# keys: reading them off this tree spares a second decode and parse of every page).
_observer: ContextVar[Callable[[html.HtmlElement], None] | None] = ContextVar("parsed_tree_observer", default=None)


@contextmanager
def observing_parsed_trees(fn: Callable[[html.HtmlElement], None]) -> Iterator[None]:
    """Within the block, `fn` sees the root of every page the HTML path parses, before metadata and pruning
    read or change it; `fn` must not change it."""
    token = _observer.set(fn)
    try:
        yield
    finally:
        _observer.reset(token)


def show_parsed(root: html.HtmlElement) -> None:
    """Hand the freshly parsed `root` to the observer, if any (observing_parsed_trees)."""
    fn = _observer.get()
    if fn is not None:
        fn(root)


class ParseFailure(Exception):
    """The input cannot be turned into a usable tree; the message says why."""


def _parser(encoding: str | None = None) -> html.HTMLParser:
    # A fresh parser per call: lxml parsers are not safe to share between threads.
    parser = html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=False,
        collect_ids=False, default_doctype=False, remove_blank_text=False, encoding=encoding,
    )
    # Every element an HtmlElement, chosen in C: lxml.html's default lookup runs Python for each element
    # proxy (to give <form>, <input> ... their own classes, which nothing here uses).
    parser.set_element_class_lookup(_LOOKUP)
    return parser


_LOOKUP = etree.ElementDefaultClassLookup(element=html.HtmlElement, comment=html.HtmlComment,
                                          pi=html.HtmlProcessingInstruction, entity=html.HtmlEntity)


def parse_html(text: str, encoded: bytes | None = None) -> html.HtmlElement:
    """The root element of `text`, or ParseFailure with a reason a person can act on. `encoded`, when given, is
    text.encode("utf-8"), which the attribute-flood check reads and libxml2 parses while the preparation below
    leaves the text as it is (reading UTF-8 bytes costs it less than reading a str: the same tree)."""
    if len(text) > MAX_INPUT_CHARS:
        raise ParseFailure(f"input too large for one page ({len(text):,} characters, limit {MAX_INPUT_CHARS:,})")
    given = text
    text = _XML_DECLARATION.sub("", text, count=1)
    if text is not given:
        encoded = None
    if text.count("=") > MAX_ATTRIBUTES and _flood_possible(text, encoded):
        text = _without_attribute_floods(text)
    if "&#" in text and _CHANGED_REFERENCE.search(text):
        text = _REFERENCE.sub(_drop_forbidden_reference, text)
    if "\u00ad" in text or "&shy;" in text:
        text = text.replace("\u00ad", "").replace("&shy;", "")
    if not text.strip():
        raise ParseFailure("empty input")
    root = _document(text, encoded if text is given else None)
    if not len(root):
        # libxml2 ends the document at a self-closed <html .../> (a browser ignores the slash of a tag that is not
        # void): all the page after it was lost. Checked on an empty tree only, so other pages pay nothing.
        unclosed = _SELF_CLOSED_HTML.sub(r"\1\2", text, count=1)
        if unclosed != text:
            root = _document(unclosed)
    # Counted in C: a Python walk of the whole tree costs more than the check is worth. Each element needs a "<",
    # but for the few libxml2 implies (html, head, body, and a <p> before loose text, one per text node at most):
    # a source with few enough "<" needs no count.
    if 2 * text.count("<") + 4 > MAX_ELEMENTS and root.xpath("count(//*)") > MAX_ELEMENTS:
        raise ParseFailure(f"tree too large ({MAX_ELEMENTS:,}+ elements)")
    return root


def _document(text: str, encoded: bytes | None = None) -> html.HtmlElement:
    """The tree of `text`, read from `encoded` (its UTF-8 bytes) when given."""
    try:
        # document_fromstring always yields an <html> root (libxml2 adds html/body to fragments).
        root = html.document_fromstring(text, parser=_parser()) if encoded is None else \
            html.document_fromstring(encoded, parser=_parser("utf-8"))
    except (etree.ParserError, ValueError, etree.XMLSyntaxError) as exc:
        raise ParseFailure(f"unparseable HTML: {exc}") from exc
    if root is None:
        raise ParseFailure("no HTML elements")
    return root


_SELF_CLOSED_HTML = re.compile(r"(<html\b[^<>]*?)/(\s*>)", re.I)


def _drop_forbidden_reference(match: re.Match[str]) -> str:
    hexa, decimal = match.groups()
    code = int(hexa, 16) if hexa is not None else int(decimal)
    if code == SOFT_HYPHEN:
        return ""
    if code not in _FORBIDDEN_CODES:
        return match.group(0)
    return " " if code == 0x0C else ""  # a form feed is whitespace; the rest go, as html.unescape drops them


def _flood_possible(text: str, encoded: bytes | None = None) -> bool:
    """Whether some stretch between two ">" holds more than MAX_ATTRIBUTES "=", as a flooded tag must: found in
    C, while the _LONG_TAG scan costs more than parsing on the many pages with over that many "=" in all. With
    every other byte deleted from the UTF-8 text ("=" and ">" are single bytes in it), such a stretch is a run
    of that many "=" (splitting the text at each ">" cost twice as much: a string per piece). `encoded`, when
    given, is the text's UTF-8 bytes."""
    data = text.encode("utf-8", "surrogatepass") if encoded is None else encoded
    return _EQUALS_RUN in data.translate(None, _NOT_EQUALS_OR_CLOSE)


_NOT_EQUALS_OR_CLOSE = bytes(b for b in range(256) if b not in b"=>")
_EQUALS_RUN = b"=" * (MAX_ATTRIBUTES + 1)


def _without_attribute_floods(text: str) -> str:
    """`text` with each start tag of more than MAX_ATTRIBUTES attributes cut to its name."""
    parts, done = [], 0
    for match in _STRETCH.finditer(text):
        if match.end() - match.start() < _LONG_STRETCH:
            continue
        stretch = match.group()
        if stretch.count("=") <= MAX_ATTRIBUTES:
            continue  # one long attribute value (a data: URI, inline JSON) is fine
        tag = _TAG_START.search(stretch)
        if tag is None or stretch.count("=", tag.end()) <= MAX_ATTRIBUTES:
            continue
        parts += [text[done:match.start() + tag.end()]]
        done = match.end()
    return "".join(parts) + text[done:] if parts else text
