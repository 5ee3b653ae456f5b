"""`language_picker`: language names and endonyms, alone or listed on one line."""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon
from .line import Line
from .registry import led_gate, may_flag, rule

# Leading spaces only from the start of a run, so a long run of spaces is not rescanned from each one.
_PAREN = re.compile(r"(?:(?<!\s)\s+)?[(（][^)）]*[)）]\s*")
MAX_PICKER_WORDS = 40
_SPLIT = re.compile(r"\s*[|/·•,]\s*|\s{2,}")


@lru_cache(maxsize=1 << 14)  # menu items and picker entries repeat across a site's pages
def is_language_name(text: str) -> bool:
    """'Español', 'Français (Afrique)', '中文 (Chinese)', 'English Edition'."""
    names = lexicon.words("endonyms")
    key = lexicon.norm(text)
    if key in names:
        return True
    # No parenthesis opened after the last closing one can match: leaving that tail out keeps a run of
    # unclosed "(" from being scanned to the end once per "(" (norm() collapses the spaces this leaves).
    last = max(text.rfind(")"), text.rfind("）")) + 1
    bare = lexicon.norm(_PAREN.sub(" ", text[:last]) + text[last:])
    return bool(bare) and bare in names


def _name_gate() -> re.Pattern[str] | None:
    """The first words of the language names, folded: a line with a name holds one (a name's words are
    words of the line's lower case, around the parentheses is_language_name leaves out)."""
    keys = {lexicon.fold(name.split()[0]) for name in lexicon.words("endonyms") if name}
    if not keys or any("\u0307" in key for key in keys):  # a dotted capital I: its fold is not its lower case
        return None
    # A name's first word follows a space, a separator, a parenthesis, a stripped non-letter or the "\n"
    # before its line (see registry.gate_masks), never a letter: the search tries the trie only after such
    # a character, which it finds by a scan for it (a lookbehind would be tried at every position). The scan
    # looks for a character that is no a-z (a bitmap test), and only such a one is asked whether it is a
    # letter at all ([\W\d_] asks the Unicode tables for each character: most of the search).
    return led_gate(r"[^a-z](?<=[\W\d_])", keys)  # searched by anchors inside the names, the lead looked back on


@rule("language_picker", max_words=MAX_PICKER_WORDS, max_chars=300, gate=_name_gate(), gate_folded=True)
def language_list(line: Line) -> bool:
    """Two or more language names on one line: 'English / Español / 日本語'."""
    if len(line.text) > 300 or line.size > MAX_PICKER_WORDS or line.ends_sentence:
        return False
    parts = [p for p in _SPLIT.split(line.text) if p]
    if len(parts) < 2:
        parts = line.text.split()
    if len(parts) < 2:
        return False
    # At least max(2, n - 1) of the n parts are names: stop at the first part too many that is not one
    # (most lines fail on their first two words, and each part costs a normalisation).
    misses_left = len(parts) - max(2, len(parts) - 1)
    for part in parts:
        if not is_language_name(part):
            misses_left -= 1
            if misses_left < 0:
                return False
    return True


def language_name_line(line: Line) -> bool:
    """A line that is one language name; a picker when several stand together (see context)."""
    return len(line.text) <= 40 and may_flag(line, language_list) and is_language_name(line.text)
