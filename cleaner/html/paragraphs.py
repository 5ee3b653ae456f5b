"""Normalise the main body before extraction so the extractor sees it as text.

Empty elements followed by text ("text<p></p>text") become line breaks or go, as the extractor's
precision mode deletes them with that text. Loose text gets its own paragraphs: a lead written straight
into a <div>, between block children, is otherwise judged as layout and dropped by extractors in
precision mode. <div>s of inline prose in the main container become <p>. Quotes embedded in the
body (quoted posts from social networks) lose the class names that make extractors drop them as
widgets."""

from __future__ import annotations

import math

from lxml import etree, html

from ..limits import check

# Inline elements travel with the loose text around them into the new paragraph.
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "font", "i",
                    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
                    "wbr", "del", "ins"})
# A list item counts as one: broken markup (<li>s without a list, closed by the next <p>) puts paragraphs inside.
CONTAINERS = frozenset({"div", "section", "article", "main", "td", "body", "center", "li"})
# Old pages wrap paragraphs in inline elements that hold blocks too (<font> around a story's <p>s, <span
# class=body> around text and <br>s and <div>s): the text before or between those blocks is a paragraph as well,
# which readability's choice of block (the retry on page grids) drops when left loose inside an inline element.
# There link text is not counted: a list of headlines (<span><a>title</a><div>..</div></span>) is no paragraph.
INLINE_WRAPPERS = frozenset({"font", "span", "b", "big", "strong", "em", "i", "small"})
MIN_LOOSE_CHARS = 30  # shorter loose text is a label or separator, not a paragraph
DIV_PARAGRAPH_MIN_CHARS = 100  # a <div> of inline content this long is prose (captions, credits are shorter)
SHORT_KIN_MIN_CHARS = 1  # a shorter <div> styled as the story's paragraphs is one too, unless a caption
LINKED_SHARE = 0.5  # ... unless more than this share of it is link text (a teaser)
LEAD_MIN_CHARS = 80  # a standfirst beside the headline is a sentence or two; bylines and dates are shorter
LEAD_LINK_SHARE = 0.3
LEAD_HEADINGS = ("h1", "h2", "h3")  # the headline a lead follows (news modules write it as an <h3>)
LEAD_MAX_OUTER = 1  # paragraphs of a lead found beside a wrapper of the main container (more: a story)
LEAD_LEVELS = 3  # wrappers of the main container whose earlier siblings are searched for the lead
PICTURES = ("img", "picture", "figure", "video", "iframe")
SUBHEAD_MIN_REPEATS = 2  # subheads written as <div>s of one class: a story has several
SUBHEAD_MIN_CHARS = 3
BUDGET_CHECK_ELEMENTS = 1000  # containers looked at between two checks of the time budget


def text_of(el: html.HtmlElement) -> str:
    """el.text_content(), without its XPath evaluation: a childless element's .text (most links and inline
    elements), else its pieces joined (comments and processing instructions left out alike)."""
    return (el.text or "") if not len(el) else "".join(el.itertext())


def _holds_block(el: html.HtmlElement) -> bool:
    """Whether `el` has a child element that is not INLINE (a block: <p>, <div>, a list...)."""
    return any(isinstance(c.tag, str) and c.tag not in INLINE for c in el)


def _loose_text(el: html.HtmlElement, enough: int, links: bool = True) -> bool:
    """Whether `el` holds `enough` characters of loose text (its own, tails, inline children's, links' unless
    `links` is false), counted until there are that many."""
    total = len((el.text or "").strip())
    for c in el:
        if total >= enough:
            return True
        tag = c.tag
        if isinstance(tag, str):
            total += len((c.tail or "").strip())
            if tag in INLINE and (links or tag != "a"):
                total += len(text_of(c).strip())
    return total >= enough


def wrap_loose_text(root: html.HtmlElement) -> int:
    """Wrap runs of loose text and inline elements in containers (and INLINE_WRAPPERS) that also hold blocks
    into <p>; return how many paragraphs were made."""
    body = root.find("body")
    if body is None:
        return 0
    made = 0
    # Only containers with a block child: one without is itself a paragraph for the extractor. Listed before
    # any is changed; a plain loop, as most of the inline wrappers hold no child or inline ones only.
    holders = []
    for el in body.iter(*CONTAINERS, *INLINE_WRAPPERS):
        for child in el:
            tag = child.tag  # read once: lxml builds the string on each read
            if tag not in INLINE and isinstance(tag, str):
                holders.append(el)
                break
    for number, el in enumerate(holders):
        if number % BUDGET_CHECK_ELEMENTS == 0:
            check("wrap")
        if not _loose_text(el, MIN_LOOSE_CHARS, el.tag not in INLINE_WRAPPERS):
            continue
        made += _wrap_runs(el)
    return made


def _wrap_runs(el: html.HtmlElement) -> int:
    made = 0
    run: list[html.HtmlElement] = []
    lead = el.text
    el.text = None
    anchor: html.HtmlElement | None = None  # the block the run follows, None for the start

    def flush(text: str | None) -> None:
        nonlocal made
        if not run and not (text or "").strip():
            if text and anchor is not None:
                anchor.tail = (anchor.tail or "") + text
            elif text:
                el.text = (el.text or "") + text
            return
        para = html.Element("p")
        para.text = text
        if anchor is None:
            el.insert(0, para)
        else:
            anchor.addnext(para)
        for node in run:
            para.append(node)  # moves the node, tail included
        made += 1

    pending = lead
    for child in list(el):
        if isinstance(child.tag, str) and child.tag in INLINE or not isinstance(child.tag, str):
            run.append(child)
            continue
        tail = child.tail
        child.tail = None
        flush(pending)
        run = []
        anchor = child
        pending = tail
    flush(pending)
    return made


def _detach(el: html.HtmlElement) -> None:
    """Take `el` out of its parent, leaving its tail text where it was."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
        el.tail = None
    parent.remove(el)


def _same_kind(el: html.HtmlElement, other: html.HtmlElement) -> bool:
    return el.tag == other.tag and el.get("class") == other.get("class")


_HEADLINE_ABOVE = etree.XPath("preceding::*[self::h1 or @itemprop='headline'][1]")


def pull_lead(main: html.HtmlElement | None) -> int:
    """Move a standfirst written under the headline, before the main container and in the same parent (an
    article's header: "<header><h1>..</h1><p>lead</p></header><div class=body>") or beside one of its first
    LEAD_LEVELS wrappers (a row, a column), to the start of the main container, so the extractor, which keeps
    that container only, keeps it; return how many paragraphs moved. A lead is a paragraph after an h1-h3
    there, or in the block just before, under a headline above it; LEAD_MIN_CHARS long, mostly not link text,
    not a caption; beside a wrapper, a single one."""
    if main is None:
        return 0
    leads: list[html.HtmlElement] = []
    child = main
    # The header may sit beside the main container or beside one of its wrappers (a row, a column).
    # A wrapper around the wrapper only (a grid's container, row and column) is not a level, unless the main
    # container is an item of a list (a comment under the story): its wrappers are the list's, not a header's.
    levels, item = 0, main.tag == "li"
    # The headline may stand above the header's block (in a banner) or be no heading (a <div itemprop=headline>).
    above: list[html.HtmlElement | None] = []  # found when first needed: the XPath walks the page before main
    while levels < LEAD_LEVELS:
        parent = child.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        item = item or parent.tag == "li"
        if len(parent) == 1 and not item:
            child = parent
            continue
        levels += 1
        headline = False
        found: list[html.HtmlElement] = []
        # Under a headline above, the block just before the container (or wrapper) may be its lead.
        nearest = next((el for el in child.itersiblings(preceding=True) if isinstance(el.tag, str)), None)
        # Beside a wrapper, several of its kind before it are the posts of a list (a home page's), not a header.
        posts = child is not main and sum(_same_kind(el, child) for el in child.itersiblings(preceding=True)) > 1
        for sibling in parent:
            if sibling is child:
                break
            if not isinstance(sibling.tag, str):
                continue
            if posts and _same_kind(sibling, child):
                continue
            if sibling is nearest and not headline and next(sibling.iter("p"), None) is not None:
                if not above:
                    above.append(next(iter(_HEADLINE_ABOVE(main)), None))
                # A headline inside the wrapper comes after this block: the block is above the story (a bio).
                headline = above[0] is not None and child not in set(above[0].iterancestors())
            # In the block just before, a lead may be written as a <div> of inline content (an "intro" block).
            for el in sibling.iter(*LEAD_HEADINGS, "p", "div") if sibling is nearest else \
                    sibling.iter(*LEAD_HEADINGS, "p"):
                if el.tag == "div":
                    if headline and not _holds_block(el) and _lead(el, sibling):
                        found.append(el)
                elif el.tag != "p":
                    headline = True
                elif headline and _lead(el, sibling):
                    found.append(el)
        # Beside a wrapper, a standfirst is a single paragraph (LEAD_MAX_OUTER); more is a story of its own (a
        # post before the one the main container holds), which stays where it is.
        if found and (child is main or len(found) <= LEAD_MAX_OUTER):
            leads = found
        if found:
            break
        child = parent
    for el in reversed(leads):
        _detach(el)
        el.tag = "p"  # a <div> lead too: the extractor reads a short <div> as layout
        main.insert(0, el)
    return len(leads)


def _lead(el: html.HtmlElement, top: html.HtmlElement) -> bool:
    size = len(" ".join(el.text_content().split()))
    if size < LEAD_MIN_CHARS or sum(len(a.text_content()) for a in el.iter("a")) > LEAD_LINK_SHARE * size:
        return False
    node = el.getparent()
    while node is not None and node is not top.getparent():
        if node.tag in ("figure", "figcaption", "blockquote", "a"):
            return False
        node = node.getparent()
    # A caption written as a paragraph under its picture: the nearest element before it, at any level up to
    # the header, is the picture or holds it.
    node = el
    while node is not None and node is not top.getparent():
        if node.getprevious() is not None:
            return not _after_picture(node)
        node = node.getparent()
    return True


def _after_picture(el: html.HtmlElement) -> bool:
    """Whether the element just before `el` is a picture or holds one (`el` may be its caption)."""
    previous = el.getprevious()
    return previous is not None and (previous.tag in PICTURES or next(previous.iter(*PICTURES), None) is not None)


def stray_captions(root: html.HtmlElement) -> int:
    """Make <caption>s outside any table into <p>: browsers ignore such a tag and show its text as prose
    (a slide's text written as "<p><caption>text</caption></p>"), while the extractor, reading a table part,
    drops it. Return how many."""
    made = 0
    for el in root.iter("caption"):
        if next(el.iterancestors("table"), None) is None:
            el.tag = "p"
            made += 1
    return made


def unmark_embedded_quotes(main: html.HtmlElement | None) -> int:
    """Drop class and id from <blockquote>s inside the main container and their wrappers up to it, and from
    the story's first paragraph when it is prose: a standfirst classed as a teaser ("<p class=article-teaser>"),
    which the extractor's precision rules drop as one."""
    if main is None:
        return 0
    first = next((el for el in main.iter("p") if (el.text or "").strip() or len(el)), None)
    if first is not None and (first.get("class") or first.get("id")) and _lead(first, main):
        first.attrib.pop("class", None)
        first.attrib.pop("id", None)
    count = 0
    for quote in main.iter("blockquote"):
        if len(" ".join(quote.text_content().split())) < MIN_LOOSE_CHARS:
            continue
        node: html.HtmlElement | None = quote
        while node is not None and node is not main:
            node.attrib.pop("class", None)
            node.attrib.pop("id", None)
            node = node.getparent()
        count += 1
    return count


def _prose_div(el: html.HtmlElement, min_chars: int, kin_from: float = math.inf) -> bool:
    """A <div> of inline content only, this long, mostly not link text, not a caption under a picture nor a
    card (linked title, line break, blurb). A div of `kin_from` characters or more is kin to the story's
    paragraphs (it shares their class or style): one after a picture is the next paragraph, not a caption."""
    if _holds_block(el):
        return False
    size = len(" ".join(el.text_content().split()))
    if size < min_chars or sum(len(a.text_content()) for a in el.iter("a")) > LINKED_SHARE * size:
        return False
    if not (el.text or "").strip() and len(el) > 1 and el[1].tag == "br" and next(el[0].iter("a"), None) is not None:
        return False  # a card: a linked title, a line break, its blurb
    return size >= kin_from or not _after_picture(el)


def paragraph_divs(main: html.HtmlElement | None) -> int:
    """Make <div>s inside the main container that hold only inline content and prose into <p>, and the
    <div>s elsewhere that share their class (a story split into two containers); return how many.
    Editors write paragraphs as <div>s; extractors read <div>s as text only on pages without enough
    <p> text, so the loose text wrapped into <p> elsewhere on the page would otherwise cost the whole story."""
    if main is None:
        return 0
    made = [el for el in main.iter("div") if el is not main and _prose_div(el, DIV_PARAGRAPH_MIN_CHARS)]
    # The main container's sibling prose divs are the story's too: a lead written before the body's own
    # container, in the same parent ("<div>Lead</div><div class=body>...</div>").
    parent = main.getparent()
    if parent is not None and parent.tag not in ("body", "html"):
        made += [el for el in parent if el is not main and el.tag == "div" and _prose_div(el, DIV_PARAGRAPH_MIN_CHARS)]
    classes = {el.get("class") for el in made if el.get("class")}
    # A <div> after a picture in the main container that is written like the story's paragraphs (the same
    # inline style, no class) is the next paragraph, not a caption. The story's <p>s set the style too (none
    # is a style): a short line written as a <div> of that style between them ("<div style=S>Cold sores!</div>"
    # among "<p style=S>" paragraphs, a step of a how-to, a subhead) is a line of the story, which the
    # extractor drops as layout.
    styles = {el.get("style", "") for el in made if not el.get("class")}
    for el in main.iter("p"):  # a style once found is not measured again: paragraphs share one
        style = el.get("style", "")
        if style not in styles and not el.get("class") and \
                len(" ".join(el.text_content().split())) >= DIV_PARAGRAPH_MIN_CHARS:
            styles.add(style)
    if styles:
        chosen = set(made)
        made += [el for el in main.iter("div") if el not in chosen and el is not main and not el.get("class")
                 and el.get("style", "") in styles
                 and _prose_div(el, SHORT_KIN_MIN_CHARS, kin_from=DIV_PARAGRAPH_MIN_CHARS)]
    made += _subheads(main, set(made))
    for el in made:
        el.tag = "p"
    body = next(main.iterancestors("body"), None)
    if classes and body is not None:
        kin = [el for el in body.iter("div")
               if el.get("class") in classes and _prose_div(el, MIN_LOOSE_CHARS, kin_from=0)]
        for el in kin:
            el.tag = "p"
        return len(made) + len(kin)
    return len(made)


def _subheads(main: html.HtmlElement, chosen: set) -> list[html.HtmlElement]:
    """Short <div>s of one class in the main container, each just before a story paragraph, with texts that
    differ: the story's subheads ("<div class=ch1>Editorial in ...</div><p>..."), which the extractor drops
    as layout. Repeated labels (the same text each time) and lone lines (a caption, a byline) stay."""
    by_class: dict[str, list[tuple[html.HtmlElement, html.HtmlElement]]] = {}
    for p in main.iter("p"):
        previous = p.getprevious()
        if previous is not None and previous.tag == "p" and not len(previous) and \
                not (previous.text or "").strip():  # an empty <p> the parser closed before the <div>
            previous = previous.getprevious()
        if previous is None or previous.tag != "div" or previous in chosen or not previous.get("class"):
            continue
        by_class.setdefault(previous.get("class"), []).append((previous, p))
    found = []
    for pairs in by_class.values():
        if len(pairs) < SUBHEAD_MIN_REPEATS:
            continue
        texts = [" ".join(el.text_content().split()) for el, _ in pairs]
        if len(set(texts)) < len(texts) or \
                not all(SUBHEAD_MIN_CHARS <= len(t) < DIV_PARAGRAPH_MIN_CHARS for t in texts):
            continue
        # Subheads link nowhere and each opens a paragraph of prose (a post's footer line, "Posted by ... |
        # Comments (5)", links to its comments and comes before the next post's title).
        if all(not _holds_block(el) and next(el.iter("a"), None) is None
               and len(" ".join(p.text_content().split())) >= MIN_LOOSE_CHARS for el, p in pairs):
            found += [el for el, _ in pairs]
    return found


# Elements the extractor deletes when empty, in precision mode with their tail text ("<span></span>Text").
EMPTY_CUT = ("article", "b", "blockquote", "dd", "div", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "li",
             "main", "p", "pre", "q", "section", "span", "strong")


def drop_empty(root: html.HtmlElement) -> int:
    """Empty elements (no text, no children) followed by text: a block becomes a <br>, which keeps the break
    it made ("text<p></p>text" is two paragraphs), an inline one goes; the text stays. Return how many."""
    body = root.find("body")
    if body is None:
        return 0
    doomed = [el for el in body.iter(*EMPTY_CUT) if el.text is None and len(el) == 0 and (el.tail or "").strip()]
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tag not in INLINE:
            el.tag = "br"
            el.attrib.clear()
            continue
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + (el.tail or "")
        else:
            parent.text = (parent.text or "") + (el.tail or "")
        parent.remove(el)
    return len(doomed)
