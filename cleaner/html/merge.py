"""Merge sibling body chunks: a story split by ad columns into several containers of one kind.

Extractors keep the best container only, so everything after the first ad break is lost. Chunks
are recognised by having the main container's tag and class and real paragraph text of their own.
"""

from __future__ import annotations

from lxml import html

MAX_LEVELS = 3  # how far above the main container chunks are searched for
MIN_CHUNK_CHARS = 150  # paragraph text a chunk needs (teaser cards have less)
MIN_MAIN_PARAGRAPHS = 2


def _paragraph_chars(el: html.HtmlElement) -> int:
    return sum(len(child.text_content().strip()) for child in el if child.tag == "p")


def merge_chunks(main: html.HtmlElement | None) -> int:
    """Move the content of the main container's sibling chunks into the first; return how many merged."""
    # A main container holding one paragraph is a per-paragraph wrapper, not a chunk of a story.
    if main is None or not main.get("class") or sum(child.tag == "p" for child in main) < MIN_MAIN_PARAGRAPHS:
        return 0
    signature = (main.tag, main.get("class"))
    scope = main
    for _ in range(MAX_LEVELS):
        parent = scope.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        scope = parent
    if scope is main:
        return 0
    ancestors = set(main.iterancestors())
    chunks = [el for el in scope.iter(main.tag)
              if el is main or ((el.tag, el.get("class")) == signature and el not in ancestors
                                and _paragraph_chars(el) >= MIN_CHUNK_CHARS)]
    # Nested matches (a chunk inside a chunk) are not separate chunks.
    # (A set: a list scan here made pages split into thousands of chunks quadratic.)
    found = set(chunks)
    chunks = [el for el in chunks if not any(other in found for other in el.iterancestors())]
    if len(chunks) < 2 or main not in chunks:
        return 0
    first, rest = chunks[0], chunks[1:]
    for chunk in rest:
        for child in list(chunk):
            first.append(child)
        parent = chunk.getparent()
        if parent is not None:
            parent.remove(chunk)
    return len(rest)
