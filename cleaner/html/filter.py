"""Post-filters over the extracted body: the shared text rules, duplicate blocks, tail sections.

Works on trafilatura's body XML (<p>, <head>, <list>/<item>, <table>, <quote>, <code>, ...);
every removed block is recorded with its family and rule and the block's path in that XML.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from ..document import Removal
from ..edit_links import split_edit_link
from ..rules import Line, Rule
from ..rules.registry import match_lines

REMOVAL_TEXT_CHARS = 300
MIN_DUPLICATE_CHARS = 20
MIN_DUPLICATE_RUN = 3  # blocks in a repeated run
MIN_DUPLICATE_RUN_CHARS = 300
MIN_MEAN_CHARS = 100
MIN_COPY_RUN, MIN_COPY_CHARS = 2, 100  # a shorter run of prose blocks seen exactly twice is a second copy
# Blocks compared per candidate run: without a cap, a page of thousands of equal short blocks compares
# each with all before it (n², 20k equal <p> took 75 s). A longer copy is still dropped, a run at a time.
MAX_RUN_SCAN = 64
# Blocks whose families end the article: everything after such a heading goes with it.
TAIL_FAMILIES = frozenset({"related", "comments"})
TAIL_START = 0.5  # only in the second half of the body, so an early "Related" box cannot cut the story
# Families the last pass removes; `metadata` lines (bylines, datelines) go too, their facts are read
# from the markup.
PASS_FAMILIES = frozenset({"navigation", "language_picker", "disclaimer", "cookie_banner", "widget", "promo",
                           "footer", "media", "related", "comments", "metadata"})
MAX_RULE_WORDS = 25  # longer blocks are prose, whatever a phrase inside them says (per preset)


def block_text(el: etree._Element) -> str:
    """The block's text on one line, a line break (<lb/>) read as a space: "Turkey<br>Maple" is two words."""
    # Most blocks hold no line break: one C walk. (iterdescendants asks libxml2 for the tag; find(".//lb") went
    # through ElementPath's Python, twice the cost a block.)
    if next(el.iterdescendants("lb"), None) is None:
        return " ".join("".join(el.itertext()).split())
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            parts.append(" " if node.tag == "lb" else node.text or "")
        elif node is not el:
            parts.append(node.tail or "")
    return " ".join("".join(parts).split())


def _path(el: etree._Element) -> str:
    return "extracted:" + el.getroottree().getpath(el)


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _duplicate_runs(texts: list[str]) -> set[int]:
    """Indices of blocks that repeat, in order, a run of earlier blocks: a second copy of the story.

    Single repeats of short blocks are left alone: pages repeat their own short structure (recipe
    steps, questions an interview puts to each guest). A run of two prose blocks, each seen exactly
    twice on the page, goes too: a page carrying a desktop and a mobile copy of its cards repeats
    them a card (title and blurb) at a time.
    """
    first_seen: dict[str, int] = {}
    lowered = [text.lower() for text in texts]
    counts = Counter(lowered)
    doomed: set[int] = set()
    i = 0
    while i < len(texts):
        start = first_seen.get(lowered[i]) if len(texts[i]) >= MIN_DUPLICATE_CHARS else None
        if start is None:
            first_seen.setdefault(lowered[i], i)
            i += 1
            continue
        length = 0
        while (i + length < len(texts) and start + length < i and length < MAX_RUN_SCAN
               and lowered[start + length] == lowered[i + length]):
            length += 1
        chars = sum(len(t) for t in texts[i:i + length])
        # Prose paragraphs, not short list-like lines (a meal plan repeats its days' menus).
        if length >= MIN_DUPLICATE_RUN and chars >= max(MIN_DUPLICATE_RUN_CHARS, MIN_MEAN_CHARS * length):
            doomed.update(range(i, i + length))
            i += length
        elif length >= MIN_COPY_RUN and chars >= MIN_COPY_CHARS * length and all(
                counts[text] == 2 for text in lowered[i:i + length]):
            doomed.update(range(i, i + length))
            i += length
        else:
            i += 1
    return doomed


def _fold(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


def _flags(texts: list[str], max_words: int, skip: frozenset[str]) -> list[Rule | None]:
    """The rule flagging each text (a block or list item) for removal: the first rule that matches it (`match`)
    when it is of a family this pass removes and not skipped. Texts over `max_words` are prose. The rules'
    gates are searched once over all the texts (match_lines: the same answers as `match`)."""
    lines = [Line(text) for text in texts]
    judged = [i for i, line in enumerate(lines) if line.text and line.words_at_most(max_words)]
    out: list[Rule | None] = [None] * len(lines)
    for i, rule in zip(judged, match_lines([lines[i] for i in judged]), strict=True):
        if rule is not None and rule.reason in PASS_FAMILIES and rule.name not in skip:
            out[i] = rule
    return out


def _drop_edit_link(heading: etree._Element) -> list[Removal]:
    """A wiki heading's trailing "[edit]" link goes; the heading keeps its words (inline markup is
    flattened, as a heading's text is all that is rendered)."""
    kept, link = split_edit_link(block_text(heading))
    if link is None:
        return []
    tail = heading.tail
    for child in list(heading):
        heading.remove(child)
    heading.text, heading.tail = kept, tail
    return [Removal(link, "navigation", "edit-link", path=_path(heading))]


def filter_body(body: etree._Element, title: str | None = None, description: str | None = None,
                max_words: int = MAX_RULE_WORDS, skip: frozenset[str] = frozenset()) -> list[Removal]:
    """Remove flagged, duplicate and tail blocks from `body` in place; return the removals.

    A leading heading that repeats the title goes to the metadata, as the text path does.
    """
    removals: list[Removal] = []
    first = next(iter(body), None)
    if first is not None and first.tag == "head" and title and _fold(block_text(first)) == _fold(title):
        removals.append(Removal(block_text(first)[:REMOVAL_TEXT_CHARS], "metadata", "title", path=_path(first)))
        _remove(first)
    first = next(iter(body), None)
    if first is not None and first.tag == "head" and description and _fold(block_text(first)) == _fold(description):
        # A standfirst set as a heading that repeats the page description: the summary, not the story.
        removals.append(Removal(block_text(first)[:REMOVAL_TEXT_CHARS], "metadata", "description",
                                path=_path(first)))
        _remove(first)
    for heading in body.iter("head"):
        removals.extend(_drop_edit_link(heading))
    blocks = list(body)
    texts = [block_text(b) for b in blocks]
    total = sum(len(t) for t in texts) or 1
    duplicates = _duplicate_runs(texts)
    # A list is judged item by item; other blocks whole. Every unit's text is read before any goes (removing one
    # changes no other's), so the rules judge them all at once.
    units = [(index, unit, block_text(unit) if unit is not block else texts[index])
             for index, block in enumerate(blocks) if texts[index] and index not in duplicates
             for unit in (block.iter("item") if block.tag == "list" else (block,))]
    judged: dict[int, list[tuple[etree._Element, str, Rule | None]]] = {}
    for (index, unit, unit_text), found in zip(units, _flags([t for _, _, t in units], max_words, skip), strict=True):
        judged.setdefault(index, []).append((unit, unit_text, found))
    done = 0
    for index, block in enumerate(blocks):
        text = texts[index]
        position = done / total
        done += len(text)
        if not text:
            continue
        if index in duplicates:
            removals.append(Removal(text[:REMOVAL_TEXT_CHARS], "duplicate", "repeated-blocks", path=_path(block)))
            _remove(block)
            continue
        for unit, unit_text, found in judged.get(index, ()):  # a list may hold no item
            if not unit_text or found is None:
                continue
            if found.reason in TAIL_FAMILIES and unit is block and position >= TAIL_START and block.tag == "head":
                for gone in blocks[index:]:
                    gone_text = block_text(gone)
                    if gone_text:
                        removals.append(Removal(gone_text[:REMOVAL_TEXT_CHARS], found.reason, found.name + "-section",
                                                path=_path(gone)))
                    _remove(gone)
                return removals + _drop_closing_headings(body)
            removals.append(Removal(unit_text[:REMOVAL_TEXT_CHARS], found.reason, found.name, path=_path(unit)))
            _remove(unit)
    return removals + _drop_closing_headings(body)


def _drop_closing_headings(body: etree._Element) -> list[Removal]:
    """Headings left as the body's last blocks: a heading announces what follows it, and with nothing
    after it, what it announced ("More topics", "Further reading") was a box that pruning or the rules
    above removed. (A short line ending in ":" is not judged so: on trafilatura_extra that lost more
    kept text than boilerplate it dropped.)"""
    removals: list[Removal] = []
    while len(body) > 1 and body[-1].tag == "head":
        last = body[-1]
        text = block_text(last)
        if text:
            removals.append(Removal(text[:REMOVAL_TEXT_CHARS], "navigation", "closing-heading", path=_path(last)))
        _remove(last)
    return removals
