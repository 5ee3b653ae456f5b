"""What kind of page this is: an article, an index (home, section, tag page), a login wall,
an error page, or empty."""

from __future__ import annotations

from urllib.parse import urlsplit

from lxml import html

from ..metadata.from_html import ARTICLE_TYPES, PAGE_TYPES, PageMetadata
from ..rules import lexicon

PAGE_TYPES_OUT = ("article", "index", "login", "error", "empty")
SHORT_BODY_WORDS = 150  # an error or login page says little
LOGIN_FORM_WORDS = 50  # a password field on a page saying less than this is the page's point
INDEX_MIN_LINKED_HEADINGS = 6  # teaser headings that link elsewhere
INDEX_MAX_BODY_WORDS = 400  # an index holds teasers, not a long text
INDEX_MAX_PROSE_SHARE = 0.3  # an index body holds little prose ...
PROSE_LINE_CHARS = 150  # ... lines at least this long
LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage"})


def _words(text: str) -> int:
    return len(text.split())


def linked_headings(root: html.HtmlElement) -> int:
    """Headings that are, or hold, a link: teaser cards on an index page."""
    count = 0
    for level in ("h2", "h3", "h4"):
        for heading in root.iter(level):
            if heading.find(".//a") is not None or heading.getparent() is not None and heading.getparent().tag == "a":
                count += 1
    return count


def classify_page(root: html.HtmlElement, body_text: str, meta: PageMetadata, url: str | None, teasers: int) -> str:
    """One of PAGE_TYPES_OUT. `root` is the page (pruned); `teasers` (linked headings, see
    linked_headings) is counted before pruning.

    Error, login and index pages often yield no article body at all, so they are checked on the
    page's own text before a page is called empty.
    """
    page_body = root.find("body")
    page_text = body_text or (page_body.text_content() if page_body is not None else "")
    words = _words(page_text)
    heading_text = " ".join([meta.title or ""] + [" ".join(h.text_content().split()) for h in root.iter("h1")][:2])
    title_el = root.find(".//title")
    if title_el is not None:
        heading_text += " " + " ".join(title_el.text_content().split())
    if words < SHORT_BODY_WORDS and lexicon.phrases("html_error_phrases").search(heading_text):
        return "error"
    has_password = any((el.get("type") or "").lower() == "password" for el in root.iter("input"))
    if words < SHORT_BODY_WORDS and lexicon.phrases("html_login_phrases").search(heading_text) or (
            has_password and words < LOGIN_FORM_WORDS):
        return "login"
    address = urlsplit(meta.url or url or "")
    home = (meta.url or url) is not None and address.path.strip("/") == "" and not address.query
    listing = bool(meta.json_ld_types & LISTING_TYPES)
    if not body_text.strip():
        return "index" if home or listing or teasers >= INDEX_MIN_LINKED_HEADINGS else "empty"
    words = _words(body_text)
    is_article_markup = bool(meta.json_ld_types & (ARTICLE_TYPES - PAGE_TYPES)) or (meta.og_type or "") == "article"
    if is_article_markup:
        return "article"
    if (home or listing) and words < 2 * INDEX_MAX_BODY_WORDS:
        return "index"
    # Many teaser headings are not enough (article pages have link-heavy sidebars): the body itself
    # must read like teasers, short blurbs rather than prose paragraphs.
    if teasers >= INDEX_MIN_LINKED_HEADINGS and prose_share(body_text) < INDEX_MAX_PROSE_SHARE:
        return "index"
    return "article"


def prose_share(text: str) -> float:
    """Share of the text in lines long enough to be prose paragraphs."""
    lines = [line.strip() for line in text.split("\n")]
    total = sum(len(line) for line in lines) or 1
    return sum(len(line) for line in lines if len(line) >= PROSE_LINE_CHARS) / total
