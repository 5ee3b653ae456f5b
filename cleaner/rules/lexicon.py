"""Word lists for the rules, loaded once from the data files beside this module."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from itertools import takewhile

from ..re_syntax import sre_parse as sre

# The trailing run starts only where a run of non-letters starts: a start inside a run reaches the same end,
# and retrying each position of a long run in mid-line was quadratic.
_STRIP_ENDS = re.compile(r"^[\W\d_]+|(?<![\W\d_])[\W\d_]+$")
_NON_LETTERS = re.compile(r"[\W\d_]+")


def _entries(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", f"{name}.txt").read_text("utf-8")
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@cache
def words(name: str) -> frozenset[str]:
    """A whole-line word list, normalised like `norm()` normalises a line."""
    return frozenset(norm(entry) for entry in _entries(name))


@cache
def phrases(name: str) -> re.Pattern[str]:
    """A phrase list as one case-insensitive alternation, searched anywhere in a line."""
    return re.compile("|".join(f"(?:{entry})" for entry in _entries(name)), re.I)


class GatedPhrases:
    """A phrase alternation behind a keyword gate: each phrase needs one of a few literal strings, so a
    line holding none of them (most lines) is answered by substring tests instead of the alternation."""

    def __init__(self, entries: list[str]) -> None:
        self.pattern = re.compile("|".join(f"(?:{entry})" for entry in entries))
        keys: set[str] = set()
        needs: dict[str, list[int]] = {}  # key -> the phrases that hold it
        for at, entry in enumerate(entries):
            needed = required_literals(entry)
            if needed is None:  # a phrase with no literal it always contains: no gate for this list
                keys = set()
                break
            keys |= needed
            for key in needed:
                needs.setdefault(key, []).append(at)
        self.keys = tuple(sorted(keys)) if keys else None
        # One pass of C over the line for all keys (a Python loop of `in` tests costs more than it saves),
        # as a trie: one branch per character rather than every key at every position.
        self.gate = re.compile(trie_pattern(keys)) if keys else None
        # Behind the gate, each phrase alone, searched only in a line that holds one of its keys: a line the
        # gate lets through holds a key or two, and the whole alternation, tried at every position of the
        # line (its phrases open with groups and \b, so no first-character scan), cost several times more.
        self._phrases = [re.compile(entry) for entry in entries]
        self._needs = [(key, tuple(at)) for key, at in sorted(needs.items())] if keys else []

    def _candidates(self, text: str) -> list[re.Pattern[str]]:
        """The phrases that can match `text`: those with a key in it, in list order."""
        held = sorted({at for key, phrases in self._needs if key in text for at in phrases})
        return [self._phrases[at] for at in held]

    def search(self, text: str) -> re.Match[str] | None:
        """A match of one of the phrases in `text` (of the first in list order that has one), or None."""
        if self.gate is None:
            return self.pattern.search(text)
        if self.gate.search(text) is None:
            return None
        return next(filter(None, (phrase.search(text) for phrase in self._candidates(text))), None)

    def match(self, text: str) -> re.Match[str] | None:
        """A match of one of the phrases at the start of `text`, or None (as `search`)."""
        if self.gate is None:
            return self.pattern.match(text)
        if self.gate.search(text) is None:
            return None
        return next(filter(None, (phrase.match(text) for phrase in self._candidates(text))), None)


def required_literals(pattern: str) -> set[str] | None:
    """Strings of which every match of `pattern` contains at least one, or None when none is known."""
    return _required(sre.parse(pattern))


def _required(sequence: object) -> set[str] | None:
    """Over a parsed sequence: a run of items that each match one of a few literal strings (characters, groups
    of literal alternatives, zero-width anchors between) is required as the strings it can spell ("(skip|go)
    to " needs "skip to " or "go to ", not just " to ", which most prose holds); a group or a repeat (at least
    once) requires what its content requires, an alternation one of what each branch requires. Of these, the
    set whose least telling string (_telling) tells most; anything else breaks a run."""
    best: set[str] | None = None

    def offer(found: set[str] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(_telling, found)) > min(map(_telling, best))):
            best = found

    run: set[str] | None = None  # the strings the run of exact items so far spells
    for op, arg in sequence:
        if op is sre.AT:
            continue  # an anchor matches no character: the run goes on across it
        strings = spelt([(op, arg)], _MAX_SPELT)
        if strings is not None:
            if run is None:
                run = strings
            elif len(run) * len(strings) <= _MAX_SPELT:
                run = {a + b for a in run for b in strings}
            else:
                offer(run)
                run = strings
            continue
        offer(run)
        run = None
        if op is sre.SUBPATTERN:
            offer(_required(arg[-1]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            offer(_required(arg[2]))
        elif op is sre.BRANCH:
            union: set[str] = set()
            for branch in arg[1]:
                found = _required(branch)
                if not found:
                    union = set()
                    break
                union |= found
            offer(union or None)
    offer(run)
    return best


# Strings a run of literal alternatives may spell before it is cut in two: each is a key that GatedPhrases
# looks for in every line its gate lets through.
_MAX_SPELT = 8


def spelt(sequence: object, most: int, *, anchors: bool = True) -> set[str] | None:
    """The strings a parsed sequence matches, when it matches at most `most` literal strings only (literals,
    classes of literals, groups that set no flags and alternations of them; anchors too, read as matching
    nothing, when `anchors`: a key then holds what a match holds, though not every place it stands matches),
    else None."""
    out = {""}
    for op, arg in sequence:
        if op is sre.LITERAL:
            inner: set[str] | None = {chr(arg)}
        elif op is sre.AT and anchors:
            continue
        elif op is sre.SUBPATTERN and not arg[1] and not arg[2]:
            inner = spelt(arg[-1], most, anchors=anchors)
        elif op is sre.BRANCH:
            branches = [spelt(branch, most, anchors=anchors) for branch in arg[1]]
            inner = None if any(b is None for b in branches) else set().union(*branches)  # type: ignore[arg-type]
        elif op is sre.IN and all(item is sre.LITERAL for item, _ in arg):
            inner = {chr(value) for _, value in arg}  # "[- ]"
        else:
            return None
        if inner is None or len(out) * len(inner) > most:
            return None
        out = {a + b for a in out for b in inner}
    return out


def _telling(key: str) -> float:
    """How much finding `key` in a line tells: its length, a digit counting half (web text is full of years,
    dates and counts: "19" lets every dated line through, where "©" lets few)."""
    return len(key) - sum(map(str.isdigit, key)) / 2


# The phrase lists the line rules search in `Line.lower`. One keyword gate over all of them answers most
# lines at once (three in four lines of the dev-set dumps hold no key of any list).
RULE_PHRASE_LISTS = ("disclaimer_phrases", "footer_phrases", "promo_phrases", "ui_phrases", "skip_phrases")


def trie_pattern(keys: set[str] | tuple[str, ...], *, whole: bool = False) -> str:
    """A pattern that finds any of the literal `keys`, written as a trie ("c(?:lick|ookie)"): the regex
    engine follows one branch per character instead of trying every key at every position. For a test
    of presence only: where a key ends, the longer keys through it are left out. With `whole`, every key
    is kept ("log(?:in)?"), so that what follows the pattern can ask where a key ends."""
    trie: dict = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        if ends and not whole:
            return ""
        branches = [re.escape(char) + build(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


# Before a line's first letter in the folded page a rule gate searches (registry.gate_masks): the "\n" before
# the line, then characters that are no letters (what norm() strips), never another line's end.
LINE_START = r"\n(?:[^\w\n]|[\d_])*+"  # possessive: what follows starts with a letter, which this never takes
_LETTER_AFTER = r"(?![^\W\d_])"  # a word of norm() ends before a character that is no letter, or the line's end


# The word lists of whole-line labels (menu, widget, footer and ad labels): one gate for all of them.
LABEL_WORD_LISTS = ("nav_words", "widget_words", "footer_words", "ad_words")
# The anchored phrase lists of the headings that open a related list or a comment section.
HEADING_PHRASE_LISTS = ("related_phrases", "comment_phrases")


def label_gate() -> re.Pattern[str] | None:
    """first_word_gate of every LABEL_WORD_LISTS list (one search of the page serves the four rules)."""
    return first_word_gate(*LABEL_WORD_LISTS)


def heading_gate() -> re.Pattern[str] | None:
    """leading_phrase_gate of the HEADING_PHRASE_LISTS lists."""
    return leading_phrase_gate(*HEADING_PHRASE_LISTS)


@cache
def first_word_gate(*names: str) -> re.Pattern[str] | None:
    """A rule gate (folded) for `norm(line) in words(name)`: such a line starts, past characters that are no
    letters, with the first word of an entry, a whole word. None when an entry leaves no such word."""
    keys = set()
    for name in names:
        for entry in words(name):
            if not entry:
                return None  # an empty entry is the norm of a line without letters
            keys.add(fold(entry.split()[0]))
    return _line_start_gate(keys, whole=True)


@cache
def leading_phrase_gate(*names: str) -> re.Pattern[str] | None:
    """A rule gate (folded) for `anchored(name)` matched at a line's start (its norm, or its lower case past
    spaces and colons): such a line starts, past characters that are no letters, with one of the
    `leading_literals` of an entry. None when an entry has none."""
    keys = set()
    for name in names:
        for entry in _entries(name):
            found = leading_literals(entry)
            if found is None:
                return None
            keys.update(fold(key) for key in found)
    return _line_start_gate(keys)


def _line_start_gate(keys: set[str], *, whole: bool = False) -> re.Pattern[str] | None:
    if not keys or any("\u0307" in key for key in keys):  # a dotted capital I: its fold is not its lower case
        return None
    return re.compile(LINE_START + "(?:" + trie_pattern(keys, whole=whole) + ")" + (_LETTER_AFTER if whole else ""))


_NOT_LETTER = re.compile(r"[\W\d_]")


def leading_literals(pattern: str) -> set[str] | None:
    """Strings one of which every match of `pattern` starts with, once the characters before its first letter
    (none of them a letter: [\\W\\d_]) are left out; None when none are known (a class of letters first...)."""
    found = _leading(list(sre.parse(pattern)))
    return None if found is None or found[1] else found[0]


def _leading(sequence: list) -> tuple[set[str], bool] | None:
    """Over a parsed sequence: the literals a match's first letter starts, and whether the sequence can also
    match no letter at all (then what follows it may hold the first letter); None when unknown."""
    keys: set[str] = set()
    for at, (op, arg) in enumerate(sequence):
        if op is sre.LITERAL and not _NOT_LETTER.fullmatch(chr(arg)):
            run = []
            for later, value in sequence[at:]:
                if later is not sre.LITERAL:
                    break
                run.append(chr(value))
            after = sequence[at + len(run):at + len(run) + 1]  # the parser writes "(das|dieses)" d(?:as|ieses)
            return keys | {"".join(run) + head for head in _heads(after)}, False
        if op in (sre.LITERAL, sre.AT, sre.ASSERT, sre.ASSERT_NOT) or (op is sre.IN and _letterless(arg)):
            continue  # no letter, or nothing (an anchor, a look-around)
        if op is sre.SUBPATTERN:
            inner = _leading(list(arg[-1]))
        elif op is sre.BRANCH:
            branches = [_leading(list(branch)) for branch in arg[1]]
            if any(branch is None for branch in branches):
                return None
            inner = (set().union(*(b[0] for b in branches)), any(b[1] for b in branches))  # type: ignore[index]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            inner = _leading(list(arg[2]))
            if inner is not None and arg[0] == 0:
                inner = (inner[0], True)
        else:
            return None
        if inner is None:
            return None
        keys |= inner[0]
        if not inner[1]:
            return keys, False
    return keys, True


def _heads(sequence: list) -> set[str]:
    """Literal strings one of which every match of `sequence` starts with ({""}: none known)."""
    if not sequence:
        return {""}
    op, arg = sequence[0]
    if op is sre.LITERAL:
        return {"".join(chr(value) for _, value in takewhile(lambda item: item[0] is sre.LITERAL, sequence))}
    if op is sre.SUBPATTERN:
        return _heads(list(arg[-1]))
    if op is sre.BRANCH:
        return set().union(*(_heads(list(branch)) for branch in arg[1]))
    return {""}


def _letterless(items: list) -> bool:
    """Whether a parsed character class holds no letter."""
    for op, arg in items:
        if op is sre.LITERAL:
            if not _NOT_LETTER.fullmatch(chr(arg)):
                return False
        elif op is sre.RANGE:
            if arg[1] - arg[0] > 0x400 or any(not _NOT_LETTER.fullmatch(chr(c)) for c in range(arg[0], arg[1] + 1)):
                return False
        elif not (op is sre.CATEGORY and arg in (sre.CATEGORY_DIGIT, sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD)):
            return False
    return True


@cache
def _rule_phrase_gate() -> re.Pattern[str] | None:
    keys: set[str] = set()
    for name in RULE_PHRASE_LISTS:
        gate = lowered_phrases(name)
        if gate.keys is None:
            return None  # a list with no required literal: no gate can answer for it
        keys.update(gate.keys)
    return re.compile(trie_pattern(keys))


def may_hold_rule_phrase(lower: str) -> bool:
    """False when the lower-cased line holds no key of any RULE_PHRASE_LISTS list: none can match it."""
    gate = _rule_phrase_gate()
    return gate is None or gate.search(lower) is not None


@cache
def lowered_phrases(name: str) -> GatedPhrases:
    """The same list for text already lower-cased (`Line.lower`): several times faster than `phrases`."""
    return GatedPhrases([entry.lower() for entry in _entries(name)])


def _fold_table() -> dict[int, str]:
    """Each character that a case-insensitive pattern equates with another of a different lower case
    ("ı" with "i", "ſ" with "s", "ς" with "σ") -> the least of them."""
    from re import _casefix  # the standard re module's own table, stable across 3.11-3.13

    table: dict[int, str] = {}
    for lower, others in _casefix._EXTRA_CASES.items():
        least = min(lower, *others)
        for code in (lower, *others):
            if code != least:
                table[code] = chr(least)
    return table


_FOLD = _fold_table()
# What the translation would change, one character at a time: a page is asked for each (a fast scan in C), not
# searched for their class, which tests every character of the page against it.
_FOLDED_CHARS = tuple(map(chr, sorted(_FOLD)))


def fold(text: str) -> str:
    """`text` as a case-insensitive pattern sees it: two characters one such pattern equates fold to
    the same one, so a lower-case literal written folded is found in `fold(text)` wherever the pattern
    finds it in `text`. One character per character ("İ", whose lower case is two, is taken as "I")."""
    return fold_telling(text)[0]


def fold_telling(text: str) -> tuple[str, bool]:
    """fold(text), and whether it is simply text.lower()."""
    plain = "İ" not in text
    lower = text.lower() if plain else text.replace("İ", "I").lower()
    # translate() looks every character up in a dict; most pages hold none of the few it changes
    if lower.isascii() or not any(map(lower.__contains__, _FOLDED_CHARS)):
        return lower, plain
    return lower.translate(_FOLD), False


@cache
def folded_phrase_gate(*names: str) -> re.Pattern[str] | None:
    """`may_hold_rule_phrase`'s gate for folded text, or a looser one: each RULE_PHRASE_LISTS line that holds
    a key of it in its lower case holds the key folded in its fold, and so the key's `_rare_start`. Given
    `names`, the same for those lists only (a narrower gate: registry.Rule.gate_past)."""
    keys: set[str] = set()
    for name in names or RULE_PHRASE_LISTS:
        gate = lowered_phrases(name)
        if gate.keys is None:
            return None
        keys.update(_rare_start(fold(key)) for key in gate.keys)
    return re.compile(trie_pattern(keys))


# The characters most words hold (and a space): where a trie's first character is one of them, re tries the
# trie at most positions of a page; from a rarer one, it skips most of them by its scan for first characters.
_COMMON = frozenset(" etaoinshr")
MIN_KEY = 4  # a shorter rest of a key is found in too many lines


def _rare_start(key: str) -> str:
    """The rest of `key` from its first character that is not _COMMON (a part of the key, so a line that
    holds the key holds it), when that leaves MIN_KEY characters; else the key."""
    for at in range(len(key) - MIN_KEY + 1):
        if key[at] not in _COMMON:
            return key[at:]
    return key


@cache
def anchored(name: str) -> re.Pattern[str]:
    """A phrase list that must match a whole (normalised) line."""
    return re.compile("(?:" + "|".join(f"(?:{entry})" for entry in _entries(name)) + r")\W*$", re.I)


@cache
def months() -> dict[str, int]:
    """Month names and abbreviations in several languages -> month number."""
    table: dict[str, int] = {}
    for entry in _entries("months"):
        number, *names = entry.split()
        for name in names:
            table[name.lower()] = int(number)
    return table


def norm(text: str) -> str:
    """Lower-case, collapse spaces, strip digits and punctuation at both ends."""
    lower = text.lower()
    if lower[:1].isalpha() and lower[-1:].isalpha():  # most lines: a letter at each end, nothing to strip
        return " ".join(lower.split())
    # _STRIP_ENDS.sub("", lower), without its trial at every space of the line: the leading run matched
    # at the start, the trailing one at the start of the reversed line.
    lead = _NON_LETTERS.match(lower)
    start = lead.end() if lead else 0
    if start == len(lower):
        return ""
    trail = _NON_LETTERS.match(lower[::-1])
    return " ".join(lower[start:len(lower) - (trail.end() if trail else 0)].split())
