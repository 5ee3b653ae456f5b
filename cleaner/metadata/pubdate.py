"""The article's publication date: its own dateline, JSON-LD, the <time> in its header, the URL, the
<meta> it declares, and only then htmldate, on the page without footers, images and links to other pages."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, partial
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree, html

from ..language import detect
from ..rules import lexicon
from .dates import find_date as find_written_date
from .dates import writes_date
from .markup import Headline, in_comments, iso_date

if TYPE_CHECKING:
    from .from_html import PageMetadata


MAX_DATELINE_WORDS = 8  # a dateline is a short element: "Published 12 March 2024, 10:31"
DATELINE_WINDOW_CHARS = 400  # ... standing within this much text after the headline


# Text that is no dateline of the article: links (other pages' dates), quotes (an embedded post's date).
_NOT_DATELINE = frozenset({"script", "style", "a", "blockquote"})


# Not the publication's dateline: an element marked as the update (and not also as the publication,
# as WordPress's "entry-date published updated" is), a hidden copy for machines, a date inside a
# paragraph of prose ("Termin: 21.02.2020", "am 22. November" in the story). A line that says it is
# the update ("Updated March 14, 2021") stays: on the dev sets it is as often the only date shown.
_PUBLISHED_MARK = re.compile(r"publish|created|veroeffentlicht", re.I)
# Whole class tokens that hide an element ("field-label-hidden" hides a label, not the date).
_HIDDEN_MARK = re.compile(r"(?:^|\s)(?:hidden|hide|is-hidden|d-none|sr-only|screen-reader-text|visually-?hidden)"
                          r"(?:$|\s)", re.I)
_PROSE_TAGS = frozenset({"p", "li", "td", "dd"})
MAX_PROSE_WORDS = 30  # a block longer than this is prose, and a date inside it no dateline


def _not_dateline(el: html.HtmlElement, own_text: bool) -> bool:
    """True when a date found in `el`'s text (`own_text`) or tail is no dateline of the article."""
    if own_text:
        marks = f"{el.get('class') or ''} {el.get('itemprop') or ''}"
        if (_UPDATED_MARK.search(marks) and not _PUBLISHED_MARK.search(marks)) or _HIDDEN_MARK.search(marks):
            return True
    for node in (el, *el.iterancestors()) if own_text else el.iterancestors():
        if node.tag in _PROSE_TAGS:
            return len(node.text_content().split()) > MAX_PROSE_WORDS
    return False


def find_dateline(root: html.HtmlElement, title: str | None = None, headline: Headline | None = None,
                  declared: str | None = None, *, month_first: bool = False) -> str | None:
    """The date written in a short element just after the headline's <h1>: the article's own
    dateline; else in a kicker line just before it ("05.02.2020 - Redaktion: ..." above the <h1>).
    Text inside links (other pages' dates), quotes (embedded posts), scripts and long prose,
    and dates marked or written as the update or hidden, are skipped (_not_dateline). An ambiguous
    "11/01/2021" is read in the page's order (`month_first`: US English), or in the other when the page's
    `declared` date (JSON-LD, <meta>) reads it so."""
    headline = headline or Headline(root, title)
    return (_dateline_in(headline.following, DATELINE_WINDOW_CHARS, declared, month_first)
            or _dateline_in(headline.preceding, None, declared, month_first))


# "11/01/2021": the day or the month first? As the page writes dates (page_reads_month_first), unless the date
# the page declares reads it the other way.
_AMBIGUOUS = re.compile(r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|1[0-2])/\d{4}")


_SUBHEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def _date_link(el: html.HtmlElement) -> bool:
    """True for a link that holds a date and nothing else ("<a href=/2023/10/30/>30. Oktober 2023</a>"
    beside the byline: the article's permalink or its day's archive, not another page's title)."""
    if el.tag != "a":
        return False
    text = " ".join(el.text_content().split())
    found = find_written_date(text, month_first=False) if 0 < len(text) <= 40 else None
    return found is not None and not (text[:found[1][0]] + text[found[1][1]:]).strip(" ,.|-–")


def _dateline_in(elements: list[html.HtmlElement], window: int | None, declared: str | None,
                 month_first: bool = False) -> str | None:
    """The first dateline's date among `elements`, looked at until `window` characters of text are behind."""
    seen, prose = 0, False
    date_links: dict[html.HtmlElement, bool] = {}  # every element inside a long link asks about that link

    def date_link(el: html.HtmlElement) -> bool:
        if el not in date_links:
            date_links[el] = _date_link(el)
        return date_links[el]

    for el in elements:
        if window is not None and el.tag in _SUBHEADINGS and prose and not find_written_date(el.text_content()):
            break  # a paragraph of the story, then a section's heading: a date below it is the story's
        prose = prose or (el.tag == "p" and len((el.text or "").split()) > MAX_PROSE_WORDS // 2)
        if (el.tag in _NOT_DATELINE and not date_link(el)) \
                or any(a.tag in _NOT_DATELINE and not date_link(a) for a in el.iterancestors()):
            seen += len(el.text or "")
            continue
        for is_text, text in ((True, el.text), (False, el.tail)):
            if not text or not text.strip():
                continue
            seen += len(text)
            if len(text.split()) > MAX_DATELINE_WORDS:
                continue  # an element's text is where its text_content starts: no dateline either
            own = " ".join((el.text_content() if is_text else text).split())
            if len(own.split()) <= MAX_DATELINE_WORDS and any(c.isdigit() for c in own):
                found = find_written_date(own, month_first=month_first)
                if found and not _not_dateline(el, is_text):
                    written = own[found[1][0]:found[1][1]]
                    if declared and _AMBIGUOUS.fullmatch(written):
                        other = find_written_date(written, month_first=not month_first)
                        if other and other[0] == declared[:10]:
                            return other[0]
                    return found[0]
        if window is not None and seen > window:
            break
    return None


def publication_date(root: html.HtmlElement, meta: PageMetadata, url: str | None) -> str | None:
    """The article's date, from the cheapest reliable source that gives one: its own dateline, its
    JSON-LD datePublished, the <time datetime> in its header (unless the date in its URL path is more
    than a month earlier: then the URL's), the date in its URL path, the <meta> and microdata it
    declares, a date labelled as the publication; only when none does, htmldate's reading of the page
    without footers, images and links to other pages (the costly step: a copy of the tree and a search
    of its text)."""
    headline = meta.headline or Headline(root, meta.title)
    month_first = page_reads_month_first(root, meta, url)
    written = find_dateline(root, headline=headline, declared=meta.date, month_first=month_first)
    if written:
        return written
    declared = meta.json_ld_date or time_element_date(root, headline=headline)
    in_url = url_date(url or meta.url)
    if declared and in_url and _days_between(in_url, declared) > MAX_URL_DATE_LAG_DAYS:
        return in_url  # the URL keeps the first publication; a declared date far later is a re-save
    return (declared or in_url or meta.date or labelled_date(root, month_first=month_first)
            or find_date_with_htmldate(root, url, month_first=month_first))


# Country-code domains whose sites write the day first; .us is the month-first country's own.
_MONTH_FIRST_REGIONS = frozenset({"us"})


def page_reads_month_first(root: html.HtmlElement, meta: PageMetadata, url: str | None) -> bool:
    """Whether the page writes "03/04/2012" month first (US English): its declared language's region
    says US ("en-US"); else its language (declared, or read from its title and description) is English
    and its host is no other country's (a .com, .org, .net or unknown host; not .co.uk, .de, .fr ...)."""
    tag = (root.get("lang") or "").replace("_", "-").casefold().split("-")
    if len(tag) > 1 and tag[0] == "en" and len(tag[1]) == 2:
        return tag[1] in _MONTH_FIRST_REGIONS
    language = meta.language or detect(" ".join(t for t in (meta.title, meta.description) if t))
    if language != "en":
        return False
    host = urlsplit(url or meta.url or "").hostname or ""
    top = host.rsplit(".", 1)[-1] if "." in host else ""
    return not (len(top) == 2 and top not in _MONTH_FIRST_REGIONS)


MAX_URL_DATE_LAG_DAYS = 31  # a declared date this much later than the URL's is no longer the publication's


def _days_between(earlier: str, later: str) -> int:
    """Days from ISO date `earlier` to ISO date `later` (negative when `later` is earlier; 0 for a bad date)."""
    try:
        return (dt.date.fromisoformat(later[:10]) - dt.date.fromisoformat(earlier[:10])).days
    except ValueError:
        return 0


_LABEL_GAP_CHARS = 16  # between a publication label and its date: "am: ", "am Mittwoch, den "


def labelled_date(root: html.HtmlElement, *, month_first: bool = False) -> str | None:
    """The first date that a label calls the publication ("Veröffentlicht am 16.08.2019", "Erschienen am:
    01.11.2023") in the page's text outside links, scripts and comments: read before htmldate, whose
    search of the whole text takes the first date it finds, labelled or not. One search of the page's
    text (assembled by libxml2) answers most pages; the text nodes are looked at only when it finds a label."""
    labels = lexicon.phrases("publication_phrases")
    # Text nodes glued without a space ("VorfahrenErschienen am" has no word start), lower-cased once: a
    # search without re.I skips ahead by its first letters, five times faster on a long page.
    page = _PAGE_TEXT(root).lower()
    if not any(_DIGIT_NEAR.match(page, m.end()) for m in _unbounded(labels).finditer(page)):
        return None
    for text in _TEXT_NODES(root):
        for match in labels.finditer(text):
            rest = text[match.end():match.end() + _LABEL_GAP_CHARS + 20]
            found = find_written_date(rest, month_first=month_first)
            if found is None or found[1][0] > _LABEL_GAP_CHARS or any(c.isdigit() for c in rest[:found[1][0]]):
                continue
            holder = text.getparent()
            holder = holder.getparent() if text.is_tail and holder is not None else holder
            if holder is not None and holder.tag not in _NOT_DATELINE and not in_comments(holder) \
                    and not any(a.tag in _NOT_DATELINE for a in holder.iterancestors()):
                return found[0]
    return None


@cache
def _unbounded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` without its word-boundary marks and case folding, for the page's glued, lower-cased text."""
    return re.compile(pattern.pattern.replace(r"\b", ""), pattern.flags & ~re.I)


_PAGE_TEXT = etree.XPath("string()")
_TEXT_NODES = etree.XPath("//text()[string-length(.) > 7]")
_DIGIT_NEAR = re.compile(rf"\D{{0,{_LABEL_GAP_CHARS}}}\d")


# A full date in a URL path: "/2012/07/24/story", "/news/2021-03-05-title" (not a month archive).
_URL_DATE = re.compile(r"\D((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:\D|$)")


def url_date(url: str | None) -> str | None:
    """The date a URL's path writes (year, month, day), or None."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


# Where a <time> cannot hold the article's own date: site chrome, other items, comments, and quotes
# (an embedded post, "<blockquote class=instagram-media>... am <time>", is someone else's).
_NOT_ARTICLE_TIME = frozenset({"footer", "aside", "nav", "blockquote"})
_UPDATED_MARK = re.compile(r"updated|modified|geaendert|aktualisiert", re.I)


TIME_WINDOW_CHARS = 5000  # text after the headline within which its <time> stands


def _within(elements: list[html.HtmlElement], window: int) -> list[html.HtmlElement]:
    """The first of `elements` (in document order), up to `window` characters of their own text and tails."""
    seen = 0
    for index, el in enumerate(elements):
        seen += len(el.text or "") + len(el.tail or "")
        if seen > window:
            return elements[:index + 1]
    return elements


def time_element_date(root: html.HtmlElement, title: str | None = None, headline: Headline | None = None) -> str | None:
    """The date of the first <time datetime> in the article's header: inside a <header> or among the
    elements just after the headline's <h1>, outside footers, asides, navigation, quotes and comments; a
    time marked as an update gives way to the published one beside it."""
    headline = headline or Headline(root, title)
    # Kept alive, so that the ids below stay theirs: the elements before the headline (a kicker) and after
    # it up to TIME_WINDOW_CHARS of text (a list of other stories further down holds their times, not its).
    near_elements = [*headline.preceding, *_within(headline.following, TIME_WINDOW_CHARS)]
    near = {id(el) for el in near_elements}
    found: str | None = None
    for el in root.iter("time"):
        value = iso_date(el.get("datetime"))
        if not value:
            continue
        ancestors = [a.tag for a in el.iterancestors()]
        if id(el) not in near and "header" not in ancestors:
            continue
        if any(tag in _NOT_ARTICLE_TIME for tag in ancestors) or in_comments(el):
            continue
        if _UPDATED_MARK.search(f"{el.get('class') or ''} {el.get('itemprop') or ''}"):
            found = found or value
            continue
        return value
    return found


# Footers, images, and links whose text holds a digit (the only ones that can name a date).
# The attribute tests go only to elements that have the attribute ([@class] first): a third cheaper than
# contains() on every element, with the same elements in the same (document) order.
_OTHER_DATES = etree.XPath(
    "//footer | //img | //picture | //source | //a[not(.//time)][translate(., '0123456789', '') != .]"
    " | //*[@class][contains(@class, 'ooter') or contains(@class, 'opyright') or contains(@class, 'site-info')]"
    " | //*[@id][contains(@id, 'ooter') or contains(@id, 'colophon')]")
_FOOTER_MARK = re.compile(r"^(?:footer|site-footer|page-footer|copyright|site-info|colophon)(?:$|[-_])", re.I)


MAX_DATE_LINK_WORDS = 4  # a link holding a date and at most this many other words is a dateline link


def _other_dates(root: html.HtmlElement) -> list[html.HtmlElement]:
    """The places whose dates are not the article's: site footers ("Terms of Use (10 Mar 2001)")
    unless they declare a <time>, images (file names such as "20080301snowwhite.jpg") and links that
    name another page ("Older story, 4 May 2007"); a link that holds only a date (a permalink or a
    day's archive beside the byline) stays."""
    doomed = []
    for el in _OTHER_DATES(root):
        tag = el.tag
        if tag in ("img", "picture", "source") and not len(el):
            doomed.append(el)  # as either branch below would: an empty element holds no <time>
            continue
        marks = f"{el.get('class') or ''} {el.get('id') or ''}".split()
        if el.tag == "footer" or any(_FOOTER_MARK.match(m) for m in marks):
            # An item's own footer declaring its date (<time>, datePublished) is a dateline, not the site's.
            if el.find(".//time") is None and el.find(".//*[@itemprop='datePublished']") is None:
                doomed.append(el)
        elif el.tag in ("img", "picture", "source"):
            doomed.append(el)
        elif el.tag == "a" and el.find(".//time") is None:
            text = el.text_content()
            found = find_written_date(text) if any(c.isdigit() for c in text) else None
            if found:
                rest = (text[:found[1][0]] + " " + text[found[1][1]:]).split()
                if len(rest) > MAX_DATE_LINK_WORDS:
                    doomed.append(el)
    kept = set(doomed)
    return doomed + [a for a in _dated_list_links(root) if a not in kept] + _asset_references(root)


# A <meta> whose content is the address of a file (an icon, an image, a config): its stamp ("?v=20201130") or
# upload folder is the file's date.
_ASSET_URL = re.compile(r"^(?:https?:)?/\S*\.(?:png|jpe?g|gif|svg|ico|webp|avif|xml|json|css|js|webmanifest)"
                        r"(?:[?#]\S*)?$", re.I)
# <link> relations that name the page itself (its address may hold its date), not a file it uses.
_PAGE_RELATIONS = frozenset({"canonical", "alternate", "shortlink", "amphtml", "prev", "next"})


def _asset_references(root: html.HtmlElement) -> list[html.HtmlElement]:
    """<link> and <meta> elements that point at the files a page uses (stylesheets, icons, manifests,
    images): a date in their address is the file's version or upload, not the page's, as an image's
    file name is."""
    head = root.find("head")
    if head is None:
        return []
    return [el for el in head.iter("link", "meta")
            if (el.tag == "link" and el.get("href")
                and not _PAGE_RELATIONS & set((el.get("rel") or "").lower().split()))
            or (el.tag == "meta" and _ASSET_URL.match((el.get("content") or "").strip()))]


MIN_DATED_LINKS = 2  # a run of links each followed by its date: a list of other pages
MAX_TAIL_DATE_CHARS = 40


def _tail_date(el: html.HtmlElement) -> bool:
    """True when `el`'s tail is a date and nothing more, past a separator ("<a>Title</a> - March 11, 2012")."""
    tail = " ".join((el.tail or "").split())
    if not tail or len(tail) > MAX_TAIL_DATE_CHARS or not any(c.isdigit() for c in tail):
        return False
    found = find_written_date(tail, month_first=True)
    return found is not None and not (tail[:found[1][0]] + tail[found[1][1]:]).strip(" ,.|:;-–—·•()[]")


def _dated_list_links(root: html.HtmlElement) -> list[html.HtmlElement]:
    """Links in a run of link-and-date items ("<a>Post one</a> - March 11, 2012<br><a>Post two</a> - Dec
    30, 2016"): each date is its link's page's, not this page's. A run is two or more such links in
    one element, or in sibling elements (a list's items). A byline's one link ("By <a>Jane</a> - March 3,
    2012") is no run, and keeps its date. Set aside with their tails (lxml moves a tail with its element)."""
    dated = [a for a in root.iter("a") if a.tail and _tail_date(a) and a.find(".//time") is None
             and not _date_link(a)]
    if len(dated) < MIN_DATED_LINKS:
        return []
    holders: dict[int, int] = {}  # id of a parent or grandparent -> dated links below it
    for a in dated:
        for holder in _run_holders(a):
            holders[id(holder)] = holders.get(id(holder), 0) + 1
    return [a for a in dated if any(holders[id(h)] >= MIN_DATED_LINKS for h in _run_holders(a))]


def _run_holders(link: html.HtmlElement) -> list[html.HtmlElement]:
    """The elements a run of dated links shares: the link's parent, and its grandparent when the parent
    is an item of a list or table (<li>, <dd>, <tr>'s cell, a <p> or <div> per item)."""
    parent = link.getparent()
    if parent is None:
        return []
    grandparent = parent.getparent()
    return [parent] if grandparent is None or len(parent) > 1 and parent.tag not in ("li", "td", "dd") \
        else [parent, grandparent]


@contextmanager
def _set_aside(elements: list[html.HtmlElement]) -> Iterator[None]:
    """Take elements out of their tree for the duration of the block, then put each back where it
    was (an element keeps its tail, so the text around it is restored exactly). Cheaper than a copy."""
    places = [(el.getparent(), el) for el in elements if el.getparent() is not None]
    # A child of an element already set aside goes with it, and is put back into it first.
    removed = []
    try:
        for parent, el in places:
            removed.append((parent, parent.index(el), el))
            parent.remove(el)
        yield
    finally:
        for parent, index, el in reversed(removed):
            parent.insert(index, el)


_HTMLDATE_LOCK = threading.Lock()


# What dateparser reads that our patterns do not, rewritten for a second try: a clock time between the
# parts ("29 Dec 15:58:00 2007"), a space before a comma ("January 9 , 2008"), a dot after the day
# before the year ("December 13. 2006"), dashes in a month-first date ("06-29-2004").
_CLOCK = re.compile(r"\b\d{1,2}:\d\d(?::\d\d)?\b")
_SPACE_COMMA = re.compile(r"\s+,")
_DAY_DOT_YEAR = re.compile(r"(?<![\d.])(\d{1,2})\.(\s+(?:19|20)\d\d)(?!\d)")
_DASHED = re.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})-((?:19|20)\d\d)(?![\d-])")


def _written_datetime(text: str, month_first: bool = False) -> dt.datetime | None:
    """A date written in `text` (day before month when the order is open, unless `month_first`), for
    htmldate's free-text search: our patterns, then the same on the text with the rewrites above."""
    found = find_written_date(text, month_first=month_first)
    if found is None:
        bare = _DASHED.sub(r"\1/\2/\3", _DAY_DOT_YEAR.sub(r"\1\2", _SPACE_COMMA.sub(",", _CLOCK.sub(" ", text))))
        found = find_written_date(bare, month_first=month_first) if bare != text else None
    return dt.datetime.fromisoformat(found[0]) if found else None


@contextmanager
def _without_dateparser(month_first: bool = False) -> Iterator[None]:
    """htmldate hands the strings its own patterns miss to dateparser, whose first use in a process
    compiles the patterns of every locale it tries (seconds per worker, a quarter of a fresh worker's
    first 400 pages). For the duration of the block our written-date reader takes its place: on the
    dev sets' pages that reach htmldate, 7 of 485 dates change and the gold dates right stay 70 of 90.
    The swap is made under a lock and undone after; without the hook (another htmldate), nothing changes."""
    import htmldate.extractors as extractors

    original = getattr(extractors, "_external_date", None)
    if original is None:
        yield
        return
    with _HTMLDATE_LOCK:
        extractors._external_date = partial(_written_datetime, month_first=month_first)
        try:
            yield
        finally:
            extractors._external_date = original


def find_date_with_htmldate(root: html.HtmlElement, url: str | None, *, month_first: bool = False) -> str | None:
    """htmldate's reading of the publication date (JSON-LD, <meta>, the text; the original date over
    an update), on the page without footers, images and links to other pages, with our reader of
    written dates in place of dateparser; on a page that writes the month first, a date htmldate read
    day first from a slash date ("11/09/2012") is read month first (_in_page_order)."""
    import htmldate

    with _set_aside(_other_dates(root)), _without_dateparser(month_first):
        try:
            found = htmldate.find_date(root, extensive_search=True, original_date=True, url=url)
        except (ValueError, TypeError):
            return None
        if found and found[5:10] == "01-01" and not writes_day(root, found[:10]):
            return None  # a year found alone (a copyright line, a year in the text), padded to 1 January
        return _in_page_order(found, root) if month_first and found else found


def writes_day(root: html.HtmlElement, iso: str) -> bool:
    """Whether the page writes the day `iso` in full, in its text (in any written form) or in an attribute
    (a <time datetime>, a <meta> content): htmldate pads a year it finds alone to its 1 January, and only a
    page that writes that day backs the reading."""
    if root.xpath("boolean(//@*[contains(., $iso)])", iso=iso):
        return True
    return any(writes_date(text, iso) for text in root.xpath("//text()[contains(., $year)]", year=iso[:4]))


def _in_page_order(found: str, root: html.HtmlElement) -> str:
    """`found` (YYYY-MM-DD) with its month and day swapped when the page writes it only as an ambiguous
    slash date read day first ("11/09/2012" for 2012-09-11): htmldate reads every slash date day first."""
    year, month, day = found[:4], found[5:7], found[8:10]
    if not (month.isdigit() and day.isdigit()) or month == day or int(day) > 12:
        return found
    text = _PAGE_TEXT(root)
    day_first = re.compile(rf"(?<![\d/])0?{int(day)}/0?{int(month)}/{year}(?!\d)")
    month_first = re.compile(rf"(?<![\d/])0?{int(month)}/0?{int(day)}/{year}(?!\d)")
    if day_first.search(text) and not month_first.search(text):
        return f"{year}-{day}-{month}"
    return found
