"""Named noise rules: each a small predicate over one line or block, with a reason code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

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


def match(line: Line) -> Rule | None:
    """The first rule that flags this line, or None.

    Rules read only the line's stripped text (not its indentation or position), so verdicts
    are cached on it: a batch of one site's pages sees the same template lines again and again.
    """
    if not line.text:
        return None
    return _match_text(line.raw.strip())


@lru_cache(maxsize=MATCH_CACHE_SIZE)
def _match_text(stripped: str) -> Rule | None:
    line = Line(stripped)
    for candidate in RULES:
        if candidate.test(line):
            return candidate
    return None
