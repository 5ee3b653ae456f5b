"""Wiki section edit links after headings ("History [edit]", "[Bearbeiten | Quelltext bearbeiten]")."""

from __future__ import annotations

import re
from functools import cache

from .rules import lexicon


@cache
def _pattern() -> re.Pattern[str]:
    words = lexicon.phrases("edit_links").pattern
    return re.compile(r"\s*\[\s*(?:" + words + r")\b[^\[\]]{0,80}\]\s*$", re.I)


def split_edit_link(heading: str) -> tuple[str, str | None]:
    """(the heading without a trailing edit link, the link's text or None)."""
    if not heading.endswith("]"):
        return heading, None
    match = _pattern().search(heading)
    if match is None or match.start() == 0:
        return heading, None
    return heading[:match.start()], match.group(0).strip()
