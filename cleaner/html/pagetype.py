"""What kind of page this is: an article, an index (home, section, tag or listing page), a login
wall, an error page, or empty (the full list is in cleaner.document.PAGE_TYPES)."""

from __future__ import annotations

from urllib.parse import urlsplit

from lxml import html

from ..metadata.from_html import ARTICLE_TYPES, PAGE_TYPES, PageMetadata
from ..rules import lexicon
from .paragraphs import text_of

PAGE_TYPES_OUT = ("article", "index", "login", "error", "form", "empty")  # api.clean adds `redirect`
FORM_MAX_WORDS = 10  # a form page's body is a heading or a line of help at most
TEXT_ENTRY = frozenset({"text", "search", "url", "email", "tel", "number", ""})  # <input> types one types into
SHORT_BODY_WORDS = 150  # an error or login page says little
LOGIN_FORM_WORDS = 50  # a password field on a page saying less than this is the page's point
INDEX_MIN_LINKED_HEADINGS = 6  # teaser headings that link elsewhere
INDEX_MAX_BODY_WORDS = 400  # an index holds teasers, not a long text
INDEX_MAX_PROSE_SHARE = 0.3  # an index body holds little prose ...
PROSE_LINE_CHARS = 150  # ... lines at least this long
# Listing pages (forum threads, search results, browse lists): the body's lines are mostly links.
LINK_LINES_MIN = 10
LINK_LINE_SHARE = 0.3  # ... of the lines
LINK_CHAR_SHARE = 0.2  # ... and of the text (item blurbs between the links are prose)
LINK_LINE_COVER = 0.5  # a line is a link line when link texts cover this share of it
# A home page is an index unless it reads like one text (a personal page's biography).
HOME_ARTICLE_MIN_WORDS = 100
HOME_ARTICLE_PROSE = 0.7
HOME_ARTICLE_LINK_LINES = 0.2
STREAM_MIN_ARTICLES = 3  # a long home page holding several <article>s is a stream of posts
LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage"})


# classify_page compares a page's word count with thresholds up to this: counting on would only split a long
# story's every word (a quarter of a second on a 10 MB page).
_WORD_COUNT_CAP = 2 * INDEX_MAX_BODY_WORDS


def _words(text: str) -> int:
    """The words of `text`, up to _WORD_COUNT_CAP + 1 (every count above the cap reads as that)."""
    return len(text.split(None, _WORD_COUNT_CAP))


def linked_headings(root: html.HtmlElement) -> int:
    """Headings that are, or hold, a link: teaser cards on an index page."""
    count = 0
    for heading in root.iter("h2", "h3", "h4"):  # one walk of the tree, not one a level
        parent = heading.getparent()
        if parent is not None and parent.tag == "a" or next(heading.iter("a"), None) is not None:
            count += 1
    return count


def anchor_texts(root: html.HtmlElement) -> frozenset[str]:
    """The texts of the page's links (three characters or more), read before pruning."""
    texts = (" ".join(text_of(a).split()) for a in root.iter("a"))
    return frozenset(text for text in texts if len(text) >= 3)


def link_lines(text: str, anchors: frozenset[str]) -> tuple[int, float, float]:
    """(link lines, their share of the lines, their share of the characters) of a body text.

    A line is a link line when link texts cover most of it, whole or cell by cell (tables render
    as cells joined by " | "): the rows of a listing, not prose."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines or not anchors:
        return 0, 0.0, 0.0
    count = chars = 0
    for line in lines:
        covered = len(line) if line in anchors else sum(
            len(cell) for cell in line.split(" | ") if cell.strip() in anchors)
        if covered >= LINK_LINE_COVER * len(line):
            count += 1
            chars += len(line)
    return count, count / len(lines), chars / sum(len(line) for line in lines)


def _says(name: str, text: str) -> bool:
    """`text`, a short page's text, matches the phrase list `name` (lines joined: a notice may be
    wrapped over several lines)."""
    return lexicon.phrases(name).search(" ".join(text.split())) is not None


def _form_fields(root: html.HtmlElement) -> int:
    """Fields to fill in of the page's largest form (a search box has one)."""
    best = 0
    for form in root.iter("form"):
        fields = sum(1 for el in form.iter("input", "textarea")
                     if el.tag == "textarea" or (el.get("type") or "").lower() in TEXT_ENTRY)
        best = max(best, fields)
    return best


def classify_page(root: html.HtmlElement, body_text: str, meta: PageMetadata, url: str | None, teasers: int,
                  anchors: frozenset[str] = frozenset()) -> str:
    """One of PAGE_TYPES_OUT. `root` is the page (pruned); `teasers` (linked headings, see
    linked_headings) and `anchors` (see anchor_texts) are read before pruning.

    Error, login and index pages often yield no article body at all, so they are checked on the
    page's own text before a page is called empty. A short page whose one message says the page
    is missing or behind a login is an error or login page, whatever its template says around it.
    """
    page_body = root.find("body")
    page_text = body_text or (page_body.text_content() if page_body is not None else "")
    words = _words(page_text)
    heading_text = " ".join([meta.title or ""] + [" ".join(h.text_content().split()) for h in root.iter("h1")][:2])
    title_el = root.find(".//title")
    if title_el is not None:
        heading_text += " " + " ".join(title_el.text_content().split())
    if words < SHORT_BODY_WORDS and (lexicon.phrases("html_error_phrases").search(heading_text)
                                     or _says("error_messages", page_text)):
        return "error"
    has_password = any((el.get("type") or "").lower() == "password" for el in root.iter("input"))
    if words < SHORT_BODY_WORDS and (lexicon.phrases("html_login_phrases").search(heading_text)
                                     or _says("login_messages", page_text)) or (
            has_password and words < LOGIN_FORM_WORDS):
        return "login"
    address = urlsplit(meta.url or url or "")
    home = (meta.url or url) is not None and address.path.strip("/") == "" and not address.query
    listing = bool(meta.json_ld_types & LISTING_TYPES)
    if not body_text.strip() and (home or listing or teasers >= INDEX_MIN_LINKED_HEADINGS):
        return "index"
    # Next to nothing to read but fields to fill in: a search or settings form (a short article
    # with a comment or newsletter form says more, so it stays an article).
    words = words if body_text else 0  # page_text is body_text when there is one: counted once
    if words < FORM_MAX_WORDS and _form_fields(root):
        return "form"
    if not body_text.strip():
        return "empty"
    if article_markup(meta):
        return "article"
    prose = prose_share(body_text)
    linked, line_share, char_share = link_lines(body_text, anchors)
    if home and (words < HOME_ARTICLE_MIN_WORDS or prose < HOME_ARTICLE_PROSE
                 or line_share >= HOME_ARTICLE_LINK_LINES) and words < 2 * INDEX_MAX_BODY_WORDS:
        return "index"
    if home and words >= 2 * INDEX_MAX_BODY_WORDS and sum(1 for _ in root.iter("article")) >= STREAM_MIN_ARTICLES:
        return "index"
    if listing and words < 2 * INDEX_MAX_BODY_WORDS:
        return "index"
    if linked >= LINK_LINES_MIN and line_share >= LINK_LINE_SHARE and (
            char_share >= LINK_CHAR_SHARE):
        return "index"
    # Many teaser headings are not enough (article pages have link-heavy sidebars): the body itself
    # must read like teasers, short blurbs rather than prose paragraphs.
    if teasers >= INDEX_MIN_LINKED_HEADINGS and prose < INDEX_MAX_PROSE_SHARE:
        return "index"
    return "article"


def article_markup(meta: PageMetadata) -> bool:
    """The page's markup calls it an article (JSON-LD or Open Graph): classify_page then reads no link texts."""
    return bool(meta.json_ld_types & (ARTICLE_TYPES - PAGE_TYPES)) or (meta.og_type or "") == "article"


def prose_share(text: str) -> float:
    """Share of the text in lines long enough to be prose paragraphs."""
    lines = [line.strip() for line in text.split("\n")]
    total = sum(len(line) for line in lines) or 1
    return sum(len(line) for line in lines if len(line) >= PROSE_LINE_CHARS) / total
