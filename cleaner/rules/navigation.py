"""`navigation`: skip links, menu labels, breadcrumbs, separated and glued link lists."""

from __future__ import annotations

import re

from . import lexicon
from .line import Line
from .registry import rule

BREADCRUMB_SEPARATOR = re.compile(r"\s+(?:>|›|»|→|/|\\|::)\s+|\s*[>›»→]\s*")
LIST_SEPARATOR = re.compile(r"\s+[|/·•‧∙◦]\s+|\s*[|｜]\s*")
_LIST_MARK = re.compile(r"[|/·•‧∙◦｜]")  # a character every LIST_SEPARATOR match holds
# Title-case words glued without a space, as link lists flatten: "SubscribeSign In", "ModelsAI Infra".
GLUE = re.compile(r"[a-z\u00df-\u00ff][A-Z\u00c0-\u00de]|[A-Z]{2}[A-Z][a-z]")
# Every GLUE match as a gate: found from its capital (capitals are few, so the scan skips most of a
# line) with the letters before it looked behind for.
_GLUE_GATE = re.compile(r"[A-Z\u00c0-\u00de](?:(?<=[a-z\u00df-\u00ff].)|(?<=[A-Z]{3})[a-z])")
URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
MAX_ITEM_WORDS = 5
_ITEM_END = re.compile(r"[.!?;,]$")  # a sentence's end: prose, not a menu item
_CRUMB_MARK = re.compile(r"[>›»→]|\s/\s|::")  # what a breadcrumb trail has between its items


def _segments(text: str, separator: re.Pattern[str]) -> list[str]:
    return [part.strip() for part in separator.split(text) if part.strip()]


def _menu_item(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= MAX_ITEM_WORDS and len(part) <= 40 and not _ITEM_END.search(part)


@rule("navigation", within=8, gate=lexicon.folded_phrase_gate(), gate_folded=True)
def skip_link(line: Line) -> bool:
    """'Skip to main content' and its kin in other languages."""
    return line.within(8) and line.may_hold_phrase and bool(lexicon.lowered_phrases("skip_phrases").match(line.lower))


@rule("navigation", max_words=4, gate=lexicon.label_gate(), gate_folded=True)
def menu_label(line: Line) -> bool:
    """A line that is only a menu or control label ('Home', 'Sign in', 'Next')."""
    return line.size <= 4 and line.norm in lexicon.words("nav_words")


@rule("navigation", max_chars=200, gate=re.compile(r"[>›»→:/]"))  # _CRUMB_MARK's characters
def breadcrumb(line: Line) -> bool:
    """'Home > News > Industry': three or more short items joined by > › » or /."""
    return breadcrumb_items(line.text) is not None


def breadcrumb_items(text: str) -> list[str] | None:
    """The items of a breadcrumb trail, or None when the line is not one."""
    if len(text) > 200 or not _CRUMB_MARK.search(text):
        return None
    parts = _segments(text, BREADCRUMB_SEPARATOR)
    if len(parts) < 2 or not all(_menu_item(p) for p in parts):
        return None
    home = lexicon.norm(parts[0]) in lexicon.words("nav_words")
    if len(parts) >= 3 or home:
        return parts
    return None


def trail_end(text: str) -> str | None:
    """The item that ends a breadcrumb trail, the page's own headline ('Home » News » Council backs the
    budget' -> 'Council backs the budget'), or None. Only the last item may be long: the items before it
    are menu items, the first a home link ('You are here: Home') unless there are three or more."""
    if len(text) > 300 or not _CRUMB_MARK.search(text):
        return None
    parts = _segments(text, BREADCRUMB_SEPARATOR)
    if len(parts) < 2 or not all(_menu_item(p) for p in parts[:-1]):
        return None
    home = lexicon.norm(parts[0].rsplit(":", 1)[-1]) in lexicon.words("nav_words")
    return parts[-1] if home or len(parts) >= 3 else None


@rule("navigation", max_chars=300, gate=_LIST_MARK)
def separated_link_list(line: Line) -> bool:
    """'About / Advertise / Contact' or 'News | Sport | Weather': short items between separators."""
    if len(line.text) > 300 or not _LIST_MARK.search(line.text):
        return False  # without a separator character the line is one segment
    parts = _segments(line.text, LIST_SEPARATOR)
    return len(parts) >= 3 and all(_menu_item(p) for p in parts)


@rule("navigation", max_chars=600, gate=_GLUE_GATE)
def glued_link_list(line: Line) -> bool:
    """Link texts run together without spaces: 'Meta AIOpen Source AIClosed Models...'."""
    if line.ends_sentence or len(line.text) > 600:
        return False
    glued = len(GLUE.findall(line.text))
    return glued >= 3 and glued * 4 >= len(line.words)


@rule("navigation", gate=re.compile(r"\n(?:https?://|www\.)"), gate_folded=True)
def bare_url(line: Line) -> bool:
    """A line that is nothing but a web address."""
    return bool(URL.match(line.text))


@rule("navigation", gate=re.compile(r"\n(?:[^\w\n]|_)*\n"))  # \w: a letter, a digit or "_"
def empty_item(line: Line) -> bool:
    """A bullet or separator with no words ('*', '|', '»')."""
    return not any(c.isalnum() for c in line.text)
