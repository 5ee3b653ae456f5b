"""Dates in their common written forms -> ISO 'YYYY-MM-DD'."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from ..rules import lexicon

MIN_YEAR, MAX_YEAR = 1990, 2039
_Y = r"((?:19|20)\d\d)"
_D = r"(\d{1,2})"
YEAR = re.compile(r"(?:19|20)\d\d")


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    # As a trie ("j(?:an(?:uary)?|u(?:ly|ne))"): the alternation of some hundred names was tried name by name
    # at every position of a line. At one position the names that match are prefixes of one another, and the
    # trie's greedy branches try them longest first, as the alternation sorted by length did.
    month = "((?i:" + lexicon.trie_pattern(set(lexicon.months()), whole=True) + r"))\.?"
    # A month name may be glued to the word before it ("PodcastsDecember 10, 2025").
    start = r"(?:(?<![\w.])|(?<=[a-z])(?=[A-Z]))"
    # Order matters: unambiguous forms first.
    return [
        (re.compile(rf"(?<!\d){_Y}\s*年\s*{_D}\s*月\s*{_D}\s*日?"), "ymd"),
        (re.compile(rf"(?<!\d){_Y}[-/.]{_D}[-/.]{_D}(?!\d)"), "ymd"),
        (re.compile(rf"{start}{month}\s+{_D}(?:st|nd|rd|th)?,?\s+{_Y}"), "mdy_name"),
        (re.compile(rf"(?<!\d){_D}(?:st|nd|rd|th|er|\.|º)?\s*(?:de\s+)?{month}\s*,?\s*(?:de\s+)?{_Y}"),
         "dmy_name"),
        (re.compile(rf"(?<!\d){_D}\.\s?{_D}\.\s?{_Y}(?!\d)"), "dmy"),
        (re.compile(rf"(?<![\d/]){_D}/{_D}/{_Y}(?!\d)"), "slash"),
        (re.compile(rf"(?<!\d){_D}-{_D}-{_Y}(?!\d)"), "dmy"),
    ]


def find_date(text: str, *, month_first: bool = True) -> tuple[str, tuple[int, int]] | None:
    """The first valid date in `text` as (ISO string, span), or None.

    `month_first` settles 03/04/2025 (US order) when neither number exceeds 12.
    """
    if not YEAR.search(text):
        return None  # every form has a year: one cheap pass spares seven
    best: tuple[str, tuple[int, int]] | None = None
    for pattern, form in _patterns():
        for match in pattern.finditer(text):
            iso = _to_iso(match.groups(), form, month_first)
            if iso and (best is None or match.start() < best[1][0]):
                best = (iso, match.span())
                break
    return best


def writes_date(text: str, iso: str) -> bool:
    """Whether `text` writes the day `iso` (YYYY-MM-DD) in any form find_date reads, in either order of an
    ambiguous slash date. One pass of each pattern: a search from each date found on would rescan the
    rest of the text each time (a long text of dates took seconds)."""
    if iso[:4] not in text:
        return False
    for pattern, form in _patterns():
        for match in pattern.finditer(text):
            groups = match.groups()
            if _to_iso(groups, form, True) == iso or (form == "slash" and _to_iso(groups, form, False) == iso):
                return True
    return False


def _to_iso(groups: tuple[str, ...], form: str, month_first: bool) -> str | None:
    months = lexicon.months()
    try:
        if form == "ymd":
            year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
        elif form == "mdy_name":
            month, day, year = months[groups[0].lower()], int(groups[1]), int(groups[2])
        elif form == "dmy_name":
            day, month, year = int(groups[0]), months[groups[1].lower()], int(groups[2])
        elif form == "dmy":
            day, month, year = int(groups[0]), int(groups[1]), int(groups[2])
        else:  # slash: decide the order
            first, second, year = int(groups[0]), int(groups[1]), int(groups[2])
            if first > 12 or (not month_first and second <= 12):
                day, month = first, second
            else:
                month, day = first, second
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        return dt.date(year, month, day).isoformat()
    except (KeyError, ValueError):
        return None


# "24.12.19", "5/13/19": a numeric date with a two-digit year, which find_date leaves alone (a bare
# "1.2.19" in prose is as often a version or a verse), read only where the caller knows a date stands.
_SHORT_YEAR = re.compile(r"(?<![\d./])(\d{1,2})([./])(\d{1,2})\2(\d\d)(?![\d./])")


def short_year_date(text: str, *, month_first: bool = True) -> str | None:
    """The first date in `text` written with a two-digit year, as ISO, or None ('99 is 1999, '19 is
    2019; a year out of range: none). Slash dates are ordered as find_date orders them."""
    match = _SHORT_YEAR.search(text)
    if match is None:
        return None
    short = int(match.group(4))
    year = (2000 if 2000 + short <= MAX_YEAR else 1900) + short
    return _to_iso((match.group(1), match.group(3), str(year)), "slash" if match.group(2) == "/" else "dmy",
                   month_first)
