"""Word lists for the rules, loaded once from the data files beside this module."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# The trailing run starts only where a run of non-letters starts: a start inside a run reaches the same end,
# and retrying each position of a long run in mid-line was quadratic.
_STRIP_ENDS = re.compile(r"^[\W\d_]+|(?<![\W\d_])[\W\d_]+$")


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


@cache
def lowered_phrases(name: str) -> re.Pattern[str]:
    """The same list for text already lower-cased (`Line.lower`): several times faster than `phrases`."""
    return re.compile("|".join(f"(?:{entry.lower()})" for entry in _entries(name)))


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
    return " ".join(_STRIP_ENDS.sub("", text.lower()).split())
