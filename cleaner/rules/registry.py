"""Named noise rules: each a small predicate over one line or block, with a reason code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .line import Line

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

    def __call__(self, line: Line) -> bool:
        return self.test(line)


RULES: list[Rule] = []


def rule(reason: str) -> Callable[[Callable[[Line], bool]], Rule]:
    """Register a predicate as a rule of family `reason`, named after the function."""
    if reason not in FAMILIES:
        raise ValueError(f"unknown rule family {reason!r}")

    def register(test: Callable[[Line], bool]) -> Rule:
        made = Rule(test.__name__.replace("_", "-"), reason, test, (test.__doc__ or "").strip())
        RULES.append(made)
        return made

    return register


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
    for candidate in RULES:
        if candidate.test(line):
            return candidate
    return None
