"""`metadata`: datelines, bylines and reading times; their facts go to the metadata."""

from __future__ import annotations

import re

from .line import Line
from .registry import rule

BYLINE = re.compile(
    r"^(?:(?:written |posted |reported |text |words |story |photos? )?by|von|par|por|di|door|przez|av|af|"
    r"автор|від|作者|文|记者|撰文)\s*[:：/／]?\s+(?P<name>[^\W\d_][\w'’.\- ]{1,60}?)"
    r"(?:\s*(?:[,|·•–—-]|\bund\b|\band\b|\bon\b|\bin\b|\bet\b|\by\b|$).*)?$",
    re.I,
)
# BYLINE's opening word, at a line's start.
_BYLINE_GATE = re.compile(r"\n(?:written |posted |reported |text |words |story |photo|by|von|par|por|di|door|przez|"
                          r"av|af|автор|від|作者|文|记者|撰文)")
_STAMP = re.compile(
    r"^(?:published|updated|posted|last updated|last modified|created|modified|date|time|veröffentlicht|"
    r"aktualisiert|stand|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato|opublikowano|"
    r"发布时间|发布日期|时间|日期|更新时间|公開日|更新日)(?![^\W\d_])\s*(?:on|am|le|el|il)?\s*[:：]?", re.I)
READING_TIME = re.compile(r"^\d+\s*(?:min(?:ute)?s?|minutes?)(?:\s+(?:read|de lecture|de leitura|lesezeit))?$"
                          r"|^(?:lesezeit|reading time|temps de lecture)\s*[:：]?\s*\d+", re.I)
_DIGIT = re.compile(r"\d")
MAX_DATELINE_WORDS = 14
MAX_DATELINE_REST = 8  # words beside the date: a name, a place, a weekday, a time zone


def byline_name(text: str) -> str | None:
    """The author named by a byline ('By Jane Doe, Reuters' -> 'Jane Doe'), or None."""
    if len(text) > 120:
        return None
    match = BYLINE.match(text.strip())
    if not match:
        return None
    name = match.group("name").strip(" .-")
    words = name.split()
    if not 1 <= len(words) <= 5 or not any(w[:1].isupper() for w in words):
        return None
    return name


@rule("metadata", max_words=12, max_chars=120, gate=_BYLINE_GATE, gate_folded=True)
def byline(line: Line) -> bool:
    """'By Jane Doe', 'Von Max Muster', 'Par Jean Dupont': the author goes to the metadata."""
    return line.size <= 12 and not line.ends_sentence and byline_name(line.text) is not None


# find_date reads nothing without a year; the year stands in Line.text too (a list marker has at most
# two digits and ends with "." or ")").
_YEAR_GATE = re.compile(r"(?:19|20)\d\d")


@rule("metadata", within=MAX_DATELINE_WORDS, gate=_YEAR_GATE)
def dateline(line: Line) -> bool:
    """A short line carrying the date: 'Time:2025-12-22', 'Nov 19, 2019, 10:31 pm CST'."""
    if not line.within(MAX_DATELINE_WORDS) or not _DIGIT.search(line.text):
        return False
    from ..metadata.dates import find_date  # the dates module reads the rules' word lists

    text = line.raw.strip()  # "6. Dezember 2022" must not lose its day to the list-marker strip
    found = find_date(text)
    if not found:
        return False
    start, end = found[1]
    rest = (text[:start] + " " + text[end:]).strip()
    if _STAMP.match(text):
        return True
    rest_words = re.findall(r"[^\W\d_]+", rest)
    return not line.ends_sentence and len(rest_words) <= MAX_DATELINE_REST


@rule("metadata", max_words=6, gate=re.compile(r"\n(?:\d|lesezeit|reading time|temps de lecture)"), gate_folded=True)
def reading_time(line: Line) -> bool:
    """'4 min read', 'Lesezeit: 3 Minuten'."""
    return line.size <= 6 and bool(READING_TIME.search(line.text))


# The last branch has no \b: its lookbehind starts it at the first digit of a number only (a later digit
# matches only where the first does), so a long run of digits is not rescanned from every digit.
RELATIVE_TIME = re.compile(r"\b\d+\s*(?:s|m|h|d|w|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago\b|"
                           r"\bvor \d+ (?:minuten|stunden|tagen|wochen)\b|"
                           r"\bil y a \d+ (?:min|minutes?|heures?|jours?)\b|"
                           r"\bhace \d+ (?:minutos?|horas?|días?)\b|(?<!\d)\d+\s*(?:分钟|小时|天)前", re.I)


@rule("metadata", within=8, gate=_DIGIT)
def relative_time(line: Line) -> bool:
    """'Published 1 day ago', '32M ago', '2 days ago at 07:52 am'."""
    return line.within(8) and bool(RELATIVE_TIME.search(line.text))
