"""Metadata from HTML markup: JSON-LD, then OpenGraph, <meta>, microdata and page text, in that
order of trust. Read from the whole tree before pruning (pruning drops scripts and headers). The author
(author.py) and the publication date (pubdate.py) are read by modules of their own."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from lxml import etree, html

from ..document import Metadata
from ..language import iso639_1
from .author import find_author
from .dates import find_date as find_written_date
from .markup import (
    ISO_DATE,
    WORD,
    Headline,
    Marked,
    clean_value,
    element_text,
    fold_title,
    home_link_named,
    is_site_logo,
    iso_date,
    joined_url,
    readable_url,
    squash,
)

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "scholarlyarticle", "techarticle", "report", "webpage", "liveblogposting", "posting", "socialmediaposting",
    "review", "recipe", "howto", "creativework", "videoobject", "backgroundnewsarticle", "medicalwebpage",
})
PAGE_TYPES = frozenset({"webpage", "collectionpage", "itempage", "aboutpage", "searchresultspage", "profilepage"})
MAX_JSON_LD_CHARS = 2_000_000
MAX_TITLE_CHARS = 300
# "Headline | Site name", "Headline - Site", "Headline : Site": the separators sites put between title and brand.
_TITLE_SEPARATOR = re.compile(r"\s+[|•·–—\-»/:]\s+|\s*[|]\s*")
MAX_BRAND_WORDS = 4  # a part after '|' this short is a brand or section label


@dataclass
class PageMetadata(Metadata):
    """Page metadata, plus the markup types that tell an article from a listing."""

    json_ld_types: set[str] = field(default_factory=set)  # for page-type detection
    json_ld_date: str | None = None  # the article object's own datePublished
    og_type: str | None = None
    headline: Headline | None = field(default=None, repr=False, compare=False)  # where bylines and datelines follow


def _json_ld_objects(root: html.HtmlElement) -> Iterator[dict]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        raw = script.text.strip()
        if len(raw) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue  # broken JSON-LD is common; the other sources remain
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))
                elif isinstance(graph, dict):
                    stack.append(graph)


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _name(value: Any, by_id: dict[str, dict] | None = None) -> str | None:
    """A person's or organisation's name from a JSON-LD value (string, object or list of them); an
    object that only refers to another by its "@id" (as graph-style JSON-LD does) is looked up."""
    if isinstance(value, list):
        names = [n for n in (_name(v, by_id) for v in value[:5]) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        if "name" not in value and by_id and isinstance(value.get("@id"), str):
            value = by_id.get(value["@id"], value)
        return clean_value(value.get("name"))
    text = clean_value(value)
    return None if text is None or text.startswith("http") else text


def _organisations_only(value: Any, by_id: dict[str, dict]) -> bool:
    """True when a JSON-LD author value is one or more objects all typed Organization (or a kind of it)."""
    items = value if isinstance(value, list) else [value]
    kinds = []
    for item in items[:5]:
        if not isinstance(item, dict):
            return False
        if "@type" not in item and isinstance(item.get("@id"), str):
            item = by_id.get(item["@id"], item)
        kinds.append(_types(item))
    return bool(kinds) and all(k and k <= _ORGANISATION_TYPES for k in kinds)


_ORGANISATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "educationalorganization",
                                 "governmentorganization", "ngo", "localbusiness", "website"})


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return [s for v in value if isinstance(v, str) for s in [v.strip()] if s]
    return []


def _image(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _meta_tags(root: html.HtmlElement) -> dict[str, list[str]]:
    """<meta> contents keyed by lower-cased property / name / itemprop / http-equiv."""
    out: dict[str, list[str]] = {}
    head = root.find("head")
    for el in (head if head is not None else root).iter("meta"):
        content = el.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                out.setdefault(key.strip().lower(), []).append(content.strip())
    return out


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        for value in meta.get(key, []):
            text = clean_value(value)
            if text:
                return text
    return None


def _microdata(marked: Marked, prop: str) -> str | None:
    for el in marked.itemprop(prop):
        value = el.get("content") or el.get("datetime") or el.text_content()
        text = clean_value(value)
        if text:
            return text
    return None


class H1(NamedTuple):
    """A page's <h1>, its text as the title readers take it, and whether it is the site's logo (is_site_logo)."""

    el: html.HtmlElement
    text: str | None
    logo: bool


def page_h1s(root: html.HtmlElement) -> list[H1]:
    """Every <h1> of the page, each read once for the title readers below."""
    return [H1(h1, clean_value(element_text(h1)), is_site_logo(h1)) for h1 in root.iter("h1")]


def _logo_name(h1s: list[H1]) -> str | None:
    """markup.site_logo_name of the page whose <h1>s these are."""
    return next((h1.text for h1 in h1s if h1.logo), None)


def _headline(h1s: list[H1], page_title: str | None) -> str | None:
    """The <h1> that shares most words with the page's <title> (a site logo or a 'Menu' heading
    shares none, and the site's logo, a link home, is never it); the first <h1> when there is no
    <title>; None when no <h1> matches the title."""
    title_words = {w.casefold() for w in WORD.findall(page_title or "")}
    best, best_overlap = None, 0
    for _, text, logo in h1s:
        if not text or logo:
            continue
        if not title_words:
            return text
        overlap = len({w.casefold() for w in WORD.findall(text)} & title_words)
        if overlap > best_overlap:
            best, best_overlap = text, overlap
    return best


MIN_HEADLINE_WORDS = 3


def _visible_headline(h1s: list[H1], declared: str) -> str | None:
    """The page's <h1> when the declared title is that headline plus a kicker or the site's name
    ("Wahl: <h1>", "<h1> - Site"): the headline as the reader sees it."""
    folded = fold_title(declared)
    for _, text, logo in h1s:
        if text and not logo and len(text.split()) >= MIN_HEADLINE_WORDS and len(text) < len(declared) \
                and fold_title(text) in folded:
            return text
    return None


MIN_REWORDED_SHARE = 0.6  # of the two titles' words (Dice): "Kein Zutritt mehr" and "Kein Zugang mehr" share 2/3
_LEADING_DATE = re.compile(r"^\W*\d{1,4}[./-]\d{1,2}|^\W*\d{1,2}\.\s+[^\W\d_]+\s+(?:19|20)\d\d")


def _plain(word: str) -> str:
    """`word` without its accents ("Monté" and "Monte" are one name written two ways)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _reworded_headline(h1s: list[H1], declared: str) -> str | None:
    """The page's <h1> when it is a reworded form of the declared title (og:title, JSON-LD, <title>):
    sites write a shorter or search-friendlier title for sharing than the headline the reader sees
    ("Brexit: Nervenkrieg geht in nächste Runde" for "Der Nervenkrieg um den Brexit geht in die
    nächste Runde"). The <h1> sharing most words with it counts when that share (Dice) is at least
    MIN_REWORDED_SHARE, it is no dateline glued to the headline ("1. Februar 2022 Bundesministerin ..."), and
    it does not hold the whole declared title (that <h1> holds a kicker or a subtitle besides the headline)
    nor the same words in another order (the kicker moved: "Interne Unterlagen im Netz Daten von ...")."""
    declared_words = [w.casefold() for w in WORD.findall(declared)]
    if len(declared_words) < MIN_HEADLINE_WORDS:
        return None
    best, best_share = None, MIN_REWORDED_SHARE
    for _, text, _logo in h1s:
        if not text or len(text) > MAX_TITLE_CHARS or _LEADING_DATE.match(text):
            continue
        words = [w.casefold() for w in WORD.findall(text)]
        if len(words) < MIN_HEADLINE_WORDS:
            continue
        shared = sum(min(words.count(w), declared_words.count(w)) for w in set(words))
        share = 2 * shared / (len(words) + len(declared_words))
        if share >= best_share and fold_title(declared) not in fold_title(text) \
                and sorted(map(_plain, words)) != sorted(map(_plain, declared_words)):
            best, best_share = text, share
    return best


# The class of a kicker written inside the headline's <h1>, before the headline: "<h1><span class=dachzeile>
# Interne Unterlagen im Netz</span> <span class=headline>Daten von Rheinmetall gehackt</span></h1>".
_KICKER_CLASS = re.compile(r"kicker|overline|dachzeile|spitzmarke|topline|roofline|eyebrow|supertitle|topic|label|"
                           r"titleheader|overhead|catchline", re.I)
# What the kicker leaves before the headline for screen readers and the eye (": ", " – ").
_HIDDEN_CLASS = re.compile(r"hidden|sr-only|screen-reader", re.I)
_LEADING_PUNCTUATION = re.compile(r"^[\s:|·•\-–—,]+")


def _without_kicker(h1s: list[H1], title: str) -> str | None:
    """The headline without its kicker, when the title is both (og:title 'Interne Unterlagen im Netz -
    Daten von Rheinmetall gehackt') and an <h1> marks the kicker as an element of its own before the
    headline's text: the kicker labels the story's topic and the headline is what follows it."""
    folded = fold_title(title)
    for h1, _text, _logo in h1s:
        first = next(h1.iterchildren(etree.Element), None)
        if first is None or (h1.text or "").strip() or not _KICKER_CLASS.search(first.get("class") or "") \
                or first.find(".//a") is not None:
            continue
        kicker = fold_title(element_text(first))
        parts = [first.tail or ""]
        for el in first.itersiblings():
            if isinstance(el.tag, str) and el.get("aria-hidden") != "true" \
                    and not _HIDDEN_CLASS.search(el.get("class") or ""):
                parts.append(element_text(el))
            parts.append(el.tail or "")
        rest = clean_value(_LEADING_PUNCTUATION.sub("", " ".join(parts)))
        if rest and kicker and len(rest.split()) >= 2 and kicker in folded and fold_title(rest) in folded:
            return rest
    return None


def _microdata_text(marked: Marked, prop: str) -> str | None:
    for el in marked.itemprop(prop):
        if is_site_logo(el):
            continue  # a theme's header marks the site's name, a link home, as a headline too
        text = clean_value(el.get("content") or element_text(el))
        if text:
            return text
    return None


def _headline_over_site_name(root: html.HtmlElement, h1s: list[H1], title: str, sitename: str | None) -> str | None:
    """The page's one <h1> when the declared title is only the site's name (its og:site_name, its logo's
    name, the text of a link to its home page): a theme that writes the site's name into every page's
    <title> and og:title names no article ("Jane Doe" over "<h1>Moving from Paperpile to Zotero</h1>",
    a navbar's "<a href=/>Jane Doe</a>" naming the site). A page of several <h1>s (a list of stories)
    or none keeps the site's name. Read from the page alone, so that every route gives one answer."""
    headlines = [h1 for h1 in h1s if not h1.logo]
    if len(headlines) != 1 or not _names_site(title, sitename, "") and not home_link_named(root, squash(title)):
        return None
    text = headlines[0].text
    return text if text and len(text) <= MAX_TITLE_CHARS and squash(text) != squash(title) else None


def _is_brand(part: str, sitename: str | None, host: str, separator: str) -> bool:
    """True when a title part names the site (or a section, or the date) rather than the story."""
    squashed = squash(part)
    if not squashed:
        return True
    if sitename and (squashed == squash(sitename) or squashed in squash(sitename)):
        return True
    if len(squashed) >= 3 and (squashed in squash(host) or any(label in squashed for label in _host_labels(host))):
        return True  # "Example News" on example-news.com, "EFC Example News Town" too
    if find_written_date(part) or ISO_DATE.search(part):
        return len(part.split()) <= 4
    return "|" in separator and len(part.split()) <= MAX_BRAND_WORDS


MIN_LABEL_CHARS = 4  # a host label this long, written in a title part, names the site ("ard" may be a word's part)


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "gv", "or", "ne", "edu", "go"})
# Subdomains that name a part of a site, not the site ("news.example.com" is example's).
_GENERIC_SUBDOMAINS = frozenset({"news", "blog", "blogs", "forum", "forums", "foren", "shop", "mobile", "web", "home",
                                 "info", "online", "magazin", "magazine"})


def _host_labels(host: str) -> set[str]:
    """The names a host gives its site, squashed: its registered name ("examplenews" of
    www.example-news.co.uk) and a subdomain naming a site hosted there ("snowtips" of snowtips.blogspot.com)."""
    labels = host.removeprefix("www.").split(".")[:-1]
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    names = {squash(labels[-1])} if labels else set()
    if len(labels) > 1 and labels[0] not in _GENERIC_SUBDOMAINS:
        names.add(squash(labels[0]))
    return {name for name in names if len(name) >= MIN_LABEL_CHARS}


def _names_site(part: str, sitename: str | None, host: str) -> bool:
    """True when a title part is the site's name itself (its declared name, its host or its host's name)."""
    squashed = squash(part)
    return bool(squashed) and squashed in {squash(sitename or ""), squash(host), *_host_labels(host)}


MAX_SECTION_WORDS = 2  # a title part this short left beside the headline, once the site's name is off, is a section


def strip_site(title: str, sitename: str | None, url: str | None) -> str:
    """Cut the site's name off a title ('Headline | Site', 'Site - Headline'), with what follows the
    site's name in the middle ('Headline : Site | Its motto') and the section labels left beside the
    headline once the name is off ('Site » Blog Archive » Headline', 'Site - Headline - Club - News')."""
    host = (urlsplit(url).hostname or "").casefold() if url else ""
    pieces = _TITLE_SEPARATOR.split(title)
    separators = _TITLE_SEPARATOR.findall(title)
    if len(pieces) < 2:
        return title
    parts = len(pieces)
    for index in range(1, len(pieces) - 1):
        if _names_site(pieces[index], sitename, host):
            pieces, separators = pieces[:index], separators[:index - 1]
            break
    # Drop brand parts from the end, then from the start, while a longer part remains.
    while len(pieces) > 1 and _is_brand(pieces[-1], sitename, host, separators[-1]) \
            and (len(pieces[-1]) < len(" ".join(pieces[:-1])) or _names_site(pieces[-1], sitename, host)):
        pieces, separators = pieces[:-1], separators[:-1]
    while len(pieces) > 1 and _is_brand(pieces[0], sitename, host, separators[0]) \
            and len(pieces[0]) < len(" ".join(pieces[1:])):
        pieces, separators = pieces[1:], separators[1:]
    if parts > 2 and len(pieces) < parts:
        pieces, separators = _without_sections(pieces, separators)
    out = pieces[0]
    for separator, piece in zip(separators, pieces[1:], strict=True):
        out += separator + piece
    return out.strip()


def _without_sections(pieces: list[str], separators: list[str]) -> tuple[list[str], list[str]]:
    """`pieces` without the short parts at either end (a section: "Blog Archive", "News"), while a
    part of more words remains. A part before a colon is the headline's own ("Covid : le gouvernement ...")."""
    def section(part: str, separator: str) -> bool:
        return len(part.split()) <= MAX_SECTION_WORDS and not any(c.isdigit() for c in part) and ":" not in separator

    longest = max(len(p.split()) for p in pieces)
    if longest <= MAX_SECTION_WORDS:
        return pieces, separators
    while len(pieces) > 1 and section(pieces[-1], separators[-1]):
        pieces, separators = pieces[:-1], separators[:-1]
    while len(pieces) > 1 and section(pieces[0], separators[0]):
        pieces, separators = pieces[1:], separators[1:]
    return pieces, separators


def read_metadata(root: html.HtmlElement, url: str | None = None) -> PageMetadata:
    """Metadata of a parsed page; `url` (where it was fetched) resolves relative links."""
    meta = _meta_tags(root)
    found = PageMetadata()
    article: dict | None = None
    publisher: str | None = None
    by_id: dict[str, dict] = {}
    page_date: str | None = None  # a WebPage object's own datePublished (SEO plugins declare it on every page)
    for obj in _json_ld_objects(root):
        kinds = _types(obj)
        found.json_ld_types |= kinds
        if page_date is None and kinds & PAGE_TYPES:
            page_date = iso_date(obj.get("datePublished"))
        if isinstance(obj.get("@id"), str) and "name" in obj:
            by_id.setdefault(obj["@id"], obj)
        if article is None and kinds & ARTICLE_TYPES and (obj.get("headline") or obj.get("articleBody")
                                                          or kinds - PAGE_TYPES):
            article = obj
        if publisher is None and kinds & {"organization", "newsmediaorganization", "website"}:
            publisher = clean_value(obj.get("name"))
    if article is not None:
        found.title = clean_value(article.get("headline")) or (
            clean_value(article.get("name")) if _types(article) - PAGE_TYPES else None)
        found.author = _name(article.get("author"), by_id) or _name(article.get("creator"), by_id)
        if found.author and _organisations_only(article.get("author") or article.get("creator"), by_id):
            publisher = publisher or found.author  # an author typed Organization names no person
        found.date = found.json_ld_date = iso_date(article.get("datePublished")) or iso_date(article.get("dateCreated"))
        found.description = clean_value(article.get("description"))
        found.categories = _strings(article.get("articleSection"))
        found.tags = _strings(article.get("keywords"))
        found.image = _image(article.get("image")) or _image(article.get("thumbnailUrl"))
        publisher = _name(article.get("publisher"), by_id) or publisher
    found.og_type = _first(meta, "og:type")
    found.title = found.title or _first(meta, "og:title", "twitter:title", "dc.title", "dcterms.title",
                                        "sailthru.title", "parsely-title")
    marked = Marked(root)
    found.title = found.title or _microdata_text(marked, "headline")
    h1s = page_h1s(root)
    if found.title is None:
        title_el = root.find(".//title")
        page_title = clean_value(title_el.text_content()) if title_el is not None else None
        found.title = _headline(h1s, page_title) or page_title or _logo_name(h1s)
    found.sitename = _first(meta, "og:site_name") or publisher or _first(meta, "application-name")
    if found.title:
        # A logo's name is the site's for its title; not for the author (a personal blog is named after its writer).
        sitename = found.sitename or _logo_name(h1s)
        found.title = _headline_over_site_name(root, h1s, found.title, sitename) or found.title
        found.title = _visible_headline(h1s, found.title) or strip_site(found.title, sitename, url)
        found.title = _reworded_headline(h1s, found.title) or found.title
        found.title = _without_kicker(h1s, found.title) or found.title
        found.title = found.title[:MAX_TITLE_CHARS]
    found.headline = Headline(root, found.title)
    found.author = find_author(root, meta, found, publisher, url, marked)
    found.date = (found.date or iso_date(_first(meta, "article:published_time", "og:published_time",
                                            "datepublished", "date", "dc.date", "dcterms.date", "publishdate",
                                            "pubdate", "sailthru.date", "parsely-pub-date", "dc.date.issued"))
                  or iso_date(_microdata(marked, "datePublished")) or page_date)
    found.description = found.description or _first(meta, "og:description", "description", "twitter:description")
    if not found.categories:
        found.categories = [c for c in (_first(meta, "article:section"),) if c]
    if not found.tags:
        found.tags = [t for v in meta.get("article:tag", []) for t in _strings(v)] or _strings(
            _first(meta, "keywords", "news_keywords"))
    found.image = found.image or _first(meta, "og:image", "og:image:url", "twitter:image", "twitter:image:src")
    found.url = _canonical(root, meta, url)
    if found.image and found.url:
        found.image = joined_url(found.url, found.image)
    found.language = _declared_language(root, meta)
    if not found.sitename and found.url:
        found.sitename = (urlsplit(found.url).hostname or "").removeprefix("www.") or None
    return found


def _canonical(root: html.HtmlElement, meta: dict[str, list[str]], url: str | None) -> str | None:
    for link in root.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            joined = joined_url(url, link.get("href").strip())
            if joined:
                return joined
    og = readable_url(_first(meta, "og:url"))
    if og and og.startswith("http"):
        return og
    return url


def _declared_language(root: html.HtmlElement, meta: dict[str, list[str]]) -> str | None:
    """The language the page declares: <html lang>, then og:locale and Content-Language."""
    for value in (root.get("lang"), root.get("xml:lang"), _first(meta, "og:locale", "content-language",
                                                                     "language", "dc.language")):
        code = iso639_1(value)
        if code:
            return code
    return None
