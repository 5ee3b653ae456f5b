"""What the metadata readers share of a parsed page: an element's text with its block boundaries, the
headline and the elements after it, the elements marked with itemprop or rel=author, comment areas, and
values cleaned of markup and read as dates."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from itertools import islice
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from .dates import find_date as find_written_date

ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
# A UTC timestamp at 22:00 or 23:00 sharp: a day's date stored as local midnight east of Greenwich.
_UTC_LOCAL_MIDNIGHT = re.compile(r"[T ]2[23]:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)$")
SPACE = re.compile(r"\s+")


# A byline inside a comment thread or a form names a commenter (or is the form's "Name *" label).
# Matched against each class/id token's start: "comment-list", "comments", "respond", not "category-kommentar".
_COMMENT_AREA = re.compile(r"^(?:comments?|commentlist|respond|reply|replies|discussion|disqus|kommentare?|"
                           r"commentaires?|comentarios?)(?:$|[-_])", re.I)


_TAG = re.compile(r"<[^<>]{1,200}>")  # markup some sites leave inside JSON-LD and <meta> values


class Headline:
    """The headline's <h1> (_h1_anchor) and the elements after it, found once for the byline,
    the dateline and the header's <time>. The byline may follow a lower heading that matches the title
    where no <h1> does (on the dev sets the dateline may not: such pages' dates stand elsewhere)."""

    def __init__(self, root: html.HtmlElement, title: str | None) -> None:
        title_words = {w.casefold() for w in WORD.findall(title or "")}
        self.anchor, matched = _h1_anchor(root, title_words)
        # The lower heading is looked for only where no <h1> shares two words with a title of two or more.
        lower = _lower_heading(root, title_words) if len(title_words) >= 2 and not matched else None
        self._lower = lower if lower is not None else self.anchor
        self._following: list[html.HtmlElement] | None = None
        self._byline_following: list[html.HtmlElement] | None = None
        self._preceding: list[html.HtmlElement] | None = None

    @property
    def following(self) -> list[html.HtmlElement]:
        if self._following is None:
            self._following = [] if self.anchor is None else _after(self.anchor)
        return self._following

    @property
    def preceding(self) -> list[html.HtmlElement]:
        """The elements just before the <h1> (a kicker line: "05.02.2020 - Redaktion: Jane Doe"), nearest first."""
        if self._preceding is None:
            self._preceding = [] if self.anchor is None else _before(self.anchor)
        return self._preceding

    @property
    def byline_following(self) -> list[html.HtmlElement]:
        if self._lower is self.anchor:
            return self.following
        if self._byline_following is None:
            self._byline_following = [] if self._lower is None else _after(self._lower)
        return self._byline_following


def clean_value(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = SPACE.sub(" ", _TAG.sub(" ", unescape(value))).strip()
    return text or None


# Soft hyphens and zero-width characters in a name: "Mat\xadthi\xadas" is "Matthias".
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def iso_date(value: Any) -> str | None:
    """YYYY-MM-DD from an ISO timestamp or a written date, or None."""
    if not isinstance(value, str):
        return None
    match = ISO_DATE.search(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            if _UTC_LOCAL_MIDNIGHT.match(value, match.end()):
                try:  # "2022-11-06T23:00:00.000Z" is the 7th at midnight in Central Europe: a date without a time
                    return (dt.date(year, month, day) + dt.timedelta(days=1)).isoformat()
                except ValueError:
                    return None
            return f"{year:04d}-{month:02d}-{day:02d}"
    found = find_written_date(value)
    return found[0] if found else None


class Marked:
    """The elements below `root` carrying an itemprop or a rel=author, found once on first use for the
    microdata and rel=author look-ups (each of which walked the whole tree), in document order."""

    def __init__(self, root: html.HtmlElement) -> None:
        self._root = root
        self._itemprop: dict[str, list[html.HtmlElement]] | None = None
        self._rel_author: list[html.HtmlElement] = []

    def _find(self) -> dict[str, list[html.HtmlElement]]:
        if self._itemprop is None:
            self._itemprop = {}
            for el in _ITEMPROP_OR_REL(self._root):
                prop = el.get("itemprop")
                if prop is not None:
                    self._itemprop.setdefault(prop, []).append(el)
                if el.get("rel") == "author":
                    self._rel_author.append(el)
        return self._itemprop

    def itemprop(self, prop: str) -> list[html.HtmlElement]:
        """Elements whose itemprop is exactly `prop` (as ElementPath's [@itemprop='prop'])."""
        return self._find().get(prop, [])

    def rel_author(self) -> list[html.HtmlElement]:
        self._find()
        return self._rel_author


# libxml2 tests whether an attribute is there about as fast as ElementPath finds one value of it, and
# makes element proxies only for the few it returns.
_ITEMPROP_OR_REL = etree.XPath("descendant::*[@itemprop or @rel]")


_BLOCK_TAGS = frozenset({"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
                         "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
                         "nav", "ol", "p", "section", "table", "td", "th", "tr", "ul"})
WORD = re.compile(r"[^\W_]{2,}")


def element_text(el: html.HtmlElement) -> str:
    """An element's text with a space wherever the markup puts a block boundary or a <br>
    ("<span>Glass, Randall</span><div>A Few Good G-Men</div>" keeps its two parts apart)."""
    return " ".join(block_lines(el))


def block_lines(el: html.HtmlElement) -> list[str]:
    """An element's text split where the markup puts a block boundary or a <br>, each line's spaces
    squeezed, empty lines left out ("<h3>Jane Doe</h3><p>Professor</p>" is two lines)."""
    parts: list[str] = []

    def walk(node: html.HtmlElement) -> None:
        block = isinstance(node.tag, str) and node.tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(el)
    return [line for line in (SPACE.sub(" ", part).strip() for part in "".join(parts).split("\n")) if line]


_WORDS = re.compile(r"\w+")
_NOT_ALNUM = re.compile(r"[\W_]+")  # compiled once: re.sub with a pattern string looks it up on each call


def fold_title(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def squash(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


def _h1_anchor(root: html.HtmlElement, title_words: set[str]) -> tuple[html.HtmlElement | None, bool]:
    """The heading the article's dateline follows, and whether it matched the title: the <h1> sharing most
    words (two or more) with the title (`title_words`, case-folded); else the first <h1> of two words or more
    (a donation form's "€5" or an empty logo <h1> is none), else the first not empty."""
    best, best_overlap, first, first_word = None, 1, None, None
    for h1 in root.iter("h1"):
        words = [w.casefold() for w in WORD.findall(element_text(h1))]
        if not words:
            continue
        first_word = first_word if first_word is not None else h1
        if len(words) < 2:
            continue
        first = first if first is not None else h1
        overlap = len(set(words) & title_words)
        if overlap > best_overlap:
            best, best_overlap = h1, overlap
    if best is not None:
        return best, True
    return (first if first is not None else first_word), False


def _lower_heading(root: html.HtmlElement, title_words: set[str]) -> html.HtmlElement | None:
    """The heading the byline follows where no <h1> matches the title: a lower one (<h2>-<h6>) sharing half
    the title's words or more (the page's <h1> is its logo, the story's headline sits lower), or None."""
    best, best_overlap = None, max(1, (len(title_words) - 1) // 2)
    for heading in root.iter("h2", "h3", "h4", "h5", "h6"):
        overlap = len({w.casefold() for w in WORD.findall(element_text(heading))} & title_words)
        if overlap > best_overlap:
            best, best_overlap = heading, overlap
    return best


# An archived copy's address: "https://web.archive.org/web/20080731095558/http://www.example.de/".
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/[^/]*/(?=https?:)", re.I)
_HOME_PATHS = frozenset({"", "/", "/index.html", "/index.htm", "/index.php"})


def url_path(href: str) -> str | None:
    """The path of an address, or None for one urllib cannot read ("http://[ccpa-preferences]/": a page's
    malformed link must not fail the page)."""
    try:
        return urlsplit(href).path
    except ValueError:
        return None


def is_home_page(url: str | None) -> bool:
    """Whether `url` is a site's home page: no path beyond an index file, no query."""
    address = readable_url(site_url(url))  # an archived copy's own address may be unreadable where the copy's is not
    if address is None:
        return False
    parts = urlsplit(address)
    return parts.path in _HOME_PATHS and not parts.query


def readable_url(href: str | None) -> str | None:
    """`href` if urllib can read it whole (host and port), else None: a page's own canonical or og:url can be
    "http://[bad]/" or "http://x:99999/", and every later reader of the page's address must not fail on it."""
    if not href:
        return None
    try:
        urlsplit(href).port  # noqa: B018 -- reading the port is what rejects an out-of-range port
    except ValueError:
        return None
    return href


def joined_url(base: str | None, href: str) -> str | None:
    """`href` read against `base` (either may be None-like), or None when the result is unreadable."""
    try:
        joined = urljoin(base, href) if base else href
    except ValueError:
        return None
    return readable_url(joined)


def site_url(url: str | None) -> str | None:
    """The address of the page itself: an archived copy's original address, else `url`."""
    return _ARCHIVED.sub("", url) if url else url


def is_site_logo(heading: html.HtmlElement) -> bool:
    """True for a heading (an <h1>, an element marked as the headline) that is the site's name: all its text
    in one link to the site's home page ("<h1><a href='https://example.de/' rel=home>Example Blog</a></h1>"),
    as blog themes write their logo."""
    links = heading.findall(".//a")
    if len(links) != 1 or fold_title(links[0].text_content()) != fold_title(heading.text_content()):
        return False
    href = site_url((links[0].get("href") or "").strip()) or ""
    return links[0].get("rel") == "home" or url_path(href) in _HOME_PATHS


MAX_HOME_LINKS = 200  # links looked at for the site's name on a link home


def home_link_named(root: html.HtmlElement, name: str) -> bool:
    """Whether one of the first MAX_HOME_LINKS links leads to the site's home page (a logo, a navbar's name
    link) under the squashed text `name`: the site's name as the page writes it, known without the page's
    address. The text is compared first, as it rules out nearly every link for less than reading its address."""
    if not name:
        return False
    for link in islice(root.iter("a"), MAX_HOME_LINKS):
        if squash(link.text_content() if len(link) else link.text or "") != name:  # no XPath call for bare text
            continue
        href = site_url((link.get("href") or "").strip())
        if href is not None and url_path(href) in _HOME_PATHS:
            return True
    return False


def site_logo_name(root: html.HtmlElement) -> str | None:
    """The site's name its logo <h1> writes, or None."""
    for h1 in root.iter("h1"):
        if is_site_logo(h1):
            return clean_value(element_text(h1))
    return None


def in_comments(el: html.HtmlElement) -> bool:
    """True inside a form, a label, or an element whose class or id names comments."""
    for node in (el, *el.iterancestors()):
        if node.tag in ("form", "label", "textarea"):
            return True
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".split()
        if node.tag not in ("html", "body") and any(_COMMENT_AREA.match(mark) for mark in marks):
            return True
    return False


MAX_FOLLOWING = 400  # elements after the headline looked at for a dateline or a byline


MAX_PRECEDING = 12  # elements before the headline looked at for a kicker's dateline or byline
MAX_PRECEDING_CHARS = 200  # ... and the text they may hold: a kicker line, not the page's navigation
PRECEDING_LEVELS = 2  # the headline's own siblings, and its parent's (a header <div> around the <h1>)


def _before(start: html.HtmlElement) -> list[html.HtmlElement]:
    """Elements just before `start` (and outside it), nearest first: its previous siblings and their
    descendants, then its parent's, up to PRECEDING_LEVELS levels, MAX_PRECEDING elements and
    MAX_PRECEDING_CHARS characters of text (the sidebar or menu before a header is no kicker)."""
    out: list[html.HtmlElement] = []
    seen = 0
    node: html.HtmlElement | None = start
    for _level in range(PRECEDING_LEVELS):
        if node is None or node.tag in ("body", "html"):
            break
        for sibling in node.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue
            seen += len(sibling.text_content())
            if seen > MAX_PRECEDING_CHARS:
                return out
            out.extend(reversed([sibling, *sibling.iterdescendants(etree.Element)]))
            if len(out) >= MAX_PRECEDING:
                return out[:MAX_PRECEDING]
        node = node.getparent()
    return out


def _after(start: html.HtmlElement) -> list[html.HtmlElement]:
    """Elements after `start` (and outside it) in document order, the first MAX_FOLLOWING of them:
    XPath's following::*[position() <= MAX_FOLLOWING], walked in Python because that stops at the
    last one wanted (libxml2 took half as long again)."""
    out: list[html.HtmlElement] = []
    node: html.HtmlElement | None = start
    while node is not None:
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str):  # not a comment or processing instruction
                out.append(sibling)
                if len(out) >= MAX_FOLLOWING:
                    return out
            for below in sibling.iterdescendants(etree.Element):
                out.append(below)
                if len(out) >= MAX_FOLLOWING:
                    return out
        node = node.getparent()
    return out
