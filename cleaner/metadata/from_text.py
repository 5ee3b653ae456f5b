"""Metadata read off a page's lines: title, date, author, site name, categories."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..rules import Line, lexicon
from ..rules.footer import EMAIL
from ..rules.metadata import byline_name
from ..rules.navigation import breadcrumb_items
from .dates import find_date

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
    return set(map(str.lower, _CONTENT_WORD.findall(text))).difference(stopwords)


def pick_title(lines: list[Line], candidates: list[int], body: str, stopwords: frozenset[str],
               url: str | None) -> int | None:
    """Index of the headline among `candidates` (lines before the body), or None.

    The headline shares words with the body (and the URL slug) and stands near it.
    """
    body_words = content_words(body, stopwords)
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
        overlap = len(words & body_words) + 2 * len(words & slug_words)
        score = overlap + min(line.size, 12) / 12 - 0.02 * (last - i) - 0.01 * rank
        if line.text.endswith("."):
            score -= 1.5  # headlines seldom end with a full stop
        if overlap >= 1 and score > best_score:
            best, best_score = i, score
    return best


def find_dateline(lines: list[Line], indices: list[int]) -> str | None:
    """The first date written in the given lines."""
    for i in indices:
        found = find_date(lines[i].raw.strip())
        if found:
            return found[0]
    return None


def find_author(lines: list[Line], indices: list[int]) -> str | None:
    for i in indices:
        name = byline_name(lines[i].text)
        if name:
            return name
    return None


def find_categories(lines: list[Line], indices: list[int], title: str | None) -> list[str]:
    """Breadcrumb items, less the home link and the page's own title."""
    home = lexicon.words("nav_words")
    for i in indices:
        items = breadcrumb_items(lines[i].text)
        if items:
            return [item for item in items if lexicon.norm(item) not in home and item != title]
    return []


_COPYRIGHT_MARK = re.compile(r"©|\(c\)|copyright", re.I)  # compiled once: find_sitename reads every line


def find_sitename(lines: list[Line], indices: list[int], url: str | None) -> str | None:
    """The copyright holder, else an e-mail or URL domain."""
    for i in indices:
        text = lines[i].text
        if _COPYRIGHT_MARK.search(text):
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
