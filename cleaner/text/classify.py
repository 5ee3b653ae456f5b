"""Context-free pass: every line gets a noise verdict (rule) or a quality class.

Quality classes follow jusText: `good` is prose, `near` is a short sentence,
`short` is a label, heading or link text. Thresholds are named here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..rules import Line, Rule, match
from ..rules.registry import match_lines

GOOD, NEAR, SHORT, BAD, BLANK = "good", "near", "short", "bad", "blank"

MAX_LINE_CHARS = 100_000  # a longer "line" is not a paragraph (minified data, base64, a runaway dump)
GOOD_MIN_SIZE = 10  # words in a prose line that ends a sentence
GOOD_LONG_SIZE = 25  # words that make a line prose even without end punctuation
NEAR_MIN_SIZE = 5
MIN_STOPWORD_DENSITY = 0.12  # below this share of stop words a long line is a list of names
INTRO_ENDS = (":", "：")  # a line ending so introduces what follows (a list, a quote)
TITLE_CASE_SHARE = 0.75  # headlines and link texts capitalise nearly every word
# A long line that is a list run together (a month archive "May 2012 April 2012 ...", a tag cloud with
# counts "Travel (12) Food (7)", a keyword list "stock car x, stock car y"): prose seldom repeats its
# words so much without ending a single sentence, nor gives a count in brackets to every few words.
LIST_MIN_SIZE = 15
LIST_MAX_DISTINCT = 0.6  # distinct tokens / tokens below this, with no sentence end, is a list
LIST_COUNT_SHARE = 0.15  # tokens that are a bracketed count, "(12)"


@dataclass(frozen=True)
class Verdict:
    """What the context-free pass says about one line (immutable: one instance serves many lines)."""

    cls: str
    rule: Rule | None = None
    reason: str | None = None
    name: str | None = None

    @property
    def removed(self) -> bool:
        return self.reason is not None


def classify_line(line: Line, stopwords: frozenset[str]) -> Verdict:
    """Noise verdict from the named rules, else a quality class."""
    readable = _readable(line)
    return _classified(line, match(line) if readable else None, stopwords, readable)


def classify_lines(lines: list[Line], stopwords: frozenset[str]) -> list[Verdict]:
    """`classify_line` of every line of a page, with the rules matched page by page (rules.match_lines)."""
    readable = [_readable(line) for line in lines]  # found once for each line
    found = match_lines([line if ok else _OVERSIZE for line, ok in zip(lines, readable, strict=True)])
    return [_classified(line, rule, stopwords, ok) for line, rule, ok in zip(lines, found, readable, strict=True)]


_OVERSIZE = Line("")  # stands in for an oversize line, which no rule reads
_TOO_LONG = Verdict(BAD, reason="oversize", name="line-too-long")


def _readable(line: Line) -> bool:
    return len(line.raw) <= MAX_LINE_CHARS


def _classified(line: Line, found: Rule | None, stopwords: frozenset[str], readable: bool) -> Verdict:
    """A line's verdict, given the first rule that flags it (None: none, or the line is blank or too long) and
    whether it is _readable."""
    if not line.text:
        return _PLAIN[BLANK]
    if not readable:
        return _TOO_LONG
    return _verdict(line, found, stopwords)


def _verdict(line: Line, found: Rule | None, stopwords: frozenset[str]) -> Verdict:
    if found is not None:
        flagged = _FLAGGED.get(found.name)
        if flagged is None or flagged.rule is not found:
            flagged = _FLAGGED[found.name] = Verdict(BAD, rule=found, reason=found.reason, name=found.name)
        return flagged
    cls = quality(line, stopwords)
    if cls in (GOOD, NEAR) and (word_list(line) or _titles_run_together(line)):
        return _WORD_LIST
    return _PLAIN[cls]


# Shared verdicts (a page has a few kinds of verdict and some hundred lines of each).
_PLAIN = {cls: Verdict(cls) for cls in (GOOD, NEAR, SHORT, BLANK)}
_FLAGGED: dict[str, Verdict] = {}
_WORD_LIST = Verdict(BAD, reason="navigation", name="word-list")


def quality(line: Line, stopwords: frozenset[str]) -> str:
    """good / near / short for a line no rule flagged."""
    size = line.size
    # a paragraph may end with a colon that introduces a quote or a list
    if size >= GOOD_MIN_SIZE and (line.ends_sentence or size >= GOOD_LONG_SIZE or line.text.endswith(INTRO_ENDS)):
        if stop_density(line, stopwords) >= MIN_STOPWORD_DENSITY or line.cjk:
            return GOOD
        return NEAR
    if size >= NEAR_MIN_SIZE and line.ends_sentence and not _title_case(line):
        return NEAR
    return SHORT


_SENTENCE_END = re.compile(r"[.!?…。！？][\"'»“”)]*(?:\s|$)")
_COUNT = re.compile(r"^\(\d+\)$")


def several_sentences(line: Line) -> bool:
    """A line that ends a sentence before its end: a lead paragraph ("Two cars crashed. The police ..."),
    which a headline, one sentence at most, is not."""
    return _SENTENCE_END.search(line.text, 0, len(line.text) - 1) is not None


def word_list(line: Line) -> bool:
    """A long line that is a list run together rather than prose (see LIST_MAX_DISTINCT)."""
    if line.size < LIST_MIN_SIZE or line.cjk:
        return False
    text = line.text
    if "(" in text:
        tokens = text.split()
        if sum(map(bool, map(_COUNT.match, tokens))) >= LIST_COUNT_SHARE * len(tokens):
            return True
    # most prose lines end a sentence somewhere: no need to split them into tokens
    return _SENTENCE_END.search(text) is None and len(set(line.lower.split())) < LIST_MAX_DISTINCT * len(text.split())


_CODE = re.compile(
    r"^\s*(?:import |from \S+ import |def |class |return\b|if \(|for \(|while \(|#include|var |let |const |"
    r"function\b|public |private |sudo |pip |npm |git |\$ |>>> |<\w+[ >])"
    r"|[;{}]\s*$|\w\s*=\s*\S|->|::|=>"
)
# A call, "name(...)": an opening "word(" with a ")" anywhere after it. Written as a search for the first
# "word(" and a look for ")" after it, since `\w\(.*\)` scanned to the line's end from every "word(" of a
# long line (and `\w+\s*=` from every letter of a long word); lines never hold a newline.
_CALL = re.compile(r"\w\(")


# What every code_like line holds in its text: one of these characters (every _CODE branch but the first
# needs one, as does a call), or the first branch's word at its start. Written as those characters and the
# "\n" (scanned for: re finds a pattern's first characters by a scan only when every branch starts with a single
# character), a word following the "\n": the same matches, at the same places.
CODE_GATE = re.compile(r"[;{}=:>(<$#\n](?:(?<!\n)|(?:import|from|def|class|return|var|let|const|function|public|"
                       r"private|sudo|pip|npm|git))")


SAID_TWICE_MIN_SIZE = 4  # words of the sentence said twice
_ENDS = frozenset(".!?…\"'”»)")  # what the first saying's last word ends with


def said_twice(line: Line) -> bool:
    """A line that opens by saying one sentence twice ("Romney boards his plane. Romney boards his plane.
    Supporters ..."): a gallery's caption run into the picture's alt text, or a share button's label
    repeated. Prose never repeats a sentence word for word at once."""
    tokens = line.text.split()
    first = tokens[0]
    half = len(tokens) // 2
    for k in range(SAID_TWICE_MIN_SIZE, half + 1):
        if tokens[k] == first and tokens[k - 1][-1:] in _ENDS and tokens[:k] == tokens[k:2 * k]:
            return tokens[2 * k:3 * k] != tokens[:k]  # twice, not a line of one sentence over and over
    return False


def code_like(line: Line) -> bool:
    """A line of program code or a shell command, which a code block keeps short."""
    raw = line.raw
    if _CODE.search(raw) is None:
        call = _CALL.search(raw)
        if call is None or ")" not in raw[call.end():]:
            return False
    return not line.ends_sentence


def _titles_run_together(line: Line) -> bool:
    """A long line with no sentence end whose words are nearly all capitalised: menu items or headlines
    run together ("Other Blogs The Blog Task Force Council of Advisers ..."); prose this long ends a
    sentence or lowers most of its words."""
    return line.size >= GOOD_LONG_SIZE and not line.cjk and _SENTENCE_END.search(line.text) is None \
        and _title_case(line)


def stop_density(line: Line, stopwords: frozenset[str]) -> float:
    """The share of the line's words that are stop words (1.0 when the language has no list)."""
    if not stopwords:
        return 1.0
    words = line.words
    if not words:
        return 0.0
    return sum(map(stopwords.__contains__, map(str.lower, words))) / len(words)


def _title_case(line: Line) -> bool:
    words = [w for w in line.words if w[:1].isalpha() and len(w) > 3]
    if len(words) < 3:
        return False
    return sum(w[:1].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)
