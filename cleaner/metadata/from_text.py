"""Metadata read off a page's lines: title, date, author, site name, categories."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
from urllib.parse import urlsplit

from ..rules import Line, lexicon
from ..rules.footer import EMAIL
from ..rules.metadata import byline_name
from ..rules.navigation import breadcrumb_items, trail_end
from .dates import YEAR, find_date, short_year_date

TITLE_MIN_SIZE, TITLE_MAX_SIZE = 2, 30
TITLE_LOOKBACK = 80  # lines before the body searched for the headline
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d)?\s*[,.]?\s*)?"
    r"(?:by\s+)?(?P<name>[^\W\d_][\w&'’. -]{1,60}?)"
    r"\s*(?:[,.|]|\ball rights\b|\binc\b|\bltd\b|\bllc\b|\bgmbh\b|(?:19|20)\d\d|$)",
    re.I,
)
# Labels and their count bounded as in DNS names (63 characters, a handful of labels): unbounded, the
# nested repetition rescanned a long dotted token from every label.
_DOMAIN = re.compile(r"\b((?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,63})\b", re.I)


def content_words(text: str, stopwords: frozenset[str]) -> set[str]:
    """The lower-cased words of three letters or more in `text` that are no stop words."""
    # each word lower-cased once: a body names its words again and again
    return set(map(str.lower, set(_CONTENT_WORD.findall(text)))).difference(stopwords)


def lines_content_words(lines: list[Line], stopwords: frozenset[str]) -> set[str]:
    """content_words(" ".join(line.text for line in lines), stopwords), found from the lines' words (Line.words,
    the runs of \\w in their texts, which no run of letters crosses): each distinct word is looked at once, and
    one of letters only (str.isalpha: no digit, "_" or other numeral) is a run of letters whole."""
    tokens: set[str] = set().union(*[line.words for line in lines])
    runs = {token for token in tokens if len(token) >= 3 and token.isalpha()}
    for token in tokens:
        if not token.isalpha():
            runs.update(_CONTENT_WORD.findall(token))
    return set(map(str.lower, runs)).difference(stopwords)


def pick_title(lines: list[Line], candidates: list[int], body: list[Line], stopwords: frozenset[str],
               url: str | None) -> int | None:
    """Index of the headline among `candidates` (lines before the body), or None.

    The headline shares words with the body (the lines `body`, and the URL slug) and stands near it.
    """
    body_words: set[str] | None = None  # found on first need: many pages offer no candidate that can be one
    slug_words = content_words(urlsplit(url).path.replace("-", " ").replace("_", " "), stopwords) if url else set()
    best, best_score = None, 0.0
    last = candidates[-1] if candidates else 0
    for rank, i in enumerate(reversed(candidates)):
        line = lines[i]
        if not TITLE_MIN_SIZE <= line.size <= TITLE_MAX_SIZE or line.text.endswith(":") or line.bullet:
            continue
        words = content_words(line.text, stopwords)
        if not words:
            continue
        if body_words is None:
            body_words = lines_content_words(body, stopwords)
        overlap = len(words & body_words) + 2 * len(words & slug_words)
        score = overlap + min(line.size, 12) / 12 - 0.02 * (last - i) - 0.01 * rank
        if line.text.endswith("."):
            score -= 1.5  # headlines seldom end with a full stop
        if overlap >= 1 and score > best_score:
            best, best_score = i, score
    return best


HEADLINE_NEIGHBOURS = 6  # lines either side of a chosen headline where its bare form may stand
MIN_BARE_HEADLINE_WORDS = 2


def bare_headline(lines: list[Line], title_at: int) -> tuple[int, str]:
    """The headline without what a dump ran on before it: (its line, its text).

    A line near the chosen one that ends it ('Home Issues Prison official: ...' over 'Prison official:
    ...', a kicker before the headline) is the headline itself, unless the kicker ends with a colon
    ('Italien: Reisehinweise': one headline in two parts); else a breadcrumb trail's last item.
    """
    text = lines[title_at].text
    for j in range(max(0, title_at - HEADLINE_NEIGHBOURS), min(len(lines), title_at + HEADLINE_NEIGHBOURS + 1)):
        other = lines[j].text
        if j != title_at and len(other.split()) >= MIN_BARE_HEADLINE_WORDS and len(other) < len(text) \
                and text.endswith(other) and not text[-len(other) - 1].isalnum() and not other[:1].islower() \
                and not text[:-len(other)].rstrip().endswith(":"):
            return j, other
    return title_at, trail_end(text) or text


def _holding(pattern: re.Pattern[str], texts: list[str]) -> Iterator[int]:
    """The indices of the texts (of one line each) that `pattern` matches in, in order, from searches of them all
    joined, not a search a text: most lines hold no match. A match must not span a line break."""
    joined = "\n".join(texts)
    starts = list(accumulate(map((1).__add__, map(len, texts)), initial=0))  # where each text starts in it
    found = pattern.search(joined)
    while found is not None:
        at = bisect_right(starts, found.start()) - 1
        yield at
        found = pattern.search(joined, starts[at + 1])


def find_dateline(lines: list[Line], indices: list[int], month_first: bool = True) -> str | None:
    """The first date written in the given lines (`month_first`: 03/04/2025 is March 4)."""
    # Every date holds a year (find_date answers None at once for a line without one)
    texts = [lines[i].raw.strip() for i in indices]
    for at in _holding(YEAR, texts):
        found = find_date(texts[at], month_first=month_first)
        if found:
            return found[0]
    return None


def find_author(lines: list[Line], indices: list[int]) -> str | None:
    """The name in the first byline ("By Jane Doe") among the given lines, cut where a date or a stamp
    follows it ("Jane Doe 11 February 2020"), and written as a name (not "von der Leyen's plan")."""
    from .author import person_in_byline

    for i in indices:
        name = byline_name(lines[i].text)
        if name:
            return _as_name(person_in_byline(name), True)
    return None


BYLINE_AFTER, BYLINE_BEFORE = 8, 3  # lines below and above the headline searched for a written byline
MAX_BYLINE_LINE_WORDS = 14
_BY_ALONE = re.compile(r"^(?i:by|von|par|por|door|autor|author|auteur|written by|posted by)\s*[:：]?$")
_NAME_PART_SPLIT = re.compile(r"\s*(?:[|/·•∙,;]|\s[-–—]\s)\s*")
_IN_CATEGORY = re.compile(r"\s+in\s+[^\W\d_].*$")  # "by Jane Doe in Politics, World": the post's categories
_TIME = re.compile(r"^\d{1,2}[:.]\d\d(?:[:.]\d\d)?(?:\s*(?:uhr|am|pm|h))?$", re.I)
# Words of a dateline's stamp ("Originally Posted", "Last Updated", "For Immediate Release"), not of a name.
_STAMP_WORDS = frozenset({"posted", "updated", "published", "release", "last", "originally", "modified", "created",
                          "veröffentlicht", "aktualisiert", "erschienen", "stand", "publié", "publicado"})
# Articles and prepositions: a name neither starts nor ends with one (name particles are written lower-case).
_FUNCTION_WORDS = frozenset({"the", "a", "an", "from", "for", "in", "at", "on", "with", "of", "and", "all", "by", "to",
                             "der", "die", "das", "ein", "eine", "vom", "im", "am", "um", "zum", "zur", "und", "mit"})


def byline_window(lines: list[Line], title_at: int | None, first: int) -> list[int]:
    """The lines a byline stands in: the BYLINE_AFTER lines under the headline (or, with none, from the
    body's first line on), then the BYLINE_BEFORE lines above it, nearest first; blank lines not counted."""
    anchor = title_at if title_at is not None else first - 1
    below = [i for i in range(anchor + 1, min(len(lines), anchor + 1 + 3 * BYLINE_AFTER)) if lines[i].text]
    above = [i for i in range(max(0, anchor - 3 * BYLINE_BEFORE), anchor) if lines[i].text]
    return below[:BYLINE_AFTER] + above[::-1][:BYLINE_BEFORE]


DATE_LEAD_CHARS = 3  # a long dateline opens with its date ("(12.11.2021) ..."): later dates in a line are the story's
# A date of an update or of an event is not the publication's.
_OTHER_DATE = re.compile(r"\b(?:updated?|aktualisiert|mis à jour|actualizado|aggiornato|termin|event)\b", re.I)


def headline_date(lines: list[Line], title_at: int, window: list[int], month_first: bool) -> str | None:
    """The date of the dateline nearest the headline in its byline window (one below before one above as
    near): a short line with a date, or a line that opens with one ("19.10.2019, 15:30 Uhr Am 8. Spieltag
    ..." where the teaser runs on), not an update's or an event's date."""
    for i in sorted(window, key=lambda i: (abs(i - title_at), i < title_at)):
        text = lines[i].raw.strip()
        found = find_date(text, month_first=month_first)
        if found and (lines[i].size <= MAX_BYLINE_LINE_WORDS or found[1][0] <= DATE_LEAD_CHARS) \
                and not _OTHER_DATE.search(text):
            return found[0]
        if found is None and lines[i].size <= MAX_BYLINE_LINE_WORDS and not _OTHER_DATE.search(text):
            # a byline's two-digit year ("28.09.19 12:44", "30/10/23 | Site"), read in a byline only
            short = short_year_date(text, month_first=month_first)
            if short:
                return short
    return None


DATELINE_BELOW = 15  # lines under the body searched for its dateline ("Stand: 27.01.2022", "15.12.2021")


def closing_dateline(lines: list[Line], end: int, month_first: bool) -> str | None:
    """The date of a short dateline within DATELINE_BELOW lines under the body (`end` its last line):
    where a page without one by its headline dates the article."""
    below = [i for i in range(end + 1, min(len(lines), end + 1 + DATELINE_BELOW))
             if lines[i].text and lines[i].size <= MAX_BYLINE_LINE_WORDS]
    return find_dateline(lines, below, month_first)


def written_byline(lines: list[Line], title_at: int | None, first: int) -> str | None:
    """The author named in a byline near the headline (or, with none, near the body's first line).

    A byline names the writer after a preposition or label ("By Jane Doe", "Von Jane Doe 19. Oktober
    2019"), beside the date ("Jane Doe | March 3, 2021", "Jane Doe 19.10.2019, 05:00 Uhr"), or alone on
    the line next to the date line (a line that is also a menu item is the section's name). The lines just
    below the headline are read first, then those above.
    """
    window = byline_window(lines, title_at, first)
    dated = {i for i in window if lines[i].size <= MAX_BYLINE_LINE_WORDS and find_date(lines[i].text)}
    menu = {line.text for line in lines if line.bullet and line.size <= 3}
    for i in window:
        if lines[i].text in menu:
            continue  # a section's name under the headline, also an item of the menu
        name = _as_name(*_line_author(lines, i, dated))
        if name and (title_at is None or name.casefold() != lines[title_at].text.casefold()):
            return name
    return None


def _line_author(lines: list[Line], i: int, dated: set[int]) -> tuple[str | None, bool]:
    """The name a byline line gives (see written_byline), or None; and whether a label or preposition
    ("By", "Von", "Posted by") says it is the author's."""
    # The HTML path's byline readers, on a line's text; imported here, as the text path needs no lxml otherwise.
    from .author import (
        BY_PREFIX,
        TRAILING_BYLINE,
        WRITTEN_BYLINE,
        cut_name,
        dateline_name,
        person_in_byline,
        valid_name,
    )

    text = lines[i].raw.strip()  # "6. Dezember 2022 von ...": the day is no list marker here
    if lines[i].size > MAX_BYLINE_LINE_WORDS or len(text) > 120 or lines[i].ends_sentence and i not in dated:
        return None, False
    if _BY_ALONE.match(text) and i + 1 < len(lines):  # "By" on its own line, the name on the next
        return person_in_byline(lines[i + 1].text), True
    match = WRITTEN_BYLINE.search(text)
    name = person_in_byline(cut_name(_IN_CATEGORY.sub("", match.group("a")))) if match else None
    if name is None:
        trailing = TRAILING_BYLINE.search(text)
        name = valid_name(trailing.group("name")) if trailing else None
    if name is not None:
        return name, True
    last = dateline_name(text)  # "04.02.2022 | Jane Doe", "12.06.2017 | Geschrieben von Jane"
    if last is not None:
        return person_in_byline(last), bool(BY_PREFIX.match(last))
    part = _name_beside_date(text) if i in dated else None
    if part is not None:  # "Jane Doe 19.10.2019, 05:00 Uhr", "Geschrieben von Jane am 25.08.2015"
        return person_in_byline(part), bool(BY_PREFIX.match(part))
    name = None
    if (i - 1 in dated or i + 1 in dated) and i not in dated and 2 <= lines[i].size <= 3 \
            and ":" not in text:
        name = person_in_byline(text)  # a name on its own line next to the date line
    return name, False


def _name_beside_date(text: str) -> str | None:
    """The first part of a dateline beside its date of two or three words, or None (a part with a
    colon labels the date: "Stand: 05.02.2020")."""
    from .author import cut_name

    found = find_date(text)
    if found is None:
        return None
    start, end = found[1]
    for part in _NAME_PART_SPLIT.split(text[:start] + " | " + text[end:]):
        part = cut_name(part.strip())
        if part and ":" not in part and not _TIME.match(part) and 2 <= len(part.split()) <= 3:
            return part
    return None


def _as_name(name: str | None, labelled: bool) -> str | None:
    """`name` as a person's name is written: capitalised words, none a month, weekday, stamp or control
    label ("View Comments"), no label's colon; a function word neither starts it ("The Briefing", "From
    The Times") nor stands in it capitalised ("Jane Doe All": the next element's text run on, dropped).
    Without a byline's label (`labelled`: "By", "Von"), it is two or three words."""
    from .author import written_as_name

    if not name or not name[:1].isupper() or not written_as_name(name) or ":" in name or "/" in name:
        return None
    words = name.split()
    if words[0].casefold() in _FUNCTION_WORDS:
        return None
    cut = next((k for k in range(1, len(words)) if words[k].casefold() in _FUNCTION_WORDS and words[k][:1].isupper()),
               len(words))
    words = words[:cut]
    if not labelled and (not 2 <= len(words) <= 3 or "," in name):
        return None  # a name beside a date or alone on a line is a first and last name, no list
    months, weekdays = lexicon.months(), lexicon.words("weekdays")
    labels = lexicon.words("nav_words") | lexicon.words("widget_words") | lexicon.words("counter_nouns")
    for word in (w.casefold().strip(".,") for w in words):
        if word in months or word in weekdays or word in labels or word in _STAMP_WORDS:
            return None
    return " ".join(words)


def find_categories(lines: list[Line], indices: list[int], title: str | None) -> list[str]:
    """Breadcrumb items, less the home link and the page's own title."""
    home = lexicon.words("nav_words")
    for i in indices:
        items = breadcrumb_items(lines[i].text)
        if items:
            return [item for item in items if lexicon.norm(item) not in home and item != title]
    return []


# A copyright mark: "©", "(c)" or "copyright" in any case, spelt out as the characters re.I takes each letter for
# ("i" is also "İ" and "ı"), behind a first character the search scans for (with re.I it had none to scan for,
# and tried the pattern at every position).
_COPYRIGHT_SCAN = re.compile(r"[©(cC](?:(?<=©)|(?<=\()[cC]\)|(?<=[cC])[oO][pP][yY][rR][iIİı][gG][hH][tT])")


def find_sitename(lines: list[Line], indices: list[int], url: str | None) -> str | None:
    """The copyright holder, else an e-mail or URL domain."""
    texts = [lines[i].text for i in indices]
    for at in _holding(_COPYRIGHT_SCAN, texts):  # the lines holding a copyright mark
        text = texts[at]
        domain = _DOMAIN.search(text)
        if domain:
            return domain.group(1).lower()
        match = _COPYRIGHT_HOLDER.search(text)
        if match:
            return match.group("name").strip(" .-")
    for i in indices:
        email = EMAIL.search(lines[i].text) if "@" in lines[i].text else None
        if email:
            return email.group(0).split("@", 1)[1].lower()
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None
