"""The article's author: JSON-LD, <meta>, microdata and the page's own byline, a person's name over
the site's, its publisher's or another organisation's."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from ..rules import lexicon
from ..rules.metadata import byline_name
from .dates import find_date as find_written_date
from .markup import (
    INVISIBLE,
    SPACE,
    Headline,
    Marked,
    block_lines,
    clean_value,
    element_text,
    fold_title,
    in_comments,
    is_home_page,
    site_logo_name,
    squash,
)

if TYPE_CHECKING:
    from .from_html import PageMetadata


# Class tokens of bylines ("author", "documentAuthor", "byline", "auteurs", "posted-by", "writer"), in the letter cases
# sites write them; an id holding "uthor" too.
_AUTHOR_CLASS_MARKS = ("uthor", "yline", "autor", "Autor", "auteur", "Auteur", "posted-by", "writer", "Writer")
_AUTHOR_CLASS = re.compile("|".join(map(re.escape, _AUTHOR_CLASS_MARKS)))  # one search for any of them
_NOT_AUTHOR_TAGS = frozenset({"meta", "link", "script"})
_NOT_AUTHOR_NAME = ("bio", "box", "desc", "avatar", "image", "img", "photo", "about", "social")
# What a byline puts before the name: a verb or label ("Posted by", "Geschrieben von", "Post author
# By", "Artikel von:"), possibly glued to the name ("Veröffentlicht vonChris Jung"), or a label and colon
# ("Interview: Jane Doe", "Text und Interview: Jane Doe"), or a copyright sign.
_BY_WORDS = (r"by|von|vom|par|por|di|door|de|av|af|przez|autor(?:in)?|author|zeige alle beiträge von|"
             r"alle beiträge von|all posts by|view all posts by|more posts by")
BY_PREFIX = re.compile(
    r"^(?:(?:post\s+author|posted|written|published|text|story|words|reported|geschrieben|veröffentlicht|"
    r"eingestellt|verfasst|erstellt|artikel|beitrag|ein\s+beitrag|publié|publicado|escrito|scritto|"
    rf"pubblicato)\s+)?(?:{_BY_WORDS})\s*[:：]?\s+"
    r"|^(?:geschrieben|veröffentlicht|eingestellt|verfasst|posted|written)\s+(?:von|by)(?=[^\W\d_])"
    r"|^[^\W\d_][^:：\d]{0,30}[:：]\s*|^(?:©|\(c\))\s*", re.I)


_PREFIX_ONLY = re.compile(r"^(?:posted|written|published|geschrieben|veröffentlicht|publiziert(?:\s+am)?|"
                          r"eingestellt|author|autor|auteur|autorin|by|von|par|por|(?:view\s+)?all\s+posts|more\s+posts|"
                          r"alle\s+beiträge|alle\s+artikel|follow|folgen|suivre|seguir|contact|kontakt)$", re.I)
_LEADING = re.compile(r"^[\s,;:|·•\-–—]+")
# In JSON-LD and <meta>, only an explicit "By"/"Von" before a capitalised name is a prefix ("Von der Leyen" stays).
_DECLARED_PREFIX = re.compile(r"^(?:by|von|par|por)\s+(?=[A-ZÀ-ÖØ-Þ])", re.I)
_TRAILING = re.compile(r"[\s,;:|·•\-–—]+$")
MAX_AUTHOR_CANDIDATES = 20
MAX_AUTHOR_WORDS, MAX_AUTHOR_CHARS = 5, 60


def find_author(root: html.HtmlElement, meta: dict[str, list[str]], found: PageMetadata, publisher: str | None,
            url: str | None, marked: Marked) -> str | None:
    """The first author from JSON-LD, <meta>, microdata and the page's byline that names a person
    rather than the site, its publisher or another organisation (a web agency in <meta name=author>);
    an organisation only when no person is named. The headline is never the author. The chosen name
    gives way to the <meta> author or the written byline when they say more of it (_fuller_name)."""
    first = None
    title = fold_title(found.title or "")
    logo = fold_title(site_logo_name(root) or "")  # a logo <h1> marked as the author's vcard names the site
    written: dict[bool, str | None] = {}
    stop = (0, 0)  # where the walk near the headline stopped (index, text seen): the walk below goes on from there

    def is_brand(name: str) -> bool:
        return _is_publisher(name, found.sitename, publisher, url) or bool(_ORGANISATION.search(name))

    def no_person(name: str) -> bool:  # a brand, or a name written as no person's ("Landesanstalt für Wald ...")
        return is_brand(name) or _institution(name)

    def written_byline(below: bool = False) -> str | None:
        # Near the headline first (the check of another source's name needs no more); below the story
        # only as the last source, when nothing nearer named the author.
        nonlocal stop
        headline = found.headline or Headline(root, found.title)
        following = headline.byline_following
        if False not in written:
            written[False], index, seen = _scan_written_byline(following, is_brand, below=False, url=url)
            stop = (index, seen)
            if written[False] is None:  # a kicker line above the <h1>: "05.02.2020 - Redaktion: Jane Doe"
                written[False] = _scan_written_byline(headline.preceding, is_brand, below=False, url=url)[0]
        if below and written[False] is None and True not in written:
            written[True] = _scan_written_byline(following, is_brand, below=True, start=stop[0], seen=stop[1],
                                                 url=url)[0]
        return written[False] or (written.get(True) if below else None)

    sources = (lambda: found.author, lambda: _meta_author(meta), lambda: _microdata_author(marked),
               lambda: _byline(root, marked, lambda name: fold_title(name) in (title, logo), url),
               lambda: written_byline(below=True), lambda: _labelled_twitter_author(meta), lambda: _author_box(root))
    for index, source in enumerate(sources):
        name = source()
        if not name:
            continue
        name = _DECLARED_PREFIX.sub("", _TRAILING.sub("", _LEADING.sub("", name)))  # ", par Jane Doe,"
        if title and fold_title(name) == title and not (index <= 1 and _owner_of_home_page(name, url, no_person)):
            continue  # the headline is never the author, but on a personal site's home page the title is its owner
        if not no_person(name):
            if index < 1:
                name = _fuller_name(name, _meta_author(meta), is_brand)
            if index < len(sources) - 1:
                name = _fuller_name(name, written_byline(), is_brand)
            return _LIST_COMMA.sub(", ", name)
        first = first or name
    return _LIST_COMMA.sub(", ", first) if first else _site_owner(root, found.sitename, url)


MAX_OWNER_NAME_WORDS = 3


def _owner_of_home_page(name: str, url: str | None, no_person: Callable[[str], bool]) -> bool:
    """Whether a declared author that is also the page's title is a personal site's owner: the site's home
    page, titled with a person's name ("<title>Kyle Lo</title>", "<meta name=author content='Kyle Lo'>")."""
    words = name.split()
    return (is_home_page(url) and 2 <= len(words) <= MAX_OWNER_NAME_WORDS and written_as_name(name)
            and not no_person(name))


# A personal site: its name or its <title>'s parts name a person, as an honorific ("Dr. Alexander Klier"),
# a possessive ("Gregory Szorc's Digital Home") or an initial ("C.Habermueller") shows, and the name
# spells the host ("alexander-klier.net"). A plain "Statistics Globe" on statisticsglobe.com is no person.
_HONORIFIC = re.compile(r"^(?:(?:dr|prof|mag|dipl\.-ing|ing)\.\s*)+", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])\s.*$")
_INITIAL_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ]\.\s?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+$")
MIN_OWNER_HOST_CHARS = 6  # a host label this long that spells the name (or its start) is the owner's
MAX_OWNER_WORDS = 4


def _site_owner(root: html.HtmlElement, sitename: str | None, url: str | None) -> str | None:
    """The person a personal site is named after, when no source names the author: the site's name or
    a part of its <title> marked as a person's (an honorific, a possessive, an initial) that spells the
    host's first label ("Dr. Alexander Klier" on alexander-klier.net, "C.Habermueller" on chabermu.…)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    stem = squash(host.split(".")[0]) if host.count(".") else ""
    if len(stem) < MIN_OWNER_HOST_CHARS:
        return None
    title = root.find(".//title")
    parts = [sitename or ""]
    if title is not None:
        parts += re.split(r"\s+[|•·–—\-»:]\s+|\s*[|]\s*", title.text_content())
    for part in parts:
        part = SPACE.sub(" ", part).strip()
        name = _HONORIFIC.sub("", _POSSESSIVE.sub("", part)).strip()
        words = name.split()
        if not 1 <= len(words) <= MAX_OWNER_WORDS or not all(w[:1].isupper() for w in words) \
                or any(c.isdigit() for c in name) or _ORGANISATION.search(name):
            continue
        marked = name != part and len(words) >= 2  # an honorific or a possessive came off
        squashed = squash(name)
        if (marked and squashed == stem) or (_INITIAL_NAME.match(name) and squashed.startswith(stem)):
            return name
    return None

# An organisation's legal form, a web address, a web agency's credit: a name that is no person's.
_ORGANISATION = re.compile(r"\b(?:(?i:e\.\s?V|GmbH|gGmbH|Ltd|Inc|LLC|Stiftung|Verband|designed|design|webdesign|"
                           r"agentur|agency)\b|AG\b)|(?i:www\.|https?:)|\b[\w-]+\.(?i:com|de|at|ch|org|net|fr|it|es|eu|info)\b")
# What may follow the first of several names in a byline: a list separator or conjunction and a name.
_MORE_NAMES = re.compile(r"^(?:\s*[,&;]|\s+(?:and|und|et|y|e|en|og|och|i)\s)\s*[^\W\d_]", re.I)
_LIST_COMMA = re.compile(r"\s*,\s*")


def _fuller_name(name: str, other: str | None, is_brand: Callable[[str], bool]) -> str:
    """`other` (another source's name) when it says more of the same author or authors, else `name`:
    the list whose first name `name` is ("Jane Doe" of "Jane Doe und Max Muster", but "Rob Picheta,
    CNN" is no list of people), the full name of a first name ("Nils" of "Nils Pickert"), the same name
    spelled out ("arianschlichenmayer", "Joe S" of "Arian Schlichenmayer", "Joe S.")."""
    if not other or other == name:
        return name
    if squash(other) == squash(name) and len(other) > len(name):
        return other
    if len(other) > len(name) and other.casefold().startswith(name.casefold()):
        rest = other[len(name):]
        parts = [part for part in _NAME_LIST.split(rest) if part.strip()]
        # Each further name is a full name, not a brand or initials ("Rob Picheta, CNN", "Tina Doe, TK").
        if _MORE_NAMES.match(rest) and all(len(part.split()) >= 2 and not is_brand(part) for part in parts):
            return other
        if " " not in name and len(other.split()) == 2 and other.split()[1][:1].isupper():
            return other
    return name


_NAME_LIST = re.compile(r"\s*[,&;]\s*|\s+(?:and|und|et|y|e|en|og|och|i)\s+", re.I)


def _meta_author(meta: dict[str, list[str]]) -> str | None:
    for key in ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
                "twitter:creator"):
        for value in meta.get(key, []):
            text = clean_value(value)
            if text and not text.startswith(("http", "@", "www.")):
                return text
    return None


MIN_INSTITUTION_WORDS = 4


def _institution(name: str) -> bool:
    """True for a name written as an institution's, not a person's: four words or more with a lower-case
    word of three letters or more that is no name particle ("Bayerische Landesanstalt für Wald und
    Forstwirtschaft"); "Ursula von der Leyen" and a lower-case handle ("jdoe") are people."""
    words = name.split()
    return len(words) >= MIN_INSTITUTION_WORDS and any(
        w.isalpha() and w.islower() and len(w) >= 3 and w not in _NAME_PARTICLES for w in words)


# A box about the author below the story ("author-bio", "about-author", "author-box", "autorenbox"): its heading names
# the person ("<div class='author-bio'><h3>Jane Doe</h3>", "<h4>Über Jane Doe</h4>", "About the author: Jane Doe").
_AUTHOR_BOX = re.compile(r"(?:^|[\s_-])(?:author|autor|auteur)[-_]?(?:bio|box|info|about|profile|card)|"
                         r"(?:about|ueber|uber)[-_]?(?:the[-_])?(?:author|autor)|autorenbox", re.I)
_ABOUT_PREFIX = re.compile(r"^(?:about(?:\s+the\s+author)?|über(?:\s+(?:den|die)\s+autor(?:in)?)?|"
                           r"(?:the\s+)?author|(?:der\s+|die\s+)?autor(?:in)?|à\s+propos\s+de)\s*[:：]?\s*", re.I)
MAX_AUTHOR_BOXES = 5
# A profile card's button glued to the name it follows ("Jane DoeFollow").
_GLUED_BUTTON = re.compile(r"(?<=[a-zß-ÿ])(?:Follow|Folgen|Suivre|Seguir|Contact|Kontakt)$")


# Every match of _AUTHOR_BOX holds "author", "autor" or "auteur", so "aut" in any case: a search for it, far
# cheaper than the pattern's, sets aside nearly every element first.
_AUTHOR_STEM = re.compile("aut", re.I)


def _author_box(root: html.HtmlElement) -> str | None:
    """The person an author box below the story names in its heading, as the last source: the first
    heading (<h2>-<h6>, <strong>) in an element whose class or id marks an author box that reads as a
    name once an 'About'/'Über' comes off; never in comments."""
    boxes = 0
    for el in root.iterdescendants(etree.Element):
        names, ident = el.get("class"), el.get("id")
        if not (names or ident):
            continue
        marks = f"{names or ''} {ident or ''}"
        if not _AUTHOR_STEM.search(marks) or not _AUTHOR_BOX.search(marks) or in_comments(el):
            continue
        boxes += 1
        if boxes > MAX_AUTHOR_BOXES:
            return None
        for heading in el.iter("h2", "h3", "h4", "h5", "h6", "strong"):
            text = clean_value(element_text(heading))
            name = person_in_byline(_ABOUT_PREFIX.sub("", text)) if text else None
            if name and 2 <= len(name.split()) <= 4 and written_as_name(name):
                return name
            break  # the box's first heading names the author or nobody
    return None


# The labels an SEO plugin gives the author in its twitter:labelN / twitter:dataN pairs (Yoast: "Written by").
_TWITTER_AUTHOR_LABELS = frozenset({"written by", "by", "author", "verfasst von", "geschrieben von", "autor", "auteur",
                                    "écrit par", "escrito por", "scritto da", "geschreven door"})
MAX_TWITTER_LABELS = 4


def _labelled_twitter_author(meta: dict[str, list[str]]) -> str | None:
    """The name a twitter:dataN gives where its twitter:labelN says it is the author's ("Written by")."""
    for n in range(1, MAX_TWITTER_LABELS + 1):
        label = clean_value((meta.get(f"twitter:label{n}") or [""])[0])
        if label and label.casefold().rstrip(":") in _TWITTER_AUTHOR_LABELS:
            return clean_value((meta.get(f"twitter:data{n}") or [""])[0])
    return None


def _microdata_author(marked: Marked) -> str | None:
    for el in marked.itemprop("author"):
        if in_comments(el):
            continue
        named = el.find(".//*[@itemprop='name']")
        text = clean_value((named if named is not None else el).get("content") or
                      element_text(named if named is not None else el))
        if text and len(text) <= 80:
            return text
    return None


def _author_candidates(root: html.HtmlElement) -> Iterator[html.HtmlElement]:
    """Elements below `root` whose class or id marks an author or byline, in document order. A walk
    in Python with substring tests: libxml2's XPath contains() over every element cost three times
    as much, and the walk stops at the candidates wanted."""
    for el in root.iterdescendants(etree.Element):  # elements only: no proxies made for comments
        if el.tag in _NOT_AUTHOR_TAGS:
            continue
        classes = el.get("class")
        if classes and _AUTHOR_CLASS.search(classes):
            yield el
            continue
        ident = el.get("id")
        if ident and "uthor" in ident:
            yield el


MAX_ITEM_LEVELS = 6  # how far above a byline a list item holding it is looked for
MIN_ITEM_LINK_WORDS = 4  # a link this long, beside a byline in a list item, names another page (a headline)


def _in_list_of_pages(el: html.HtmlElement, url: str | None = None) -> bool:
    """True for a byline in an item of a list of other pages: an <li> or role=listitem element among
    siblings of its kind that also holds a heading, or a link of a headline's length, outside the byline (a card
    "<div role=listitem><a href=/other-post>Title ... intro</a><div class=post__author>Jane Doe</div>"
    names the author of the post it links to); or one of several sibling <article>s whose heading links
    to another page. A post's own meta list ("<li class=author>By <a>Jane Doe</a></li>") holds no such
    link beside its byline, and an item that links to the page itself (`url`: its permalink) is its own."""
    for level, item in enumerate(el.iterancestors()):
        if level >= MAX_ITEM_LEVELS:
            return False
        if item.tag == "a" and item.get("href") is not None and _holds_headline(item, el, words=False):
            return True  # a card that is one link to another page, headline and byline inside
        if item.tag != "li" and item.get("role") != "listitem" and item.tag != "article":
            continue
        parent = item.getparent()
        if parent is None or not any(other.tag == item.tag and other.get("role") == item.get("role")
                                     for other in parent.iterchildren() if other is not item):
            continue  # no list, a lone item
        if url and any(_same_page(link.get("href"), url) for link in item.iter("a")):
            return False  # the page's own entry (a single post written as a list's item, its permalink heading)
        if item.tag == "article":
            # One of several <article>s: a story's card when its heading links to the story elsewhere.
            if any(link.get("href") and not link.get("href").startswith("#") for heading
                   in item.iter("h2", "h3", "h4", "h5", "h6") for link in heading.iter("a")):
                return True
            continue
        if _holds_headline(item, el) or any(
                link.get("href") is not None and _holds_headline(link, el, headings=False) for link in item.iter("a")
                if link is not el and not any(a is el for a in link.iterancestors())):
            return True
    return False


def _same_page(href: str | None, url: str) -> bool:
    """True when `href` (resolved against `url`) is the page at `url`, scheme, "www.", query and a
    trailing slash aside."""
    if not href or href.startswith("#"):
        return False
    def key(address: str) -> str:
        parts = urlsplit(address)
        return (parts.hostname or "").removeprefix("www.") + parts.path.rstrip("/")
    try:
        return key(urljoin(url, href.strip())) == key(url)
    except ValueError:  # a malformed address ("http://[ccpa-preferences]/") is no page's
        return False


def _holds_headline(container: html.HtmlElement, byline: html.HtmlElement, *, headings: bool = True,
                    words: bool = True) -> bool:
    """True when `container` holds, besides `byline`, a heading (<h2>-<h6>; with `headings`) or, when it is a
    link, text of a headline's length (with `words`; a link to the author's page says "View all posts by ...")."""
    if headings and any(h is not byline and not any(a is h for a in byline.iterancestors())
                       for h in container.iter("h2", "h3", "h4", "h5", "h6")):
        return True
    if container.tag != "a" or not words:
        return False
    count = len(container.text_content().split())
    if any(a is container for a in byline.iterancestors()):
        count -= len(byline.text_content().split())
    return count >= MIN_ITEM_LINK_WORDS


def _one_line_name(el: html.HtmlElement, name: str) -> str:
    """`name` read from a byline element, cut to the name on a line of its own when it runs on into the
    next line (an author card's "<h3>Jane Doe</h3><p>Professor (MIT)</p>" reads "Jane Doe Professor"):
    the line after the name holds a job title, a motto or a bio, not more of the name."""
    lines = block_lines(el)
    if len(lines) < 2 or any(squash(name) in squash(line) for line in lines):
        return name
    for line in lines:
        part = person_in_byline(line)
        if part and len(part) < len(name) and name.startswith(part):
            return name if _in_list_of_names(el, line) else part
    return name


def _in_list_of_names(el: html.HtmlElement, line: str) -> bool:
    """True when the block holding `line` in `el` has a next sibling of its tag and class: one name of a
    list, one a line ("<div class=item>Jane Doe</div><div class=item>Max Muster</div>"), not a card's name and bio."""
    for block in el.iterdescendants(etree.Element):
        if block.tag in _LINE_TAGS and squash(element_text(block)) == squash(line):
            after = block.getnext()
            return after is not None and after.tag == block.tag and after.get("class") == block.get("class")
    return False


_LINE_TAGS = frozenset({"div", "p", "li", "dd", "dt", "h2", "h3", "h4", "h5", "h6", "span"})


def _byline(root: html.HtmlElement, marked: Marked, passed_over: Callable[[str], bool] | None = None,
            url: str | None = None) -> str | None:
    """The author named in the page: a rel=author link, else an element whose class names an author
    or byline and whose text is a short name ("By Jane Doe" -> "Jane Doe"); never one inside a comment
    thread or a form (commenters, "Name (required)" labels), nor in a card of a list of other pages
    (_in_list_of_pages; `url` is the page's own address). A name `passed_over` (the headline, where
    an <h1> is marked as the author's vcard) gives way to a later candidate, and is the answer only when
    none follows."""
    first = None
    for el in marked.rel_author():
        name = None if in_comments(el) else person_in_byline(element_text(el))
        if name:
            return name
    for el in islice(_author_candidates(root), MAX_AUTHOR_CANDIDATES):
        if any(word in (el.get("class") or "").lower() for word in _NOT_AUTHOR_NAME) or in_comments(el) \
                or _in_list_of_pages(el, url):
            continue
        name = person_in_byline(element_text(el))
        if name and " " in name and not written_as_name(name):
            continue  # "von deinen Hochzeitsbloggern": words of a sentence; a one-word handle may be lower-case
        name = _one_line_name(el, name) if name else None
        if name and passed_over is not None and passed_over(name):
            first = first or name
            continue
        if name:
            return name
    return first


BYLINE_WINDOW_CHARS = 2500  # text after the headline searched for a written byline
MAX_BYLINE_WORDS = 12
MAX_BYLINE_CHILDREN = 6
MAX_BYLINE_DESCENDANTS = 16  # ... and few below them (a container's whole text is not assembled to be looked at)
# A written byline: a label or preposition, then the name ("Von: Jane Doe", "Autor: Jane Doe", "Auteur : Jane
# Doe", "Written by: Jane Doe"), at the start or after a date or a separator ("Datum: 03.11.2021 Autor: Jane
# Doe"); or the name at the end, after a date or a noun of authorship (TRAILING_BYLINE).
WRITTEN_BYLINE = re.compile(
    r"(?:^|(?<=[\d|·•])\s*|(?<=\s[-–—])\s*)(?i:(?:(?:written|posted|reported|text|words|story|escrito|publicado|geschrieben|verfasst|erstellt)\s+"
    r"(?:by|von|por|par)|autor(?:in|a|e)?|author|auteur|redaktion|redacción|redazione|verfasser|text|texte|tekst|"
    r"von|by|par|por|door|av|af)\s*[:：]|(?:von|by|par|por)\s|(?:autor(?:in|en|innen)?|author|auteur)\s(?=[^\W\d_]))"
    r"\s*(?P<a>.+)$")
_NAME_PARTICLES = frozenset({"von", "van", "de", "der", "den", "da", "di", "du", "le", "la", "del", "y", "und", "and"})


def _written_byline(root: html.HtmlElement, title: str | None = None, is_brand: Callable[[str], bool] | None = None,
                    headline: Headline | None = None, *, below: bool = True) -> str | None:
    """A byline written in a short element after the headline's <h1> (not in comments or forms), and
    not naming a brand (`is_brand`: the site, its publisher) when a person's byline may follow. Past
    the first BYLINE_WINDOW_CHARS of text, only an element that starts with an author's label counts
    ("Autor: Jane Doe", "<b>Von:</b> Jane Doe", "Autoren Jane Doe und Max Muster" below the story),
    and only with `below` (the walk past the window costs a look at each of up to MAX_FOLLOWING elements)."""
    return _scan_written_byline((headline or Headline(root, title)).byline_following, is_brand, below=below)[0]


def _scan_written_byline(following: list[html.HtmlElement], is_brand: Callable[[str], bool] | None, *,
                         below: bool, start: int = 0, seen: int = 0, url: str | None = None
                         ) -> tuple[str | None, int, int]:
    """_written_byline's walk over `following` from index `start` with `seen` characters of text behind
    it: the name, and where a walk without `below` stopped (the index and the text seen before it), from
    where a walk with `below` goes on. Every element before that point was looked at the same way by
    both walks, so the second need not look at them again. A byline in a card of a list of other pages
    (_in_list_of_pages; `url` is the page's own address) is passed over."""
    for index in range(start, len(following)):
        el = following[index]
        if el.tag in ("script", "style"):
            continue
        before = seen
        seen += len(el.text or "") + len(el.tail or "")
        far = seen > BYLINE_WINDOW_CHARS
        if far and not below:
            return None, index, before
        if far and not _AUTHOR_LABEL.match(el.text or ""):
            continue
        if len(el) > MAX_BYLINE_CHILDREN or (el.tag == "a" and not far) \
                or next(islice(el.iterdescendants(), MAX_BYLINE_DESCENDANTS, None), None) is not None:
            continue  # a byline is a small element: a label, a name, perhaps a link and a date
        content = el.text_content()
        if len(content.split()) > MAX_BYLINE_WORDS \
                or not (_BYLINE_HINT.search(content) or _DATELINE_PARTS.search(content)):
            continue
        text = element_text(el)
        names = []
        if _BYLINE_LABEL.match(text):
            # "<dt>Auteur</dt><dd>Jane Doe</dd>", "<span>Von:</span> Jane Doe", "<a><b>Von:</b><br>Jane Doe</a>":
            # the label, then the name in its tail, the next element, or the rest of its parent.
            parent = el.getparent()
            for after in ((el.tail or "").strip(), element_text(el.getnext()) if el.getnext() is not None else "",
                          element_text(parent)[len(text):].strip() if parent is not None and parent.tag != "body"
                          and element_text(parent).startswith(text) else ""):
                if after:
                    names.append(person_in_byline(after))
                    break
        # "<span>By</span><span><a>J.R. Stone</a></span>" reads "ByJ.R. Stone": try the parts apart too.
        for variant in dict.fromkeys((text, SPACE.sub(" ", " ".join(el.itertext())).strip())):
            match = WRITTEN_BYLINE.search(variant)
            name = person_in_byline(cut_name(match.group("a"))) if match else None
            if name is None and not far:
                trailing = TRAILING_BYLINE.search(variant)
                name = valid_name(trailing.group("name")) if trailing else None
            names.append(name)
        names.append(dateline_name(text))
        for name in names:
            # A written name is capitalised word by word ("Jane Doe", "Ursula von der Leyen"); prose is not.
            if name and written_as_name(name) and name[:1].isupper() and not (is_brand and is_brand(name)) \
                    and not in_comments(el) and not _cites_linked_work(el) and not _in_list_of_pages(el, url):
                return name, index, before
    return None, len(following), seen


# "<a href=...>Probability Cheat Sheet</a> by Jane Doe": the link names a work, the words after it its author.
# The name stands in the link's tail: a byline's "By <a href=/author/jane>Jane Doe</a>" after an avatar's link is none.
_BY_AFTER_LINK = re.compile(r"^\s*[,–—-]?\s*(?i:by|von|par|por|door|di|av|af)\s+[^\W\d_]")


def _cites_linked_work(el: html.HtmlElement) -> bool:
    """True for a written byline in a list of links to other works, each followed by its author
    ("<li><a href=...>Probability Cheat Sheet</a> by Jane Doe</li>" in a reading list): the name is the
    linked work's author. Looked at in `el` and in the list item holding it (an <li> or role=listitem
    element among siblings of its kind)."""
    scope = next((a for a in islice(el.iterancestors(), MAX_ITEM_LEVELS) if _list_item(a)), el)
    return any(link.get("href") is not None and _BY_AFTER_LINK.match(link.tail or "") and link.text_content().strip()
               and any(_list_item(a) for a in islice(link.iterancestors(), MAX_ITEM_LEVELS))
               for link in scope.iter("a"))


def _list_item(el: html.HtmlElement) -> bool:
    """True for an <li> or role=listitem element among siblings of its kind."""
    if el.tag != "li" and el.get("role") != "listitem":
        return False
    parent = el.getparent()
    return parent is not None and any(other.tag == el.tag for other in parent.iterchildren() if other is not el)


_DATELINE_PARTS = re.compile(r"\s+[|·•]\s+")


def dateline_name(text: str) -> str | None:
    """The name that ends a dateline of separated parts ("04.02.2022 | 13:10 Uhr | Jane Doe"): its last
    part, when another part is a date and the last is two or three words written as a name."""
    parts = _DATELINE_PARTS.split(text)
    if len(parts) < 2 or not any(c.isdigit() for c in text) or not find_written_date(" ".join(parts[:-1])):
        return None
    last = parts[-1].strip()
    return valid_name(last) if 2 <= len(last.split()) <= 3 and written_as_name(last) else None


# An author's label at the start of an element's own text, or "Von Jane Doe am 7.8.2013": the forms trusted
# below the story too.
_AUTHOR_LABEL = re.compile(r"^\s*(?i:(?:autor(?:in|en|innen)?|author|auteur|verfasser)\b|(?:von|by|text|redaktion|"
                           r"written by)\s*[:：]|(?:von|by)\s+[^\W\d_][^\d]{0,40}?\s(?:am|on)(?:\s+\d|\s*$))")


# A word every byline form above starts from (at a word's start: "ByJ.R. Stone" glues the name on; most
# elements after the headline lack one and are passed over before their text is assembled).
_BYLINE_HINT = re.compile(r"\b(?:by|von|par|por|door|di|av|af|aut|writ|posted|text|tekst|redak|redac|redaz|verfasser|"
                          r"thread|started|themen|ersteller)", re.I)
# An element that holds only a byline's label, the name standing in the next one (a forum thread's
# "Thread starter" names the author of its first post).
_BYLINE_LABEL = re.compile(r"^(?i:autor(?:in|en|innen|a|e)?|author|auteur|verfasser|redaktion|text|texte|"
                           r"von|by|par|por|written by|posted by|geschrieben von|thread starter|started by|"
                           r"themen(?:starter|ersteller)|ersteller|auteur du sujet)\s*[:：]?$")


def person_in_byline(text: str | None) -> str | None:
    """A short name from a byline's text, with 'By', 'Von', 'Posted by', 'Interview:'... taken off and
    what follows the name (a date, a second label, a role in brackets, '| Published ...') cut."""
    text = clean_value(text)
    if not text:
        return None
    text = _GLUED_BUTTON.sub("", _LEADING.sub("", text.translate(INVISIBLE)))
    name = valid_name(cut_name(byline_name(text) or BY_PREFIX.sub("", text, count=1)))
    if name is None and any(c.isdigit() for c in text):
        # "Veröffentlicht am 8. Februar 2022 von PETA-Team": the name ends the line, after a date.
        match = TRAILING_BYLINE.search(text)
        name = valid_name(match.group("name")) if match else None
    return name


# A byline that ends with the name, after a date or a noun or verb of authorship ("Posted on May 3, 2020
# by Jane Doe", "Eine Kolumne von Nils Pickert"); "Learning by Ear", a title, is none.
TRAILING_BYLINE = re.compile(
    r"(?:\d\W*|\b(?i:posted|written|published|reported|edited|compiled|story|text|words|photos|article|post|column|"
    r"essay|review|interview|kolumne|kommentar|beitrag|artikel|bericht|veröffentlicht|geschrieben|erstellt|verfasst|"
    r"eingestellt|publié|écrit|publicado|escrito|pubblicato|scritto|artigo)\s*[:,]?)\s+(?i:by|von|par|por|door|di)\s+"
    r"(?P<name>[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3})\s*$")
# Where a name in a byline ends: a separator, a bracket, the next label ("Edition :", "Foto:"), a date
# after a preposition ("am 29.12.2010", "on Monday"), a stamp word ("Published", "Aktualisiert").
_NAME_END = re.compile(
    r"\s+[|·•]|\s+[-–—]\s|\s*[(\[]|\s+[^\W\d_]+\s?[:：]|,?\s+(?:am|on|le|el|il|op|em|den|um|at)\s+(?=\d)"
    r"|\s+(?i:published|updated|posted|veröffentlicht|aktualisiert|publicado|actualizado|publié|pubblicato|stand)\b")
_NAME_TAIL_WORDS = frozenset({"am", "on", "le", "el", "il", "op", "em", "den", "um", "at", "the"})


def written_as_name(text: str) -> bool:
    """True when `text` is written as a name: each word capitalised but particles ("Ursula von der Leyen")."""
    words = text.split()
    return bool(words) and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words)


def cut_name(name: str) -> str:
    """The name at the start of a byline's rest: cut at the first _NAME_END or date, without the
    weekday and preposition a date leaves behind ("Tomas Spahn Fr", "Jane Doe am Samstag")."""
    match = _NAME_END.search(name)
    if match and match.start() > 0:
        name = name[:match.start()]
    head, comma, rest = name.partition(",")
    if comma and written_as_name(head) and not written_as_name(rest.split(",")[0]):
        name = head  # "Uta Staschewski, Projektleiterin der HSS in Tunesien": a role follows, not another name
    if any(c.isdigit() for c in name):
        found = find_written_date(name)
        if found and found[1][0] > 0:
            name = name[:found[1][0]]
    words = _TRAILING.sub("", name).split()
    weekdays = lexicon.words("weekdays")
    while len(words) > 1 and (words[-1].casefold().rstrip(".,") in weekdays
                              or words[-1].casefold() in _NAME_TAIL_WORDS):
        words.pop()
    return " ".join(words)


_USER_NAME = re.compile(r"^[^\W\d_]{2}[\w.-]*\d[\w.-]*$")


def valid_name(name: str) -> str | None:
    """`name` when it can be a person's or a desk's name: short, no digits, arrows or e-mail marks."""
    name = _TRAILING.sub("", name).strip()
    if name.endswith(".") and not re.search(r"(?:^|\s)[^\W\d_]\.$", name):
        name = name.rstrip(".")  # a full stop ends a sentence, but "Joe S." keeps its initial's dot
    words = name.split()
    if not 1 <= len(words) <= MAX_AUTHOR_WORDS or len(name) > MAX_AUTHOR_CHARS:
        return None
    if any(c.isdigit() for c in name) and not _USER_NAME.match(name):
        return None  # a date or a count, not a name; a user name alone may hold digits ("Bo2man")
    if _PREFIX_ONLY.match(name) or not any(c.isalpha() for c in name) or re.search(r"[→←»«@*()\[\]]", name):
        return None  # arrows, form marks and e-mail addresses are not names
    return name


def _is_publisher(name: str, sitename: str | None, publisher: str | None, url: str | None) -> bool:
    """True when an 'author' names the site or its publisher ("tagesschau.de", "El Colombiano")."""
    squashed = squash(name)
    host = squash((urlsplit(url).hostname or "").removeprefix("www.")) if url else ""
    stem = squash((urlsplit(url).hostname or "").removeprefix("www.").split(".")[0]) if url else ""
    for other in (sitename, publisher):
        if other and squashed and (squashed == squash(other) or squashed in squash(other)
                                   or squash(other) in squashed):
            return True
    return bool(squashed) and bool(stem) and len(stem) >= 3 and (stem in squashed or squashed in host)
