"""Named noise rules: each a small predicate over one line or block, with a reason code."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from .line import CHARS_PER_WORD, Line

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

    def __call__(self, line: Line) -> bool:
        return self.test(line)


RULES: list[Rule] = []


def rule(reason: str, *, max_words: int | None = None, max_chars: int | None = None,
         within: int | None = None) -> Callable[[Callable[[Line], bool]], Rule]:
    """Register a predicate as a rule of family `reason`, named after the function. `max_words` and
    `max_chars` declare the line sizes beyond which the predicate is always false (`within=N` is
    `Line.within(N)`'s pair of bounds); they must be implied by the predicate's own first test."""
    if reason not in FAMILIES:
        raise ValueError(f"unknown rule family {reason!r}")
    if within is not None:
        max_words, max_chars = within, within * CHARS_PER_WORD

    def register(test: Callable[[Line], bool]) -> Rule:
        made = Rule(test.__name__.replace("_", "-"), reason, test, (test.__doc__ or "").strip(), max_words, max_chars)
        RULES.append(made)
        _by_size.clear()
        _bounds.clear()
        return made

    return register


# The rules that can flag a line of a given size, in registry order, per class of lines between two
# consecutive bounds: a line of prose skips the two dozen rules for short lines without calling them.
_by_size: dict[tuple[int, int], tuple[Rule, ...]] = {}
_bounds: dict[str, list[int]] = {}  # the sorted word and char bounds, made on first use


def _candidates(line: Line) -> tuple[Rule, ...]:
    words, chars = _bounds.get("words"), _bounds.get("chars")
    if words is None or chars is None:
        words = _bounds["words"] = sorted({r.max_words for r in RULES if r.max_words is not None})
        chars = _bounds["chars"] = sorted({r.max_chars for r in RULES if r.max_chars is not None})
    size, length = line.size, len(line.text)
    key = (bisect_left(words, size), bisect_left(chars, length))
    found = _by_size.get(key)
    if found is None:
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
    if not line.text:
        return None
    key = line.raw.strip()
    if len(key) > MATCH_CACHE_MAX_CHARS:
        return _first_rule(line)
    try:
        return _verdicts[key]
    except KeyError:
        pass
    if len(_verdicts) >= MATCH_CACHE_SIZE:
        _verdicts.clear()  # a new site's template replaces the old one's
    found = _verdicts[key] = _first_rule(line)
    return found


def _first_rule(line: Line) -> Rule | None:
    for candidate in _candidates(line):
        if candidate.test(line):
            return candidate
    return None
