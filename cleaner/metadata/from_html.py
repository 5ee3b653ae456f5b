"""Metadata from HTML markup: JSON-LD, then OpenGraph, <meta>, microdata and page text, in that
order of trust. Read from the whole tree before pruning (pruning drops scripts and headers)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html

from ..document import Metadata
from ..rules.metadata import byline_name
from .dates import find_date as find_written_date

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "scholarlyarticle", "techarticle", "report", "webpage", "liveblogposting", "posting", "socialmediaposting",
    "review", "recipe", "howto", "creativework", "videoobject", "backgroundnewsarticle", "medicalwebpage",
})
PAGE_TYPES = frozenset({"webpage", "collectionpage", "itempage", "aboutpage", "searchresultspage", "profilepage"})
MAX_JSON_LD_CHARS = 2_000_000
MAX_TITLE_CHARS = 300
# "Headline | Site name", "Headline - Site": the separators sites put between title and brand.
_TITLE_SEPARATOR = re.compile(r"\s+[|•·–—\-»/]\s+|\s*[|]\s*")
MAX_BRAND_WORDS = 4  # a part after '|' this short is a brand or section label
_ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
_SPACE = re.compile(r"\s+")
_AUTHOR_XPATH = (".//*[contains(@class, 'author') or contains(@class, 'byline') or contains(@class, 'autor')"
                 " or contains(@id, 'author')][not(self::meta) and not(self::link) and not(self::script)]")
_NOT_AUTHOR_NAME = ("bio", "box", "desc", "avatar", "image", "img", "photo", "about", "info", "social", "list")
_BY_PREFIX = re.compile(r"^(?:(?:posted|written|published|text|story|words)\s+)?(?:by|von|par|por|di|door|de|av|af|"
                        r"autor(?:in)?|author|zeige alle beiträge von|alle beiträge von|all posts by|"
                        r"view all posts by)\s*[:：]?\s+", re.I)
MAX_AUTHOR_CANDIDATES = 20
MAX_AUTHOR_WORDS, MAX_AUTHOR_CHARS = 5, 60
_TAG = re.compile(r"<[^<>]{1,200}>")  # markup some sites leave inside JSON-LD and <meta> values


@dataclass
class PageMetadata(Metadata):
    """Page metadata, plus the markup types that tell an article from a listing."""

    json_ld_types: set[str] = field(default_factory=set)  # for page-type detection
    og_type: str | None = None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = _SPACE.sub(" ", _TAG.sub(" ", unescape(value))).strip()
    return text or None


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


def _name(value: Any) -> str | None:
    """A person's or organisation's name from a JSON-LD value (string, object or list of them)."""
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value[:5]) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        return _clean(value.get("name"))
    text = _clean(value)
    return None if text is None or text.startswith("http") else text


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


def _iso(value: Any) -> str | None:
    """YYYY-MM-DD from an ISO timestamp or a written date, or None."""
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.search(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    found = find_written_date(value)
    return found[0] if found else None


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
            text = _clean(value)
            if text:
                return text
    return None


def _microdata(root: html.HtmlElement, prop: str) -> str | None:
    for el in root.iterfind(f".//*[@itemprop='{prop}']"):
        value = el.get("content") or el.get("datetime") or el.text_content()
        text = _clean(value)
        if text:
            return text
    return None


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _is_brand(part: str, sitename: str | None, host: str, separator: str) -> bool:
    """True when a title part names the site (or a section, or the date) rather than the story."""
    squashed = _squash(part)
    if not squashed:
        return True
    if sitename and (squashed == _squash(sitename) or squashed in _squash(sitename)):
        return True
    if len(squashed) >= 3 and (squashed in host or (host and host.split(".")[0] in squashed)):
        return True
    if find_written_date(part) or _ISO_DATE.search(part):
        return len(part.split()) <= 4
    return "|" in separator and len(part.split()) <= MAX_BRAND_WORDS


def strip_site(title: str, sitename: str | None, url: str | None) -> str:
    """Cut the site's name off a title ('Headline | Site', 'Site - Headline')."""
    host = _squash((urlsplit(url).hostname or "").removeprefix("www.")) if url else ""
    pieces = _TITLE_SEPARATOR.split(title)
    separators = _TITLE_SEPARATOR.findall(title)
    if len(pieces) < 2:
        return title
    # Drop brand parts from the end, then from the start, while a longer part remains.
    while len(pieces) > 1 and _is_brand(pieces[-1], sitename, host, separators[-1]) \
            and len(pieces[-1]) < len(" ".join(pieces[:-1])):
        pieces, separators = pieces[:-1], separators[:-1]
    while len(pieces) > 1 and _is_brand(pieces[0], sitename, host, separators[0]) \
            and len(pieces[0]) < len(" ".join(pieces[1:])):
        pieces, separators = pieces[1:], separators[1:]
    out = pieces[0]
    for separator, piece in zip(separators, pieces[1:], strict=True):
        out += separator + piece
    return out.strip()


def read_metadata(root: html.HtmlElement, url: str | None = None) -> PageMetadata:
    """Metadata of a parsed page; `url` (where it was fetched) resolves relative links."""
    meta = _meta_tags(root)
    found = PageMetadata()
    article: dict | None = None
    publisher: str | None = None
    for obj in _json_ld_objects(root):
        kinds = _types(obj)
        found.json_ld_types |= kinds
        if article is None and kinds & ARTICLE_TYPES and (obj.get("headline") or obj.get("articleBody")
                                                          or kinds - PAGE_TYPES):
            article = obj
        if publisher is None and kinds & {"organization", "newsmediaorganization", "website"}:
            publisher = _clean(obj.get("name"))
    if article is not None:
        found.title = _clean(article.get("headline")) or (
            _clean(article.get("name")) if _types(article) - PAGE_TYPES else None)
        found.author = _name(article.get("author")) or _name(article.get("creator"))
        found.date = _iso(article.get("datePublished")) or _iso(article.get("dateCreated"))
        found.description = _clean(article.get("description"))
        found.categories = _strings(article.get("articleSection"))
        found.tags = _strings(article.get("keywords"))
        found.image = _image(article.get("image")) or _image(article.get("thumbnailUrl"))
        publisher = _name(article.get("publisher")) or publisher
    found.og_type = _first(meta, "og:type")
    found.title = found.title or _first(meta, "og:title", "twitter:title", "dc.title", "dcterms.title",
                                        "sailthru.title", "parsely-title")
    found.title = found.title or _microdata(root, "headline")
    if found.title is None:
        h1 = next((_clean(h.text_content()) for h in root.iter("h1") if _clean(h.text_content())), None)
        title_el = root.find(".//title")
        page_title = _clean(title_el.text_content()) if title_el is not None else None
        found.title = h1 or page_title
    found.sitename = _first(meta, "og:site_name") or publisher or _first(meta, "application-name")
    if found.title:
        found.title = strip_site(found.title, found.sitename, url)[:MAX_TITLE_CHARS]
    found.author = found.author or _meta_author(meta) or _microdata_author(root) or _byline(root)
    found.date = (found.date or _iso(_first(meta, "article:published_time", "og:published_time",
                                            "datepublished", "date", "dc.date", "dcterms.date", "publishdate",
                                            "pubdate", "sailthru.date", "parsely-pub-date", "dc.date.issued"))
                  or _iso(_microdata(root, "datePublished")))
    found.description = found.description or _first(meta, "og:description", "description", "twitter:description")
    if not found.categories:
        found.categories = [c for c in (_first(meta, "article:section"),) if c]
    if not found.tags:
        found.tags = [t for v in meta.get("article:tag", []) for t in _strings(v)] or _strings(
            _first(meta, "keywords", "news_keywords"))
    found.image = found.image or _first(meta, "og:image", "og:image:url", "twitter:image", "twitter:image:src")
    found.url = _canonical(root, meta, url)
    if found.image and found.url:
        found.image = urljoin(found.url, found.image)
    found.language = _declared_language(root, meta)
    if not found.sitename and found.url:
        found.sitename = (urlsplit(found.url).hostname or "").removeprefix("www.") or None
    return found


def _meta_author(meta: dict[str, list[str]]) -> str | None:
    for key in ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
                "twitter:creator"):
        for value in meta.get(key, []):
            text = _clean(value)
            if text and not text.startswith(("http", "@", "www.")):
                return text
    return None


def _microdata_author(root: html.HtmlElement) -> str | None:
    for el in root.iterfind(".//*[@itemprop='author']"):
        named = el.find(".//*[@itemprop='name']")
        text = _clean((named if named is not None else el).get("content") or
                      (named if named is not None else el).text_content())
        if text and len(text) <= 80:
            return text
    return None


def _byline(root: html.HtmlElement) -> str | None:
    """The author named in the page: a rel=author link, else an element whose class names an author
    or byline and whose text is a short name ("By Jane Doe" -> "Jane Doe")."""
    for el in root.iterfind(".//*[@rel='author']"):
        name = _person(el.text_content())
        if name:
            return name
    for el in root.xpath(_AUTHOR_XPATH)[:MAX_AUTHOR_CANDIDATES]:
        if any(word in (el.get("class") or "").lower() for word in _NOT_AUTHOR_NAME):
            continue
        name = _person(el.text_content())
        if name:
            return name
    return None


def _person(text: str | None) -> str | None:
    """A short name from a byline's text, with 'By', 'Von', 'Posted by'... taken off."""
    text = _clean(text)
    if not text:
        return None
    name = byline_name(text) or _BY_PREFIX.sub("", text).strip(" .,:|-")
    words = name.split()
    if not 1 <= len(words) <= MAX_AUTHOR_WORDS or len(name) > MAX_AUTHOR_CHARS or any(c.isdigit() for c in name):
        return None
    return name


def _canonical(root: html.HtmlElement, meta: dict[str, list[str]], url: str | None) -> str | None:
    for link in root.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            href = link.get("href").strip()
            return urljoin(url, href) if url else href
    og = _first(meta, "og:url")
    if og and og.startswith("http"):
        return og
    return url


def _declared_language(root: html.HtmlElement, meta: dict[str, list[str]]) -> str | None:
    """The language the page declares: <html lang>, then og:locale and Content-Language."""
    for value in (root.get("lang"), root.get("xml:lang"), _first(meta, "og:locale", "content-language",
                                                                     "language", "dc.language")):
        if value:
            code = value.strip().replace("_", "-").split("-")[0].lower()
            if code.isalpha() and 2 <= len(code) <= 3:
                return code
    return None


def find_date_with_htmldate(root: html.HtmlElement, url: str | None) -> str | None:
    """htmldate's reading of the publication date, when the markup above gave none."""
    import htmldate

    try:
        return htmldate.find_date(root, extensive_search=True, original_date=True, url=url)
    except (ValueError, TypeError):
        return None
