"""Merge sibling body chunks: a story split by ad columns into several containers of one kind.

Extractors keep the best container only, so everything after the first ad break is lost. Chunks
are recognised by having the main container's tag and class and real paragraph text of their own.
"""

from __future__ import annotations

import re

from lxml import etree, html

MAX_LEVELS = 3  # how far above the main container chunks are searched for
MIN_CHUNK_CHARS = 150  # paragraph text a chunk needs (teaser cards have less)
MIN_MAIN_PARAGRAPHS = 2
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
FAR_CHUNK_SHARE = 0.5  # a chunk beyond MAX_LEVELS holds at least this share of the main container's paragraph text


_SAME_KIND = etree.XPath("descendant::*[name() = $tag and @class = $cls]")
_PLAIN_TAG = re.compile(r"[a-z][a-z0-9]*")
_same_tag: dict[str, etree.XPath] = {}  # one XPath per tag: a name test costs less than name() on every element
SAME_TAG_CACHE = 256


def same_kind(scope: html.HtmlElement, tag: str, cls: str | None) -> list[html.HtmlElement]:
    """The elements under `scope` of tag `tag` and class attribute `cls`, in document order."""
    if not _PLAIN_TAG.fullmatch(tag):  # a prefixed or odd tag name ("o:p") cannot be written as a name test
        return _SAME_KIND(scope, tag=tag, cls=cls)
    found = _same_tag.get(tag)
    if found is None:
        found = etree.XPath(f"descendant::{tag}[@class = $cls]")
        if len(_same_tag) < SAME_TAG_CACHE:
            _same_tag[tag] = found
    return found(scope, cls=cls)


def _paragraph_chars(el: html.HtmlElement) -> int:
    return sum(len(child.text_content().strip()) for child in el if child.tag == "p")


def _has_paragraph_chars(el: html.HtmlElement, least: float) -> bool:
    """_paragraph_chars(el) >= least, reading paragraphs only until they reach it (a story split into
    thousands of chunks would otherwise have every paragraph of each read, twice)."""
    total = 0
    for child in el:
        if child.tag == "p":
            total += len(child.text_content().strip())
            if total >= least:
                return True
    return total >= least


def _chunks(main: html.HtmlElement, scope: html.HtmlElement, min_chars: float) -> list[html.HtmlElement]:
    """The main container and the elements under `scope` of its tag and class with `min_chars` of paragraph
    text of their own, outermost only, in document order."""
    ancestors = set(main.iterancestors())
    # Matched in C: a Python walk of every element of the tag under the page body would cost each page.
    same = same_kind(scope, main.tag, main.get("class"))
    chunks = [el for el in same if el is main or (el not in ancestors and _has_paragraph_chars(el, min_chars))]
    # Nested matches (a chunk inside a chunk) are not separate chunks.
    # (A set: a list scan here made pages split into thousands of chunks quadratic.)
    found = set(chunks)
    return [el for el in chunks if not any(other in found for other in el.iterancestors())]


def story_chunks(main: html.HtmlElement | None) -> list[html.HtmlElement]:
    """The chunks of the story the main container is one of, itself included, in document order; [] when
    it stands alone."""
    return _story(main)[0]


Sections = dict[html.HtmlElement, list[html.HtmlElement]]


def _story(main: html.HtmlElement | None) -> tuple[list[html.HtmlElement], Sections | None]:
    """story_chunks, and when the main container holds one paragraph, the headings each chunk takes along
    (_sections)."""
    if main is None or not main.get("class"):
        return [], None
    # A main container holding one paragraph is a per-paragraph wrapper, or one section of a story written
    # a paragraph per section: judged below by the headings between the chunks.
    paragraphs = sum(child.tag == "p" for child in main)
    if not paragraphs:
        return [], None
    scope = main
    for _ in range(MAX_LEVELS):
        parent = scope.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        scope = parent
    if scope is main:
        return [], None
    chunks = _chunks(main, scope, MIN_CHUNK_CHARS)
    # None near: the story's parts may be whole page sections, stacked one under the other (a table or
    # a picture between them), one level further up, up to the page body. There a side column's box of the
    # same class is near too, so a far chunk must weigh as much as a part of the story does.
    far = scope.getparent()
    if len(chunks) < 2 and far is not None and far.tag != "html":
        chunks = _chunks(main, far, max(MIN_CHUNK_CHARS, FAR_CHUNK_SHARE * _paragraph_chars(main)))
    if len(chunks) < 2 or main not in chunks:
        return [], None
    if paragraphs >= MIN_MAIN_PARAGRAPHS:
        return chunks, None
    sections = _sections(chunks)
    return (chunks, sections) if sections is not None else ([], None)


def _sections(chunks: list[html.HtmlElement]) -> Sections | None:
    """Chunks of one paragraph each are the sections of one story when headings without links stand between
    them (a story's subheadings): each chunk's headings after the previous chunk, or None. Linked headings
    between them are other stories' titles (a list of posts)."""
    outer = chunks[0].getparent()
    while outer is not None and not all(outer in set(chunk.iterancestors()) for chunk in chunks[1:]):
        outer = outer.getparent()
    if outer is None:
        return None
    found, seen = set(chunks), 0
    headings: dict[html.HtmlElement, list[html.HtmlElement]] = {chunk: [] for chunk in chunks}
    for el in outer.iter():
        if el in found:
            seen += 1
        elif 0 < seen < len(chunks) and el.tag in HEADINGS and not any(a in found for a in el.iterancestors()):
            if el.find(".//a") is not None:
                return None
            headings[chunks[seen]].append(el)
    return headings if any(headings.values()) else None


def merge_chunks(main: html.HtmlElement | None) -> int:
    """Move the content of the main container's sibling chunks into it; return how many merged."""
    chunks, sections = _story(main)
    if not chunks or main is None:
        return 0
    # The main container receives the others, in document order, and stays in the tree: every later step
    # (paragraph <div>s, the lead, the retries) works on it.
    place = chunks.index(main)
    # A story written a paragraph per section: each section's heading goes along with its paragraph.
    head = main[0]  # what comes before it goes in before it, in order
    for chunk in chunks[:place + 1]:
        moved = [*(sections or {}).get(chunk, ()), *(chunk if chunk is not main else ())]
        for child in moved:
            head.addprevious(child)  # not main.insert(i, ...): lxml walks to the i-th child each time
    for chunk in chunks[place + 1:]:
        for child in [*(sections or {}).get(chunk, ()), *chunk]:
            main.append(child)
    for chunk in chunks:
        parent = chunk.getparent()
        if chunk is not main and parent is not None:
            parent.remove(chunk)
    return len(chunks) - 1
