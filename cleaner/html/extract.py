"""HTML -> Document, top to bottom: parse once, read metadata, prune, merge chunks, extract the body,
post-filter, render text and Markdown, decide the page type."""

from __future__ import annotations

import re
from collections import Counter
from copy import deepcopy

from lxml import etree
from lxml.html import HtmlElement, document_fromstring
from trafilatura.readability_lxml import Document as ReadabilityDocument

from ..document import METADATA_FIELDS, Document
from ..language import detect
from ..limits import check
from ..metadata.from_html import read_metadata
from ..metadata.pubdate import publication_date
from ..options import Options
from ..rules.selectors import visible_rule
from .body import add_blocks, extract, extract_alone, extract_apart, is_story, named_container
from .filter import filter_body
from .merge import merge_chunks, same_kind
from .pagetype import TEXT_ENTRY, anchor_texts, article_markup, classify_page, linked_headings
from .paragraphs import drop_empty, paragraph_divs, pull_lead, stray_captions, unmark_embedded_quotes, wrap_loose_text
from .parse import ParseFailure, parse_html, show_parsed
from .presets import tuning
from .prune import prune
from .render import layout_table, to_markdown, to_text

RECALL_RETRY_BELOW_CHARS = 200  # ... and a body shorter than this, a retry in recall mode
MAIN_SHARE, RECALL_MAIN_SHARE = 0.7, 0.5  # ... or less than these shares of the main container's text
DEFICIENT_MIN_CHARS = 200  # a table-grid body this long is extracted again from readability's block
# A body holding a layout table and much more text than the main container took neighbouring cells too:
# it is extracted again from readability's block, kept when that keeps the main container's words.
OVERFLOW_MIN_MAIN = 300  # characters of main-container text, for the comparison to mean something
OVERFLOW_RATIO = 1.3  # checked 1.15 to 2.0 on all six sets: below 1.3 trafilatura-eval starts to lose
OVERFLOW_COVER = 0.9  # share of the first body's coverage of the main container's words the retry keeps
OVERFLOW_MIN_COVER = 0.5  # share of the main container's words the first body must hold to be an overflow
# The main container's own body replaces the whole-page body when the two are nearly the same size: the same
# story less the strays. Much longer, it reads the page differently (a list of links run together into prose
# lines turned an index page into an article: 1.14 times as long, on the crawl page-type set).
ALONE_SHARE, ALONE_MAX = 0.9, 1.1
RETRY_GAIN = 2.0  # the retry's body must be this much longer to be kept
# Readability's scoring weighs each candidate block's links against its text, walking the block each time:
# on a page of many nested blocks that grows with their product (a 1 MB page of one body repeated spent half
# its time there, a 10 MB one 2.5 s). A tree larger than this keeps its first body; the largest dev-set page
# has 10.5k elements.
FOCUSED_MAX_ELEMENTS = 25_000
_COUNT_ELEMENTS = etree.XPath("count(//*)")
# A page of posts: the main container and at least POSTS_MIN_KIN more blocks of its tag and class, each holding
# POST_SHARE of its text (a blog's front page: twenty span.newsbody in a layout table, CleanEval dev-27).
POST_SHARE, POSTS_MIN_KIN = 0.25, 2
# A form of at least this much text with no field to type into or choose from is a list, not a dialog (_unform).
LIST_FORM_MIN_CHARS = 500
DIALOG_INPUTS = TEXT_ENTRY | {"password", "radio"}


def _length(body: etree._Element | None) -> int:
    return 0 if body is None else len("".join(body.itertext()).strip())


def _deficient(body: etree._Element | None) -> bool:
    """A body made of layout tables or without paragraph text: the fast extraction took a page
    grid (menus, archives in its cells) rather than an article."""
    if body is None:
        return False
    tables = sum(1 for _ in body.iter("table"))
    # Paragraphs are counted only until they settle it: as many as the tables, and one at least.
    paragraphs = 0
    for p in body.iter("p"):
        if "".join(p.itertext()).strip():
            paragraphs += 1
            if paragraphs >= max(tables, 1):
                return False
    return True


def _covers(body: etree._Element, text: str) -> float:
    """Share of the words of `text` that `body` holds (as multisets)."""
    want = Counter(re.findall(r"\w+", text.lower()))
    have = Counter(re.findall(r"\w+", " ".join(body.itertext()).lower()))
    return sum((want & have).values()) / max(1, sum(want.values()))


def _among_posts(main: HtmlElement | None) -> bool:
    """The main container is one of a series of blocks of its tag and class that hold prose: a front page's
    posts, which the grid-body retries would cut down to the one readability picks."""
    cls = main.get("class") if main is not None else None
    if not cls:
        return False
    least = POST_SHARE * len(main.text_content())
    kin = same_kind(main.getroottree().getroot(), main.tag, cls)
    return sum(1 for el in kin if el is not main and len(el.text_content()) >= least) >= POSTS_MIN_KIN


def _unform(root: HtmlElement, named: HtmlElement | None) -> None:
    """Make <div>s of the forms that are no dialog, which the extractor would delete by their tag: a form
    holding the container its own body XPaths name (named_container; ASP.NET wraps whole pages in one), and
    a form of prose with nothing to type or choose in (a list of ads or results with checkboxes beside them,
    CleanEval dev-35). A form with a text field, a password, a text area, a menu or radio buttons (a poll)
    stays a form."""
    for form in (named.iterancestors("form") if named is not None else ()):
        form.tag = "div"
    for form in list(root.iter("form")):
        if len(form.text_content()) >= LIST_FORM_MIN_CHARS and not any(
                el.tag != "input" or (el.get("type") or "").lower() in DIALOG_INPUTS
                for el in form.iter("input", "textarea", "select")):
            form.tag = "div"


def _unflagged(main: HtmlElement | None) -> bool:
    """A main container that no class rule flags, nor any block around it, outside any form (a sign-up
    form's terms in a text field are a dialog's, not an article)."""
    return main is not None and not any(node.tag == "form" or (node.keys() and visible_rule(node.tag, node))
                                        for node in (main, *main.iterancestors()))


def _focused(root: HtmlElement, options: Options,
             url: str | None) -> tuple[etree._Element | None, etree._Element | None]:
    """Extract again from readability's choice of the article's block (its summary of a copy of the tree);
    (None, None) for a tree over FOCUSED_MAX_ELEMENTS."""
    if _COUNT_ELEMENTS(root) > FOCUSED_MAX_ELEMENTS:
        return None, None
    try:
        summary = ReadabilityDocument(deepcopy(root), min_text_length=25).summary()
        return extract(document_fromstring(summary), options, url)
    except Exception:  # noqa: BLE001 - readability fails on odd trees; the first body stays then
        return None, None


def clean_html(html: str, options: Options, *, url: str | None = None, encoded: bytes | None = None) -> Document:
    """Clean one HTML page. Bad HTML gives an empty Document with `empty_reason`, never an exception. `encoded`,
    when given, is html.encode("utf-8") (see parse_html)."""
    doc = Document(kind="html", url=url)
    try:
        root = parse_html(html, encoded)
    except ParseFailure as exc:
        doc.page_type, doc.empty_reason = "empty", str(exc)
        return doc
    show_parsed(root)
    check("parse")
    meta = read_metadata(root, url)
    meta.date = publication_date(root, meta, url)  # the cheapest reliable source first, htmldate last
    for name in METADATA_FIELDS:
        setattr(doc, name, getattr(meta, name))
    doc.url = meta.url or url
    check("metadata")
    teasers = linked_headings(root)
    anchors = frozenset() if article_markup(meta) else anchor_texts(root)  # classify_page reads none then
    stray_captions(root)
    pruned = prune(root, keep=frozenset({"comments"}) if options.include_comments else frozenset())
    doc.removed.extend(pruned.removals)
    check("prune")
    merge_chunks(pruned.main)
    pull_lead(pruned.main)
    drop_empty(root)
    wrap_loose_text(root)
    unmark_embedded_quotes(pruned.main)
    paragraph_divs(pruned.main)
    named = named_container(root)
    _unform(root, named)
    check("wrap")
    body, comments = extract(root, options, url)
    # The extractor keeps the container its class names point to: a story in a main container apart from it
    # joins the body, in page order, before the retries judge the body's length. Without such a container the
    # extractor gathers text from the whole page: the main container's own body replaces that when it is nearly
    # as long (the lines gathered around the story are strays: bylines, captions, footer lines).
    if body is not None and pruned.main is not None:
        if named is not None:
            apart = extract_apart(root, pruned.main, named, options, url)
            if apart is not None:
                add_blocks(body, *apart)
        elif is_story(pruned.main):
            check("extract")
            alone = extract_alone(pruned.main, options, url)
            if alone is not None and ALONE_SHARE * _length(body) <= _length(alone) <= ALONE_MAX * _length(body):
                body = alone
    # trafilatura's own test for a structurally deficient body (table cells rather than paragraphs):
    # readability's choice of block then usually holds the story (trafilatura's full comparison finds the
    # same at three times the cost). Kept only when that block is no longer a grid, else the fast body stays.
    posts = None  # _among_posts(pruned.main), read once, on the pages that reach a grid retry only
    if _deficient(body) and _length(body) >= DEFICIENT_MIN_CHARS and not (posts := _among_posts(pruned.main)):
        check("extract")
        again, again_comments = _focused(root, options, url)
        if again is not None and not _deficient(again):
            body, comments = again, again_comments
    # A page grid whose cells around the story came out with it (archives, menus, other stories). The main
    # container's text is read only for a body that holds a layout table (few pages): a data table, figures in
    # its cells, is part of a story and holds no neighbouring cells.
    has_table = body is not None and pruned.main is not None and any(map(layout_table, body.iter("table")))
    # The main container's text: read once, for this check and for the retries' bounds below; rendered (its
    # whitespace runs collapsed) only where those need it.
    limit = tuning(options).retry_below_chars
    raw_main = pruned.main.text_content() if pruned.main is not None and (has_table or limit) else ""
    main_text = " ".join(raw_main.split()) if has_table else ""
    if has_table and len(main_text) >= OVERFLOW_MIN_MAIN and _length(body) > OVERFLOW_RATIO * len(main_text) \
            and not (_among_posts(pruned.main) if posts is None else posts):
        # Only a body holding the main container took cells beside it; a body without it (a product's
        # table chosen over a main container that is one review) is a different block, not an overflow.
        covered = _covers(body, main_text)
        if covered >= OVERFLOW_MIN_COVER:
            check("extract")
            again, again_comments = _focused(root, options, url)
            if again is not None and _length(again) < _length(body) and \
                    _covers(again, main_text) >= OVERFLOW_COVER * covered:
                body, comments = again, again_comments
    # Readability's retry, one relaxation at a time: when too little came out, extract again with
    # trafilatura's fallbacks; when still less than half the main container, with trafilatura's own balance
    # (its precision focus drops a list of prose entries, a guestbook's) where the main container is this
    # module's judgement alone (no class rule flags it or a block around it); then in recall mode. Keep a
    # retry's body when it finds much more.
    # Rendering only shortens the text, so a body as long as the bounds on the raw text is long enough: a long
    # page's main container is not split into words then (0.2 s for 10 MB).
    main_chars = 0
    if limit and _length(body) < max(limit, MAIN_SHARE * len(raw_main)):
        main_chars = len(main_text if has_table else " ".join(raw_main.split()))
    low = max(min(limit, RECALL_RETRY_BELOW_CHARS), RECALL_MAIN_SHARE * main_chars)
    for relaxed, below, balanced in ((options, max(limit, MAIN_SHARE * main_chars), False), (options, low, True),
                                     (options.with_(preset="recall"), low, False)):
        if _length(body) >= below:
            break
        if balanced and not _unflagged(pruned.main):
            continue
        check("extract")
        again, again_comments = extract(root, relaxed, url, fallback=True, balanced=balanced)
        if _length(again) > RETRY_GAIN * max(_length(body), 1):
            body, comments = again, again_comments
    check("extract")
    if body is not None:
        doc.removed.extend(filter_body(body, meta.title, meta.description, tuning(options).max_rule_words,
                                       tuning(options).skip_rules))
        check("filter")
        doc.text = to_text(body)
        doc.markdown = to_markdown(body, links=options.include_links, images=options.include_images)
    if comments is not None:
        doc.comments = to_text(comments) or None
    doc.language = meta.language or detect(doc.text or meta.title or "")
    doc.page_type = classify_page(root, doc.text, meta, url, teasers, anchors)
    if not doc.text:
        doc.empty_reason = "no article body found"
        doc.markdown = None
    return doc
