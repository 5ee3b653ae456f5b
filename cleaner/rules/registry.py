"""Named noise rules: each a small predicate over one line or block, with a reason code."""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from ..re_syntax import sre_parse
from .lexicon import RULE_PHRASE_LISTS, fold, fold_telling, folded_phrase_gate, lowered_phrases, spelt, trie_pattern
from .line import CHARS_PER_WORD, UNMATCHED, Line

# The rule families; every removal carries one of these codes.
FAMILIES = {
    "navigation": "menus, skip links, breadcrumbs, link lists",
    "language_picker": "lists of language names",
    "disclaimer": "third-party-content, not-advice, cookie and legal notices",
    "cookie_banner": "cookie consent banners",
    "widget": "share/like/comment buttons, counters, interactive-widget labels",
    "promo": "app, newsletter, subscription and sign-in prompts; taglines",
    "footer": "copyright, contact, address, licence and registration lines",
    "media": "image file names and URLs, captions and credits",
    "related": "lists of other articles",
    "comments": "comment sections",
    "metadata": "datelines, bylines and titles, moved to the metadata",
    "duplicate": "a block already kept",
    "hidden": "content not shown to readers",
    "boilerplate": "outside the main body of the page",
    "oversize": "too large to be a paragraph",
}


@dataclass(frozen=True)
class Rule:
    """A context-free noise rule."""

    name: str
    reason: str
    test: Callable[[Line], bool]
    doc: str
    # Bounds the test itself checks first (its gate): beyond them it is never true, so `match` skips it
    # without a call. None: no bound.
    max_words: int | None = None  # Line.size
    max_chars: int | None = None  # len(Line.text)
    # A pattern found in every line the test flags, in Line.text or, when `gate_folded`, in its
    # lexicon.fold (a case-insensitive test's gate): `match_lines` searches it once over the whole page
    # and tests only the lines that hold it. No `^`, `$`, `\A` or `\Z`: "\n" stands before and after each
    # line (see gate_masks).
    gate: re.Pattern[str] | None = None
    gate_folded: bool = False
    # (words, pattern): lines of more than `words` words are searched for `pattern` instead of `gate` (a
    # narrower gate, which every such line the test flags holds, folded as `gate` is). A test that reads a
    # long line for fewer phrases than `gate` names scans the page's long lines for those phrases only.
    gate_past: tuple[int, re.Pattern[str]] | None = None

    def __call__(self, line: Line) -> bool:
        return self.test(line)


RULES: list[Rule] = []
_UPPER_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\[A-Z]")  # \W, \S, \D, \B...


def rule(reason: str, *, max_words: int | None = None, max_chars: int | None = None,
         within: int | None = None, gate: re.Pattern[str] | None = None,
         gate_folded: bool = False, gate_past: tuple[int, re.Pattern[str]] | None = None,
         ) -> Callable[[Callable[[Line], bool]], Rule]:
    """Register a predicate as a rule of family `reason`, named after the function. `max_words` and
    `max_chars` declare the line sizes beyond which the predicate is always false (`within=N` is
    `Line.within(N)`'s pair of bounds); they must be implied by the predicate's own first test, as
    `gate` (see Rule) must be by the predicate."""
    if reason not in FAMILIES:
        raise ValueError(f"unknown rule family {reason!r}")
    if within is not None:
        max_words, max_chars = within, within * CHARS_PER_WORD
    if gate_past is not None and gate is None:
        raise ValueError("gate_past narrows a gate: it needs one")
    for pattern in (gate, gate_past and gate_past[1]):
        if pattern is not None and gate_folded:  # its literals must be written as the folded text holds them
            literals = _UPPER_ESCAPE.sub("", pattern.pattern)  # \\W, \\S...: escapes, which folding would turn round
            if fold(literals) != literals:
                raise ValueError(f"a folded gate's literals must be folded (lexicon.fold): {pattern.pattern!r}")

    def register(test: Callable[[Line], bool]) -> Rule:
        made = Rule(test.__name__.replace("_", "-"), reason, test, (test.__doc__ or "").strip(), max_words, max_chars,
                    gate, gate_folded, gate_past)
        RULES.append(made)
        _by_size.clear()
        _bounds.clear()
        _by_gates.clear()
        _rule_gates.cache_clear()
        _phrase_bits.cache_clear()
        _positions.clear()
        return made

    return register


# The rules that can flag a line of a given size, in registry order, per class of lines between two
# consecutive bounds: a line of prose skips the two dozen rules for short lines without calling them.
_by_size: dict[tuple[int, int], tuple[Rule, ...]] = {}
_bounds: dict[str, list[int]] = {}  # the sorted word and char bounds, made on first use


def _size_bounds() -> tuple[list[int], list[int]]:
    words, chars = _bounds.get("words"), _bounds.get("chars")
    if words is None or chars is None:
        words = _bounds["words"] = sorted({r.max_words for r in RULES if r.max_words is not None})
        chars = _bounds["chars"] = sorted({r.max_chars for r in RULES if r.max_chars is not None})
    return words, chars


def _size_class(line: Line) -> tuple[int, int]:
    words, chars = _size_bounds()
    return bisect_left(words, line.size), bisect_left(chars, len(line.text))


def _candidates(line: Line) -> tuple[Rule, ...]:
    key = _size_class(line)
    found = _by_size.get(key)
    if found is None:
        size, length = line.size, len(line.text)
        found = _by_size[key] = tuple(r for r in RULES if (r.max_words is None or size <= r.max_words)
                                      and (r.max_chars is None or length <= r.max_chars))
    return found


MATCH_CACHE_SIZE = 1 << 16  # lines; menus, footers and widgets repeat across a site's pages
MATCH_CACHE_MAX_CHARS = 1_000  # longer lines are prose or junk, seldom repeated: caching them only holds memory
_verdicts: dict[str, Rule | None] = {}


def match(line: Line) -> Rule | None:
    """The first rule that flags this line, or None.

    Rules read only the line's stripped text (not its indentation or position), so verdicts
    are cached on it: a batch of one site's pages sees the same template lines again and again.
    The rules run on the `Line` given, whose features they share with the callers.
    """
    return _cached_first_rule(line, _candidates(line)) if line.text else None


def _first_rule(line: Line, candidates: tuple[Rule, ...] | None = None) -> Rule | None:
    """The first of `candidates` (default: every rule of the line's size) that flags the line."""
    for candidate in _candidates(line) if candidates is None else candidates:
        if candidate.test(line):
            return candidate
    return None


def _cached_first_rule(line: Line, candidates: tuple[Rule, ...]) -> Rule | None:
    """_first_rule through the verdict cache (lines up to MATCH_CACHE_MAX_CHARS): every caller's candidates
    hold every rule that can flag the line, so a cached verdict is the same whoever cached it."""
    key = line.raw.strip()
    if len(key) > MATCH_CACHE_MAX_CHARS:
        return _first_rule(line, candidates)
    found = _verdicts.get(key, UNMATCHED)
    if found is UNMATCHED:
        if len(_verdicts) >= MATCH_CACHE_SIZE:
            _verdicts.clear()  # a new site's template replaces the old one's
        found = _verdicts[key] = _first_rule(line, candidates)
    return found


# The candidates of a size class (a `_candidates` tuple) that a line whose gates are `mask` can meet.
_by_gates: dict[tuple[int, int, int], tuple[Rule, ...]] = {}


def match_lines(lines: Sequence[Line]) -> list[Rule | None]:
    """`match` of every line of a page, the same answers: each rule's gate is searched once over the
    whole page (C, not a Python call per line and rule), so a line is tested only by the rules whose gate
    it holds, and by the ungated rules of its size. Three lines in four meet no rule at all then."""
    gates = _rule_gates()
    masks, exact = _gate_masks(lines, gates)
    out: list[Rule | None] = []
    phrases, phrase_words = _phrase_bits() if exact else (0, 0)
    every_rule_gated = all(r.gate is not None for r in RULES)
    word_bounds, char_bounds = _size_bounds()
    append = out.append
    for line, mask in zip(lines, masks, strict=True):
        line.gates = mask
        text = line.text
        if not text or (every_rule_gated and not mask):  # no rule can flag the line
            line.matched = None
            append(None)
            continue
        size = line.size
        if phrases and size <= phrase_words:  # searched: the folded page is its lower case, so the
            line.__dict__["may_hold_phrase"] = bool(mask & phrases)  # phrase gate's answer is may_hold_phrase's
        words, chars = bisect_left(word_bounds, size), bisect_left(char_bounds, len(text))  # _size_class
        candidates = _by_gates.get((words, chars, mask))
        if candidates is None:
            candidates = _by_gates[(words, chars, mask)] = tuple(
                r for r in _candidates(line) if r.gate is None or mask & (1 << _order(r)))
        # no candidates: no rule can flag the line, no need of the verdict cache either
        found = _cached_first_rule(line, candidates) if candidates else None
        line.matched = found
        append(found)
    return out


def _word_bound(found: Rule) -> int | None:
    """Words beyond which `found` never flags a line (None: no bound): its max_words, else its max_chars
    (a line holds at most one word per character)."""
    return found.max_words if found.max_words is not None else found.max_chars


_Gate = tuple[int, re.Pattern[str], bool, int | None, int | None]  # bit, pattern, folded, up to, past words


@cache
def _rule_gates() -> tuple[_Gate, ...]:
    """(bit, gate, folded, words, past) of every gated rule: `words` its _word_bound, so that the page search
    for the gate skips longer lines, which the rule never flags and match_lines never tests with it; `past`
    None, or the words past which its gate_past is searched instead (an entry of its own, from there on).
    Made once per set of rules (`rule` clears it)."""
    out: list[_Gate] = []
    for i, r in enumerate(RULES):
        if r.gate is None:
            continue
        words = _word_bound(r)
        if r.gate_past is None or (words is not None and words <= r.gate_past[0]):
            out.append((1 << i, r.gate, r.gate_folded, words, None))
            continue
        past, narrower = r.gate_past
        out.append((1 << i, r.gate, r.gate_folded, past, None))
        out.append((1 << i, narrower, r.gate_folded, words, past))
    return tuple(out)


@cache
def _phrase_bits() -> tuple[int, int]:
    """The bits of the rules gated by the RULE_PHRASE_LISTS keys (lexicon.folded_phrase_gate), when
    folding leaves those keys as they are (so the gate searches what Line.may_hold_phrase searches), and the
    words of the longest line the search covers (see _gate_masks; 0: no such rules). Made once per set of
    rules (`rule` clears it)."""
    gate = folded_phrase_gate()
    if gate is None or not _phrase_keys_fold_to_themselves():
        return 0, 0
    gated = [(i, r) for i, r in enumerate(RULES)
             if r.gate is not None and r.gate_folded and r.gate.pattern == gate.pattern]
    # past a rule's gate_past words, its bit tells of the narrower gate: may_hold_phrase is not read from it there
    bounds = [_phrase_gate_bound(r) for _, r in gated]
    if not gated:
        return 0, 0
    return sum(1 << i for i, _ in gated), sys.maxsize if None in bounds else max(filter(None, bounds))


def _phrase_gate_bound(found: Rule) -> int | None:
    """Words up to which `found`'s own gate is searched: its _word_bound, or where its gate_past takes over."""
    words = _word_bound(found)
    if found.gate_past is None:
        return words
    return found.gate_past[0] if words is None else min(words, found.gate_past[0])


@cache
def _phrase_keys_fold_to_themselves() -> bool:
    return all(fold(key) == key for name in RULE_PHRASE_LISTS for key in (lowered_phrases(name).keys or ()))


def flags(line: Line, found: Rule) -> bool:
    """`found(line)`, answered without a call when match_lines has run on the line: a rule before the
    first one that flagged it (or any rule, when none did) was tried and said no, or could not flag it."""
    first = line.matched
    if first is not UNMATCHED:
        if first is found:
            return True
        if first is None or _order(first) > _order(found):
            return False
    return found.test(line)


def _order(found: Rule) -> int:
    """The rule's place in RULES (found by identity: == would compare every field)."""
    at = _positions.get(found.name)
    if at is None:
        at = _positions[found.name] = next(i for i, r in enumerate(RULES) if r is found)
    return at


_positions: dict[str, int] = {}  # rule name -> its place in RULES


def may_flag(line: Line, found: Rule) -> bool:
    """False when `line` was searched for `found`'s gate (match_lines) and does not hold it."""
    if line.gates is None or found.gate is None:
        return True
    return bool(line.gates & (1 << _order(found)))  # a rule's bit in Line.gates is its place in RULES


def gate_masks(lines: Sequence[Line], gates: Sequence[tuple[int, re.Pattern[str], bool]]) -> list[int]:
    """For each line, the OR of the `bit`s of the (bit, pattern, folded) gates whose pattern it holds.

    Each pattern is searched in the page's line texts, each one preceded and the last also followed by
    "\\n" (so "\\nX" finds X at a line's start and "X\\n" at its end, by a fast literal scan), or in the
    same text case-folded (lexicon.fold) when `folded`. A match inside a line is one in that text too
    (a gate has no \\A, \\Z, ^ or $), so the first match from the "\\n" before a line lies in it, or in a
    later line when the line holds none; one search per gate and line that holds it (per scan: _scans).
    """
    return _gate_masks(lines, [(bit, pattern, folded, None, None) for bit, pattern, folded in gates])[0]


def _gate_masks(lines: Sequence[Line], gates: Sequence[_Gate]) -> tuple[list[int], bool]:
    """gate_masks of (bit, pattern, folded, words, past) gates, and whether the folded text searched was the
    lines' lower case (lexicon.fold_telling). A gate with `words` set is searched in the lines of at most that
    many words (Line.size) only, and one with `past` set in the lines of more than that many; its bit is left
    unset in other lines and in blank ones: the lines with text stand in the page in order of size, so those
    lines are a stretch of the page, where the search starts and ends."""
    masks = [0] * len(lines)
    if not lines or not gates:
        return masks, False
    order: list[int] | None = None
    if any(words is not None or past is not None for _, _, _, words, past in gates):  # blank lines left out too
        every_size = [line.size for line in lines]  # read by index in C below, not by a lambda a line
        order = sorted([i for i, line in enumerate(lines) if line.text], key=every_size.__getitem__)
        sizes = list(map(every_size.__getitem__, order))
        texts = [lines[i].text for i in order]
    else:
        texts = [line.text for line in lines]
    page = "\n" + "\n".join(texts) + "\n"
    bounds = _bounds_of(texts)
    folded, exact = fold_telling(page) if any(on_folded for _, _, on_folded, _, _ in gates) else (page, False)
    if len(folded) != len(page):  # not one folded character per character: fold line by line
        folded = "\n" + "\n".join(fold(t) for t in texts) + "\n"
        folded_bounds = _bounds_of([fold(t) for t in texts])
    else:
        folded_bounds = bounds
    count = len(texts)
    # Rules that share a gate share its search: (gate's id, folded) -> (gate, bits, first line, lines searched).
    # Told apart by id, not by the Pattern: its hash is taken over its whole compiled code at every lookup, never
    # kept (6 us for the phrase gate's trie; 0.14 ms a page over the rule gates, two lookups each).
    merged: dict[tuple[int, bool], tuple[re.Pattern[str], int, int, int]] = {}
    for bit, pattern, on_folded, words, past in gates:
        _, bits, first, upto = merged.get((id(pattern), on_folded), (pattern, 0, count, 0))
        reach = count if words is None or order is None else bisect_right(sizes, words)
        start = 0 if past is None or order is None else bisect_right(sizes, past)
        merged[(id(pattern), on_folded)] = (pattern, bits | bit, min(first, start), max(upto, reach))
    for (_, on_folded), (pattern, bit, first, upto) in merged.items():
        if first >= upto:
            continue
        hay, at = (folded, folded_bounds) if on_folded else (page, bounds)
        end = at[upto] + 1  # to the "\n" after the last line searched
        for scan, opener in _scans(pattern):  # the lines where one scan finds a match are those where the gate does
            if opener is not None and opener not in hay:  # a scan of bytes (memchr), not of re's loop
                continue
            search = scan.search
            found = search(hay, at[first], end)
            while found is not None:
                i = bisect_right(at, found.start()) - 1
                if i >= upto:
                    break
                masks[i if order is None else order[i]] |= bit
                found = search(hay, at[i + 1], end)
    return masks, exact


# A gate that opens with one of a few characters (a class of them, or branches that each open with one) is
# searched by one scan per character: re scans for a literal first character in a tight loop (5 instructions a
# character of the page), for a class of them by a call a character (50 to 80).
_MAX_SCANS = 8
_Scan = tuple[re.Pattern[str], str | None]  # a scan, and the character its every match opens with (None: any)
_scans_of: dict[int, tuple[re.Pattern[str], tuple[_Scan, ...]]] = {}  # id(gate) -> (gate, its scans)


def _scans(gate: re.Pattern[str]) -> tuple[_Scan, ...]:
    """_anchored_scans(gate), else _split_scans(gate), made once per gate, each scan with the literal it opens
    with (a page without it is not searched). Kept by the gate's id (its hash would read its whole compiled
    code), beside the gate itself, which so lives on: no other pattern can take its id."""
    held = _scans_of.get(id(gate))
    if held is None:
        scans = _anchored_scans(gate) or _split_scans(gate)
        held = _scans_of[id(gate)] = (gate, tuple((scan, _opener(scan)) for scan in scans))
    return held[1]


def _opener(scan: re.Pattern[str]) -> str | None:
    """The character every match of `scan` opens with, when it is written as a literal first, else None."""
    if scan.flags & re.IGNORECASE:
        return None
    items = sre_parse.parse(scan.pattern, scan.flags)
    op, arg = items[0] if len(items) else (None, None)
    return chr(arg) if op is sre_parse.LITERAL else None


def _split_scans(gate: re.Pattern[str]) -> tuple[re.Pattern[str], ...]:
    """Patterns, one per character a match of `gate` can open with, each matching where `gate` matches from
    that character, and starting there (a literal first, which re scans for): their matches start where the
    gate's do. The gate alone when it opens otherwise (a literal already, a wider class, a case-insensitive one)."""
    items = sre_parse.parse(gate.pattern, gate.flags)
    op, arg = items[0] if len(items) else (None, None)
    if op is sre_parse.IN and all(kind is sre_parse.LITERAL for kind, _ in arg):
        chars = {chr(value) for _, value in arg}
    elif op is sre_parse.BRANCH and all(len(branch) and branch[0][0] is sre_parse.LITERAL for branch in arg[1]):
        chars = {chr(branch[0][1]) for branch in arg[1]}
    else:
        return (gate,)
    if len(chars) > _MAX_SCANS or gate.flags & re.IGNORECASE:
        return (gate,)
    if len(items) == 1 and op is sre_parse.IN:  # the class alone: a match is the character
        return tuple(re.compile(re.escape(char)) for char in sorted(chars))
    # the character, then the gate matched from it, looked back on ((?s:.): the character may be a "\n")
    return tuple(re.compile(re.escape(char) + "(?<=(?=" + gate.pattern + ")(?s:.))", gate.flags)
                 for char in sorted(chars))


# A gate that is a trie of literal keys (lexicon.trie_pattern) opening with many characters: re tries the trie at
# nearly every position of the page (a test of its first character against each branch's). Instead, each key is
# scanned for by one of its rarer characters (its anchor, a literal scan), and from there the rest of the key
# matched forward, then the whole key looked back on. A handful of anchors covers every key.
_MAX_KEYS = 4096  # strings a gate may spell to be scanned so
# Rough share of each character in the folded text of web pages (the dev dumps' lines of up to 40 words); a
# character not named is rarer than all of them. What an anchor costs depends on it: only its hits are matched on.
_CHAR_SHARE = {
    " ": .15, "e": .09, "t": .065, "a": .06, "o": .06, "i": .055, "n": .055, "s": .05, "r": .05, "h": .028,
    "l": .033, "d": .028, "c": .026, "u": .022, "m": .02, "g": .02, "p": .017, "f": .016, "w": .012, "b": .012,
    "y": .01, "v": .0085, "k": .006, "z": .005, "x": .0015, "j": .001, "q": .001, ".": .01, ",": .008,
}
_HIT_COST = 100  # a hit of an anchor costs about this many characters of its scan (tried on the dev dumps: 30 to 1000)


def _anchored_scans(gate: re.Pattern[str]) -> tuple[re.Pattern[str], ...] | None:
    """Patterns, one per anchor character, that match in the very lines of a page where `gate` does (a match of
    one starts at an anchor inside a key, so in the line that holds the key), when `gate` spells a set of literal
    keys without "\\n", after its lead (see led_gate), and opens with no literal (re scans for one already); else
    None."""
    found = _literal_keys(gate)
    if found is None:
        return None
    lead, keys = found
    if lead:  # the lead must stand before the key: only a key that opens with another is found where that one is
        least = [key for key in keys if not any(other != key and key.startswith(other) for other in keys)]
    else:  # a key holding another is found wherever that one is: the lines holding a key are those holding a least
        least = [key for key in keys if not any(other != key and other in key for other in keys)]
    holding: dict[str, set[str]] = {}  # character -> the keys that hold it
    for key in least:
        for char in key:
            holding.setdefault(char, set()).add(key)
    groups: dict[str, list[str]] = {}
    left = set(least)
    while left:  # greedy cover: the character that covers most keys for its cost
        anchor = min(sorted(char for char, held in holding.items() if not held.isdisjoint(left)),
                     key=lambda char: (1 + _HIT_COST * _CHAR_SHARE.get(char, 0.0)) / len(holding[char] & left))
        groups[anchor] = sorted(holding[anchor] & left)
        left.difference_update(groups[anchor])
    try:
        return tuple(re.compile(re.escape(anchor) + _after_anchor(anchor, group, lead))
                     for anchor, group in groups.items())
    except re.error:  # a lead of no fixed width cannot be looked back on
        return None


# Gates made by led_gate: id -> (gate, its lead). The gate lives on here: no other pattern can take its id.
_leads: dict[int, tuple[re.Pattern[str], str]] = {}


def led_gate(lead: str, keys: set[str]) -> re.Pattern[str]:
    """re.compile(lead + lexicon.trie_pattern(keys)): a gate for a key right after what `lead` matches (a pattern
    of fixed width), which _anchored_scans scans for by the keys' anchors, each key looking back on its lead."""
    gate = re.compile(lead + trie_pattern(keys))
    _leads[id(gate)] = (gate, lead)
    return gate


def _literal_keys(gate: re.Pattern[str]) -> tuple[str, set[str]] | None:
    """The lead of `gate` (see led_gate; "" for another gate) and the literal keys it spells after it, when they
    hold no "\\n" and the gate opens with no literal; else None."""
    held = _leads.get(id(gate))
    lead = held[1] if held is not None and held[0] is gate else ""
    if gate.flags & re.IGNORECASE or not gate.pattern.startswith(lead):
        return None
    items = sre_parse.parse(gate.pattern, gate.flags)
    if not len(items) or items[0][0] is sre_parse.LITERAL:
        return None
    keys = spelt(sre_parse.parse(gate.pattern[len(lead):], gate.flags), _MAX_KEYS, anchors=False)
    if not keys or "" in keys or any("\n" in key for key in keys):
        return None
    return lead, keys


def _after_anchor(anchor: str, keys: list[str], lead: str = "") -> str:
    """What follows the anchor in its scan: the keys' rests after their first `anchor` as a trie, each rest then
    looking back on its whole key after `lead` (none needed for a key that opens with the anchor, without lead)."""
    trie: dict = {}
    for key in keys:
        at = key.index(anchor)
        node = trie
        for char in key[at + 1:]:
            node = node.setdefault(char, {})
        node.setdefault("", []).append(key[:at])

    def build(node: dict, rest: str) -> str:
        heads = node.get("", [])
        if "" in heads and not lead:  # a key ends here whatever stood before its anchor
            return ""
        branches = [f"(?<={lead}{re.escape(head + anchor + rest)})" for head in sorted(heads)]
        branches += [re.escape(char) + build(node[char], rest + char) for char in sorted(node) if char]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(trie, "")


def _bounds_of(texts: list[str]) -> list[int]:
    """Where the "\\n" before each of `texts` stands in "\\n" + "\\n".join(texts) + "\\n", and the last one:
    the running sum of their lengths plus one, in C iterators (no Python call per line)."""
    return list(accumulate(map((1).__add__, map(len, texts)), initial=0))
