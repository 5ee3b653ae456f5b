"""The noise rules, one named unit each, shared by the text and the HTML path.

Importing this package registers every family; `match(line)` returns the first rule
that flags a line, and `classify(text)` does the same for a bare string.
"""

from __future__ import annotations

from . import (  # noqa: F401  (imported to register their rules, in priority order)
    disclaimer,
    footer,
    language_picker,
    media,
    metadata,
    navigation,
    promo,
    related,
    widget,
)
from .line import Line
from .registry import FAMILIES, RULES, Rule, match, rule


def classify(text: str) -> Rule | None:
    """The first rule that flags `text` (one line or block), or None."""
    return match(Line(text))


__all__ = ["FAMILIES", "RULES", "Line", "Rule", "classify", "match", "rule"]
