"""One line or block of text with the features every rule reads, computed once."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .lexicon import may_hold_rule_phrase, norm

_BULLET_MARKS = "*+-•·▪◦●○■□►▶»›‣⁃–—"
_BULLET = re.compile(rf"^\s*(?:[{re.escape(_BULLET_MARKS)}]|\d{{1,2}}[.)](?=\s))\s+")
# The first characters of a stripped line _BULLET can match: its marks and the ASCII digits; other digits (\d:
# str.isdecimal) are asked for outside the ASCII range.
_BULLET_OPENERS = frozenset(_BULLET_MARKS + "0123456789")
_WORD = re.compile(r"\w+", re.U)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_TERMINAL = re.compile(r"[.!?…。！？:;\"'”’»)\]]\s*$")
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’»“‘«›‹)\]]?\s*$")
# Their classes, as sets of characters (for a test of a line's last characters; "" is in none)
_TERMINALS = frozenset(".!?…。！？:;\"'”’»)]")
_STOPS = frozenset(".!?…。！？")
_CLOSERS = frozenset("'\"”’»“‘«›‹)]")
# Characters a word may take on average in a line a short-line rule looks at. Beyond it the line is one
# long token (a hash, a URL, glued junk), which word counts miss: the rule skips it before its patterns.
CHARS_PER_WORD = 40
UNMATCHED = object()  # Line.matched before the rules have run on the line


class cached_property:  # noqa: N801  (named like the functools one it replaces)
    """functools.cached_property without its per-call lock (Python 3.11 takes one on every first read):
    a Line lives in one thread, and its features are read some million times per thousand pages."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass
class Line:
    """A line with derived features; `text` has bullets and outer spaces stripped."""

    raw: str
    number: int = 0
    text: str = field(init=False)
    bullet: bool = field(init=False)
    # Bit i set: the line holds the gate of RULES[i] (registry.match_lines); None: not searched yet.
    gates: int | None = field(default=None, init=False, repr=False, compare=False)
    # The first rule that flags the line (None: none), once registry.match_lines has said; UNMATCHED before.
    matched: Any = field(default=UNMATCHED, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.text, self.bullet = _text_and_bullet(self.raw)

    @cached_property
    def indent(self) -> int:
        """Leading spaces: the block's nesting in browser-like dumps (0 in flat dumps)."""
        return len(self.raw) - len(self.raw.lstrip(" "))

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def may_hold_phrase(self) -> bool:
        """Whether a rule's phrase list (lexicon.RULE_PHRASE_LISTS) could match the line: one search
        spares the five lists' own gates on most lines."""
        return may_hold_rule_phrase(self.lower)

    @cached_property
    def norm(self) -> str:
        return norm(self.text)

    @cached_property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)

    @cached_property
    def cjk(self) -> int:
        return len(_CJK.findall(self.text))

    @cached_property
    def size(self) -> int:
        """Word count, with CJK characters counted two to a word."""
        if not self.cjk:
            return len(self.words)  # the same count: without CJK, the substitution changes nothing
        return len(_WORD.findall(_CJK.sub(" ", self.text))) + (self.cjk + 1) // 2

    def words_at_most(self, words: int) -> bool:
        """`size <= words`, without listing every word of a long line (a prose paragraph): the scan stops
        at word `words + 1`."""
        if "size" in self.__dict__ or self.cjk:
            return self.size <= words
        return _more_words(words).match(self.text) is None

    def within(self, words: int) -> bool:
        """At most `words` words, and no longer than that many words can reasonably be."""
        return len(self.text) <= words * CHARS_PER_WORD and self.size <= words

    @cached_property
    def ends_sentence(self) -> bool:
        """_SENTENCE_END.search(text), read off the text's end (its search scans the whole line for a stop):
        its last character past the spaces (str.rstrip strips what \\s matches) a stop, or a closing mark
        after one (the two sets share no character)."""
        end = self.text.rstrip()
        return end[-1:] in _STOPS or (end[-1:] in _CLOSERS and end[-2:-1] in _STOPS)

    @cached_property
    def ends_terminal(self) -> bool:
        """_TERMINAL.search(text), read off the text's end as ends_sentence is."""
        return self.text.rstrip()[-1:] in _TERMINALS


def _text_and_bullet(raw: str) -> tuple[str, bool]:
    """A raw line's text, bullet and outer spaces stripped, and whether a bullet marked it."""
    stripped = raw.strip()
    marker = _BULLET.match(stripped)  # anchored: a match, not a substitution tried along the line
    if marker is None:
        return stripped, False
    return stripped[marker.end():].strip(), marker.end() > 0


@cache
def _more_words(words: int) -> re.Pattern[str]:
    # \b after each word: backtracking cannot split one word into two
    return re.compile(r"(?:\W*\w+\b){" + str(words + 1) + "}")


# The first byte of the UTF-8 form of every character _CJK finds (U+3040 to U+FAFF: E3 to ED, EF): a page
# whose UTF-8 form holds none of them holds no CJK character, told by a fast scan of its bytes for each.
_CJK_LEAD_BYTES = (0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEF)


def _may_hold_cjk(text: str) -> bool:
    """`_CJK.search(text) is not None`, without the search on most pages (which test every character
    against the class)."""
    if text.isascii():
        return False
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate (ED A0 to ED BF) goes to the search
    if not any(map(data.__contains__, _CJK_LEAD_BYTES)):
        return False
    return _CJK.search(text) is not None


def page_lines(text: str) -> list[Line]:
    """The Lines of a page's text, numbered from 1. On a page without CJK characters (one scan of it)
    no line has any, so no line searches itself for them, and every line's size is the count of its
    words, found here: every line's size is read (the language sample, the gate search's order).

    Each Line is made as Line(raw, number) makes it, in this loop rather than by two Python calls a line."""
    cjk_free = not _may_hold_cjk(text)
    words_of, new = _WORD.findall, object.__new__
    lines: list[Line] = []
    append = lines.append
    rows = text.split("\n")
    for number, (raw, body) in enumerate(zip(rows, map(str.strip, rows), strict=True), 1):
        bulleted = False
        first = body[:1]
        if first in _BULLET_OPENERS or (first > "\x7f" and first.isdecimal()):  # else _BULLET cannot match
            body, bulleted = _text_and_bullet(raw)
        line = new(Line)
        line.__dict__ = fields = {"raw": raw, "number": number, "gates": None, "matched": UNMATCHED, "text": body,
                                  "bullet": bulleted}
        if cjk_free:
            words = words_of(body)
            fields["cjk"], fields["words"], fields["size"] = 0, words, len(words)
        append(line)
    return lines
