"""Extract the article body from the pruned tree with trafilatura's extractor, as block XML."""

from __future__ import annotations

import re
from copy import deepcopy

import trafilatura
from lxml import etree, html
from trafilatura.xpaths import BODY_XPATH

from ..options import Options
from .presets import tuning

# The extractor keeps the one container its class and id names point to (BODY_XPATH). When that container
# lies apart from the main container (neither holds the other) and the main container reads as a story, the
# main container's blocks join the body: a story beside a block named like an article (a teaser's <article>,
# a page-title module, a box of an "entry" class) is lost otherwise. When no container is named so, the
# extractor gathers text from the whole page; the main container's own body then replaces it when it keeps
# nearly as much text.
APART_TAGS = frozenset({"article", "div", "main", "section"})  # the tags the first body XPath takes
APART_MIN_CHARS = 500
APART_LINK_SHARE = 0.2
APART_MIN_SENTENCES = 3
_SENTENCE_END = re.compile(r"\w[.!?](?:\s|$)")


def extract(root: html.HtmlElement, options: Options, url: str | None, *,
            fallback: bool = False, balanced: bool = False) -> tuple[etree._Element | None, etree._Element | None]:
    """(body XML, comments XML); comments only when `options.include_comments`. `balanced`: with trafilatura's
    default balance of precision and recall, whatever the preset's."""
    # Any output format but "python" (the default) skips the plain-text rendering of the body and comments
    # (trafilatura's xmltotxt), which nothing here reads; the extraction is the same for every format.
    result = trafilatura.bare_extraction(
        root, url=url, with_metadata=False, fast=not fallback, include_comments=options.include_comments,
        output_format="xml",
        include_tables=options.include_tables, include_links=options.include_links,
        include_images=options.include_images, include_formatting=False,
        favor_precision=tuning(options).favor_precision and not balanced,
        favor_recall=tuning(options).favor_recall and not balanced,
    )
    if result is None or result.body is None:
        return None, None
    comments = result.commentsbody if options.include_comments else None
    if comments is not None and len(comments):
        blocks_only(comments)
    return blocks_only(result.body), comments if comments is not None and len(comments) else None


def blocks_only(body: etree._Element) -> etree._Element:
    """Put text lying loose between the extracted blocks into <p> blocks, so every later step
    (filters, renderers) sees blocks only."""
    if body.text and body.text.strip():
        lead = etree.Element("p")
        lead.text = body.text.strip()
        body.insert(0, lead)
    body.text = None
    for block in list(body):
        if block.tail and block.tail.strip():
            loose = etree.Element("p")
            loose.text = block.tail.strip()
            block.addnext(loose)
        block.tail = None
    return body


def is_story(main: html.HtmlElement) -> bool:
    """Long prose: APART_MIN_CHARS of text, little of it link text, several sentences."""
    text = " ".join(main.text_content().split())
    if len(text) < APART_MIN_CHARS or len(_SENTENCE_END.findall(text)) < APART_MIN_SENTENCES:
        return False
    return sum(len(" ".join(a.text_content().split())) for a in main.iter("a")) <= APART_LINK_SHARE * len(text)


def named_container(root: html.HtmlElement) -> html.HtmlElement | None:
    """The container the extractor's body XPaths (trafilatura.xpaths.BODY_XPATH) pick first: a class or id
    naming an article's content; None when none is named so, and the extractor gathers text from the whole
    page. The same answer as evaluating them, from one walk over the candidate tags: their re:test calls back
    into Python for every element (1.6 ms a page, against 0.3), and pages repeat their class names."""
    body = root.find("body")
    if body is None:
        return None
    if _NAMED_TESTS is None:  # a trafilatura whose expressions are not the ones copied here: ask them
        return next((found for expr in BODY_XPATH for found in expr(body) if found is not None), None)
    seen = _NAMED_SEEN
    if len(seen) > NAMED_SEEN_MAX:
        seen.clear()
    first: list[html.HtmlElement | None] = [None] * len(_NAMED_TESTS)
    for el in body.iter(APART_TAGS):
        if el is body:
            continue
        get = el.get  # the element answers .get itself: el.attrib would build a mapping for each element
        key = (el.tag, get("class"), get("id"), get("itemprop"), get("role"))
        matches = seen.get(key)
        if matches is None:
            matches = seen[key] = sum(1 << i for i, test in enumerate(_NAMED_TESTS) if test(*key))
        if not matches:
            continue
        if matches & 1:  # the first expression's first container: nothing else is asked
            return el
        for i in range(1, len(first)):
            if matches >> i & 1 and first[i] is None:
                first[i] = el
    return next((el for el in first if el is not None), None)


def _named_tests() -> tuple | None:
    """BODY_XPATH's five expressions, in order, as tests of (tag, class, id, itemprop, role); None when
    trafilatura's token lists are not where they were (tests/test_html_extract checks the copy)."""
    from trafilatura import xpaths

    if len(BODY_XPATH) != 5 or not all(hasattr(xpaths, name) for name in (
            "_alt", "_ARTICLE_CONTENT_ID_TOKENS", "_ARTICLE_CONTENT_CLASS_TOKENS", "_STORY_ID_TOKENS",
            "_STORY_CLASS_TOKENS", "_MAIN_CONTENT_ID_TOKENS", "_MAIN_CONTENT_CLASS_TOKENS")):
        return None

    def pattern(tokens: tuple[str, ...]) -> re.Pattern:
        return re.compile(xpaths._alt(tokens))

    content_id = pattern(xpaths._ARTICLE_CONTENT_ID_TOKENS)
    content_class = pattern(xpaths._ARTICLE_CONTENT_CLASS_TOKENS)
    story_id, story_class = pattern(xpaths._STORY_ID_TOKENS), pattern(xpaths._STORY_CLASS_TOKENS)
    main_id, main_class = pattern(xpaths._MAIN_CONTENT_ID_TOKENS), pattern(xpaths._MAIN_CONTENT_CLASS_TOKENS)
    fulltext = re.compile("fulltext", re.I)

    def article_content(tag: str, cls: str | None, ident: str | None, prop: str | None, role: str | None) -> bool:
        return (cls in ("post", "entry") or prop == "articleBody" or ident == "articleContent"
                or bool(ident and content_id.search(ident)) or bool(cls and content_class.search(cls)))

    def story(tag: str, cls: str | None, ident: str | None, prop: str | None, role: str | None) -> bool:
        return (role == "article" or ident in ("article", "story")
                or cls in ("postarea", "art-postcontent", "text", "cell", "story")
                or bool(ident and story_id.search(ident))
                or bool(cls and (fulltext.search(cls) or story_class.search(cls))))

    def main_content(tag: str, cls: str | None, ident: str | None, prop: str | None, role: str | None) -> bool:
        ident_l = (ident or "").replace("C", "c").replace("M", "m")
        return (ident == "content" or cls == "content" or bool(ident and main_id.search(ident))
                or bool(cls and main_class.search(cls)) or "main-content" in ident_l
                or "main-content" in (cls or "").replace("C", "c").replace("M", "m")
                or "page-content" in (cls or "").replace("C", "c").replace("P", "p"))

    def main(tag: str, cls: str | None, ident: str | None, prop: str | None, role: str | None) -> bool:
        return tag == "main" or any((value or "").startswith("main") for value in (cls, ident, role))

    def article(tag: str, *_: str | None) -> bool:
        return tag == "article"

    return (article_content, article, story, main_content, main)


_NAMED_TESTS = _named_tests()
# The tests' answers by (tag, class, id, itemprop, role), kept across pages: a site's pages share their
# templates, and pages of any site share most keys (a bare <div>, "container", "row").
_NAMED_SEEN: dict[tuple, int] = {}
NAMED_SEEN_MAX = 10_000


def extract_alone(main: html.HtmlElement, options: Options, url: str | None) -> etree._Element | None:
    """The main container's body, extracted from a page holding a copy of it alone, marked as the article's
    body (the extractor's first choice of container). A main container of another tag (a table cell, a <font>
    wrapping an old page's story) goes in as a <div>: the mark is read on the tags the body XPaths take."""
    page = html.Element("html")
    copy = deepcopy(main)
    copy.tail = None
    if copy.tag not in APART_TAGS:
        copy.tag = "div"
    copy.set("itemprop", "articleBody")
    etree.SubElement(page, "body").append(copy)
    return extract(page, options, url)[0]


def extract_apart(root: html.HtmlElement, main: html.HtmlElement, named: html.HtmlElement, options: Options,
                  url: str | None) -> tuple[etree._Element, bool] | None:
    """The main container's body when the extractor's container `named` lies apart from it (neither holds the
    other) and it is a story, and whether it comes first in the page; else None. The extractor is pointed at
    the main container by marking it as the article's body and unmarking the containers named like one
    before it; the marks are put back after."""
    body = root.find("body")
    if body is None or main.tag not in APART_TAGS or named is main:
        return None
    ancestors = set(main.iterancestors())
    if named in ancestors or main in set(named.iterancestors()) or not is_story(main):
        return None
    saved = [(main, dict(main.attrib))]
    for node in BODY_XPATH[0](body):
        if node is main or node in ancestors:
            break
        saved.append((node, dict(node.attrib)))
        for name in ("class", "id", "itemprop"):
            node.attrib.pop(name, None)
    main.set("itemprop", "articleBody")
    try:
        found = extract(root, options, url)[0]
    finally:
        for node, attrib in saved:
            node.attrib.clear()
            node.attrib.update(attrib)
    if found is None:
        return None
    return found, _precedes(main, named)


def _precedes(el: html.HtmlElement, other: html.HtmlElement) -> bool:
    """Whether `el` comes before `other` in the page (neither holds the other)."""
    above = set(other.iterancestors())
    while el.getparent() not in above:
        el = el.getparent()
    while other.getparent() is not el.getparent():
        other = other.getparent()
    parent = el.getparent()
    return parent.index(el) < parent.index(other)


def add_blocks(body: etree._Element, extra: etree._Element, first: bool) -> int:
    """Put the blocks of `extra` that `body` lacks (by text) before or after its blocks; return how many."""
    have = {" ".join("".join(block.itertext()).split()) for block in body}
    new = [block for block in extra if " ".join("".join(block.itertext()).split()) not in have]
    for number, block in enumerate(new):
        if first:
            body.insert(number, block)
        else:
            body.append(block)
    return len(new)
