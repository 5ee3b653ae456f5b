"""`widget`: share/like/comment buttons, counters, status messages and widget labels."""

from __future__ import annotations

import re
from functools import cache

from . import lexicon
from .line import Line
from .registry import rule

_NUMBER = r"\d[\d,.]*[kKmM万千]?\+?"
_COUNT_NOUN = re.compile(rf"{_NUMBER}\s*([^\W\d_]+)")  # "5,453 views", "16 segments"
_NOUN_COUNT = re.compile(rf"([^\W\d_]+)\s*[·:|(]\s*{_NUMBER}")  # "Views: 5k", "Comments (3)"
_DIGIT = re.compile(r"\d")
_SLASH_COUNTER = re.compile(r"^\d+\s*/\s*\d+$")
_LABEL_COUNT = re.compile(r"^[^\W\d_][\w\s]{0,30}?\s*[·:|•]\s*\d[\d,.]*$")


@rule("widget", max_words=4, gate=lexicon.label_gate(), gate_folded=True)
def button_label(line: Line) -> bool:
    """A line that is only a button: 'Share', 'Reply', 'Repost', 'Pin', 'Comment'."""
    return line.size <= 4 and bool(line.norm) and line.norm in lexicon.words("widget_words")


@rule("widget", max_words=8, max_chars=80, gate=_DIGIT)
def counter(line: Line) -> bool:
    """Counters: '5,453 views', 'Transcript16 segments', '0/400', 'Concepts· 3', '8 entities · 6 links'."""
    if line.size > 8 or len(line.text) > 80 or not _DIGIT.search(line.text):
        return False  # every counter form holds a number
    if _SLASH_COUNTER.match(line.text) or _LABEL_COUNT.match(line.text):
        return True
    nouns = lexicon.words("counter_nouns")
    hits = sum(m.group(1).lower() in nouns for m in _COUNT_NOUN.finditer(line.text))
    if not hits:
        hits = sum(m.group(1).lower() in nouns for m in _NOUN_COUNT.finditer(line.text))
    return hits >= 1 and (hits >= 2 or line.size <= 4)


@rule("widget", within=30, gate=lexicon.folded_phrase_gate(), gate_folded=True)
def ui_instruction(line: Line) -> bool:
    """'Hover · drag to explore', 'Click to enlarge', 'Abstract generation in progress'."""
    return line.within(30) and line.may_hold_phrase and bool(lexicon.lowered_phrases("ui_phrases").search(line.lower))


_ROW_WORD = re.compile(r"[^\W\d_]{2,}")


@cache
def _row_words() -> frozenset[str]:
    """The words a button row is made of (one union, not one per line)."""
    return lexicon.words("widget_words") | lexicon.words("nav_words") | lexicon.words("counter_nouns")


def _row_gate() -> re.Pattern[str] | None:
    """A button row's words (runs of two letters or more) are button words but one at most, so its first or
    second word is one: a line that starts, past what is no such word (characters that are no letters,
    single letters) and one other word at most, with a button word, whole and folded."""
    keys = {lexicon.fold(word) for word in _row_words() if _ROW_WORD.fullmatch(word)}
    if not keys or any("\u0307" in key for key in keys):  # a dotted capital I: its fold is not its lower case
        return None
    # Possessive (*+, {2,}+): no match starts a button word inside what `skip` took (no letter, or one letter
    # alone) or ends `other` short of its letters' end, so giving back is in vain (a third of the gate's search).
    skip = r"(?:[^\w\n]|[\d_]|[^\W\d_](?![^\W\d_]))*+"  # never past the line's end
    other = r"[^\W\d_]{2,}+(?![^\W\d_])"
    return re.compile(rf"\n{skip}(?:{other}{skip})?(?:{lexicon.trie_pattern(keys, whole=True)})(?![^\W\d_])")


@rule("widget", max_words=12, gate=_row_gate(), gate_folded=True)
def button_row(line: Line) -> bool:
    """A row of buttons run together: 'facebook twitter print email', 'Permalink 34 Comments Back to top'."""
    if line.size > 12 or line.text.isalpha() or line.ends_sentence:
        return False  # a line of letters alone is one word ('Share', 'Home'), not a row
    words = [w.lower() for w in _ROW_WORD.findall(line.text)]
    if len(words) < 2:
        return False
    known = _row_words()
    hits = sum(map(known.__contains__, words))
    return hits >= 2 and hits >= len(words) - 1 and hits >= 0.7 * len(words)


# A server-side script's error message printed into the page: "Warning: Use of undefined constant x in
# /var/www/theme/single.php on line 12". PHP writes them in English on every site, and a page that shows
# them shows them where the body should be, so they read as (long, wordy) prose.
SCRIPT_ERROR = re.compile(r"^(?:PHP )?(?:Warning|Notice|Deprecated|Strict Standards|(?:Catchable )?Fatal error|"
                          r"Parse error)\s*:\s.*\sin\s\S+\s+on line\s+\d+\s*$")


@rule("widget", gate=re.compile(r"on line\s+\d+\n"))
def script_error(line: Line) -> bool:
    """'Warning: mysql_connect(): Access denied ... in /www/htdocs/wp-config.php on line 28'."""
    return bool(SCRIPT_ERROR.match(line.text))
