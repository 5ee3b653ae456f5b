"""Prune the DOM before extraction: every removed subtree is recorded with its family and rule.

Rules, in order: form choices and field labels, hidden subtrees, tag / ARIA-role / class-and-id token rules
(cleaner.rules.selectors), then, by structure, link lists outside the main container and lists of
teaser cards anywhere, then the shared line rules on small blocks and on the headings of blocks
outside the main container; inside it, a comment thread that follows a comments heading. The main
container (the element holding most paragraph text) and its ancestors are never pruned.
"""

from __future__ import annotations

import heapq
import re
from collections import deque
from dataclasses import dataclass
from itertools import repeat

from lxml import etree, html

from ..document import Removal
from ..rules import Rule, classify
from ..rules.selectors import (
    CONTENT_ATTRIBUTES,
    HIDING_ATTRIBUTES,
    element_rule,
    hidden_rule,
    is_content,
    visible_rule,
)
from .merge import HEADINGS, story_chunks
from .paragraphs import DIV_PARAGRAPH_MIN_CHARS, INLINE

REMOVAL_TEXT_CHARS = 300  # how much of a removed subtree's text the Removal keeps
# A flagged subtree holding more than this share of the page's text is the body itself, not noise.
MAX_SHARE = {"hidden": 0.6, "comments": 0.8}
DEFAULT_MAX_SHARE = 0.5
HIDDEN_SERIES_MIN = 3  # hidden siblings that make a series (slides, tabs)
HIDDEN_SERIES_SHARE = 0.3  # ... and hold this share of the page's text
NOSCRIPT_MIN_CHARS = 200
MAIN_CANDIDATES = 5  # best-scoring elements tried as the main container
# A link's label is weaker evidence of the story than loose text: a sidebar book link's long title outscored a
# two-sentence post written loose in a <div> (dragnet r721). Still a candidate: on a page of links only (a browse
# page of an archive's collections) the longest label stands in the list that is the page's content.
LINK_LABEL_WEIGHT = 0.5
# Containers HTML itself marks as beside the story. One holding less than this share of the page is never the
# main container: a form is a dialog (sign-up terms, a newsletter box), an <aside> a sidebar box (an author's
# profile). One wrapping the whole page (a form, as ASP.NET writes pages) holds most of it.
ASIDE_TAGS = frozenset({"form", "aside", "nav", "footer"})
FORM_MAIN_SHARE = 0.5
# A list item or a definition holding loose text inside a box the class rules flag as a widget, a related or a
# comments box (one holding less than this share of the page) is an entry of that box (a recent comment's
# excerpt, an author's bio): it is not the main container, though its text outweighs a short post's paragraphs.
BOX_FAMILIES = frozenset({"widget", "related", "comments"})
BOX_ITEM_TAGS = frozenset({"li", "dd"})
BOX_MAIN_SHARE = 0.5
# A list item winning the vote beside other list items of prose (a guestbook's entries, a blog carnival's posts)
# is one entry of the story: the list is the main container. Items count when they hold SERIES_ITEM_SHARE of the
# winner's text at least; SERIES_MIN_ITEMS of them make a series. Not a list the class rules flag as a box
# (BOX_FAMILIES: a comment thread, whose longest comment outweighs a short post).
SERIES_ITEM_SHARE = 0.25
SERIES_MIN_ITEMS = 2
FORM_CANDIDATES = 20  # best-scoring elements looked at, those inside ASIDE_TAGS included
NEVER_PRUNE = frozenset({"html", "head", "body", "main"})
SKIP_TAGS = frozenset({"script", "style", "noscript", "link", "meta"})
PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote"})
CHOICE_TAGS = ("select", "datalist", "option", "optgroup")  # a form's choices, never prose
# Link lists: blocks of at least LINK_LIST_MIN links whose text is nearly all link text.
LINK_LIST_TAGS = frozenset({"ul", "ol", "div", "section", "table", "dl", "header"})
LINK_LIST_MIN = 5
LINK_LIST_DENSITY = 0.8
# Teaser lists: at least TEASER_MIN_ITEMS items, most of them a link with an image or heading and
# at most TEASER_MAX_CHARS of text.
TEASER_LIST_TAGS = ("ul", "ol")
TEASER_MIN_ITEMS = 3
TEASER_MAX_CHARS = 300
TEASER_SHARE = 0.8
# Line rules applied to small blocks outside the main container.
TEXT_RULE_TAGS = frozenset({"div", "section", "aside", "p", "form", "span", "li", "ul"})
TEXT_RULE_MIN_CHARS, TEXT_RULE_MAX_CHARS = 15, 600
TEXT_RULE_FAMILIES = frozenset({"cookie_banner", "promo", "disclaimer", "language_picker", "comments", "related"})
# A block outside the main container headed "Related stories", "Comments" ... goes with its heading.
SECTION_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
SECTION_FAMILIES = frozenset({"related", "comments"})
# A heading (HEADINGS, h1-h6) inside the main container is the story's structure: a class or id token ("nav_"
# of a table of contents' anchor) does not remove it. Its words are judged by the line rules after extraction.
# Long prose inside the main container is not removed on a token that names a layout part alone ("widget",
# "print-this-content", "nav" wrappers of the story's own parts). Tokens that name a kind of text (comments,
# copyright, disclaimer, cookie notice) and hiding still remove it: such texts are prose by nature.
LAYOUT_FAMILIES = frozenset({"widget", "navigation"})
PROSE_MIN_CHARS = 500
PROSE_LINK_SHARE = 0.2
PROSE_MIN_SENTENCES = 3
_SENTENCE_END = re.compile(r"\w[.!?](?:\s|$)")
# A section of links closing the main container: its last heading followed, to the container's end, by
# nothing but link text (at least LINK_TAIL_MIN links), all of it a small share of the container's text.
LINK_TAIL_MIN = 3
LINK_TAIL_DENSITY = 0.9
LINK_TAIL_SHARE = 0.12
THREAD_MIN_REPEATS = 3  # repeated siblings after a comments heading that make a thread
TEASER_MARKS = frozenset({"img", "picture", "figure", "h2", "h3", "h4", "h5", "h6"})


def link_tail(main: html.HtmlElement | None, stats: Stats, protected: set[html.HtmlElement],
              removals: list[Removal], paths: Paths) -> set[html.HtmlElement]:
    """The main container's last section when it is only links: its last heading, then to the
    container's end nothing but blocks of link text ("More on the site", "Read next": titles of
    other pages). Judged by structure alone, so it holds whatever the heading says, in any language;
    a heading followed by any prose, or a section large against the container, stays."""
    if main is None:
        return set()
    last = deque(main.iter(*SECTION_HEADINGS), maxlen=1)  # the last heading, walked in C
    heading = last[0] if last else None
    if heading is None or heading in protected:
        return set()
    size = stats.text.get(heading, 0)
    if not size or stats.links.get(heading, 0):  # an empty heading, or one that is (or holds) a link
        return set()
    after: list[html.HtmlElement] = []
    el = heading
    while el is not main and el is not None:
        after.extend(sib for sib in el.itersiblings() if isinstance(sib.tag, str) and sib.tag not in SKIP_TAGS)
        if (el.tail or "").strip():
            return set()  # loose text after the heading or one of its wrappers: prose, not links
        el = el.getparent()
    tail_text = sum(stats.text.get(sib, 0) for sib in after)
    if (any(sib in protected or sib in stats.holds_body for sib in after)
            or sum(stats.anchors.get(sib, 0) for sib in after) < LINK_TAIL_MIN
            or any(stats.links.get(sib, 0) < LINK_TAIL_DENSITY * stats.text.get(sib, 0) for sib in after)
            or size + tail_text > LINK_TAIL_SHARE * stats.text.get(main, 0)):
        return set()
    for sib in (heading, *after):
        if stats.text.get(sib, 0):
            removals.append(removal(sib, "related", "link-section", paths=paths))
    return {heading, *after}


@dataclass
class Stats:
    """Per-element text length, link-text length and link count from one bottom-up pass, the
    main container, the elements holding the headline or a marked main body, and the elements that
    hiding attributes hide (with the rule's name), all from one walk. The measures that are 0 are left out of
    their dicts: read them with .get(el, 0)."""

    text: dict[html.HtmlElement, int]
    links: dict[html.HtmlElement, int]
    anchors: dict[html.HtmlElement, int]
    main: html.HtmlElement | None
    holds_body: set[html.HtmlElement]
    hidden: dict[html.HtmlElement, str]


def measure(body: html.HtmlElement) -> Stats:
    """One pass, children before parents.

    The main container is the element holding the most paragraph text: a paragraph's text (less
    its links) counts for its parent, loose text (a lead written straight into a <div>) for the
    element holding it; in an <a>, at LINK_LABEL_WEIGHT.
    """
    text: dict[html.HtmlElement, int] = {}
    links: dict[html.HtmlElement, int] = {}
    anchors: dict[html.HtmlElement, int] = {}
    scores: dict[html.HtmlElement, int] = {}
    markers: list[html.HtmlElement] = []
    hidden: dict[html.HtmlElement, str] = {}
    measured, anchors_of = text.get, anchors.get
    for el in reversed(list(body.iter(etree.Element))):
        tag = el.tag
        names = el.keys()  # listed in C; el.attrib would build a mapping for each element
        if names:
            if not HIDING_ATTRIBUTES.isdisjoint(names):
                rule = hidden_rule(el.attrib)
                if rule:
                    hidden[el] = rule
            if not CONTENT_ATTRIBUTES.isdisjoint(names) and is_content(el):
                markers.append(el)
        if tag == "h1":
            markers.append(el)
        own_text = el.text
        loose = len(own_text.strip()) if own_text else 0
        own = loose
        linked = anchors_below = 0
        inline_div = tag == "div"  # until a child is a block; no other tag's children need their tags read
        for child in el:
            if inline_div:
                child_tag = child.tag
                if child_tag not in INLINE and isinstance(child_tag, str):
                    inline_div = False
            tail = child.tail
            if tail:
                tail = len(tail.strip())
                loose += tail
                own += tail
            size = measured(child)
            if size is not None:
                own += size
            count = anchors_of(child)
            if count is not None:
                linked += links[child]
                anchors_below += count
        if tag == "a":
            linked, anchors_below = own, anchors_below + 1
        # The measures are kept when not 0 (every reader asks .get(el, 0)): most elements hold no link.
        if own:
            text[el] = own
        if anchors_below:
            links[el], anchors[el] = linked, anchors_below
        # A <div> of inline content only is a paragraph as editors write it ("<div>text<br></div>").
        if tag in PARAGRAPH_TAGS or (inline_div and own >= DIV_PARAGRAPH_MIN_CHARS):
            parent = el.getparent()
            if parent is not None:
                scores[parent] = scores.get(parent, 0) + own - linked
        elif loose:
            scores[el] = scores.get(el, 0) + (int(LINK_LABEL_WEIGHT * loose) if tag == "a" else loose)
    holds_body: set[html.HtmlElement] = set()
    for marker in markers:
        holds_body.add(marker)
        holds_body.update(marker.iterancestors())
    return Stats(text, links, anchors, _visible_best(scores, text, text.get(body, 0)), holds_body, hidden)


def _visible_best(scores: dict[html.HtmlElement, int], text: dict[html.HtmlElement, int],
                  total: int) -> html.HtmlElement | None:
    """The best-scoring element that is not hidden, nor inside a hidden one (a popup's text), nor inside a
    form, aside, nav or footer holding a minor part of the page (a sign-up dialog's terms, a sidebar box)."""
    tried = 0
    # nlargest: sorted(..., reverse=True)[:n], ties in the same order, without sorting every scored element.
    for el in heapq.nlargest(FORM_CANDIDATES, scores, key=scores.__getitem__):
        chain = (el, *el.iterancestors())
        # A dialog's forms or a sidebar's boxes can fill the first places: they do not use up the tries.
        if any(node.tag in ASIDE_TAGS and text.get(node, 0) < FORM_MAIN_SHARE * total for node in chain):
            continue
        if el.tag in BOX_ITEM_TAGS and any(text.get(node, 0) < BOX_MAIN_SHARE * total and _boxed(node)
                                           for node in chain):
            continue
        if not any(_hidden(node) for node in chain):
            return _series(el, text)
        tried += 1
        if tried == MAIN_CANDIDATES:
            break
    return None


def _series(el: html.HtmlElement, text: dict[html.HtmlElement, int]) -> html.HtmlElement:
    """The list holding `el` when `el` is an entry of a series of list items of prose, else `el`."""
    parent = el.getparent()
    if el.tag != "li" or parent is None or any(_boxed(node) for node in (el, parent)):
        return el
    least = SERIES_ITEM_SHARE * text.get(el, 0)
    items = sum(1 for item in parent.iterchildren("li") if item is not el and text.get(item, 0) >= least)
    return parent if items >= SERIES_MIN_ITEMS else el


def _boxed(el: html.HtmlElement) -> bool:
    """Flagged by the class rules as a widget, related or comments box."""
    return bool(el.keys()) and (visible_rule(el.tag, el) or ("",))[0] in BOX_FAMILIES


def _hidden(el: html.HtmlElement) -> bool:
    found = element_rule(el.tag, el.attrib) if el.attrib else None
    return found is not None and found[0] == "hidden"



def hidden_series(body: html.HtmlElement, stats: Stats, total: int) -> set[html.HtmlElement]:
    """Hidden siblings that together hold much of the page: slideshow slides, tabs, "read more"
    sections that scripts reveal. They are content, unlike one hidden copy of a block."""
    groups: dict[html.HtmlElement, list[html.HtmlElement]] = {}
    for el in stats.hidden:
        parent = el.getparent()
        if parent is not None:
            groups.setdefault(parent, []).append(el)
    shown: set[html.HtmlElement] = set()
    for members in groups.values():
        size = sum(stats.text.get(m, 0) for m in members)
        if len(members) >= HIDDEN_SERIES_MIN and size > HIDDEN_SERIES_SHARE * total:
            shown.update(members)
    return shown


def _is_teaser_card(item: html.HtmlElement, stats: Stats) -> bool:
    """A card of another article: a link with a picture or a heading, and little text. An <a> without href
    goes nowhere: a tab or an accordion's toggle over its own panel of prose (an FAQ), not a card."""
    if stats.text.get(item, 0) > TEASER_MAX_CHARS or stats.anchors.get(item, 0) == 0:
        return False
    if not any(a.get("href") for a in item.iter("a")):
        return False
    return any(isinstance(node.tag, str) and node.tag in TEASER_MARKS for node in item.iter())


def _is_teaser_list(el: html.HtmlElement, stats: Stats) -> bool:
    """A list of teaser cards (related, latest or popular stories)."""
    if el.tag not in TEASER_LIST_TAGS:
        return False
    items = [child for child in el if child.tag == "li"]
    if len(items) < TEASER_MIN_ITEMS:
        return False
    return sum(_is_teaser_card(item, stats) for item in items) >= TEASER_SHARE * len(items)


def _first_heading(el: html.HtmlElement) -> html.HtmlElement | None:
    """The block's first child element when it is a heading ("Related stories" over a list)."""
    for child in el:
        if isinstance(child.tag, str):
            return child if child.tag in SECTION_HEADINGS and len(el) > 1 else None
    return None


def _text_rule(el: html.HtmlElement, stats: Stats) -> Rule | None:
    """The line rule flagging a block outside the main container: its heading ("Related stories",
    "12 comments"), or for a small block its whole text (a cookie notice or newsletter prompt
    without telling class names)."""
    if el.tag not in TEXT_RULE_TAGS:
        return None
    heading = _first_heading(el)
    if heading is not None:
        found = classify(" ".join(heading.text_content().split()))
        if found is not None and found.reason in SECTION_FAMILIES:
            return found
    size = stats.text.get(el, 0)
    parent = el.getparent()
    # Only the outermost small block: its parent holds more than a notice would.
    if not TEXT_RULE_MIN_CHARS <= size <= TEXT_RULE_MAX_CHARS or parent is None or \
            stats.text.get(parent, 0) <= TEXT_RULE_MAX_CHARS:
        return None
    found = classify(" ".join(el.text_content().split()))
    return found if found is not None and found.reason in TEXT_RULE_FAMILIES else None


def _is_link_list(el: html.HtmlElement, stats: Stats) -> bool:
    size = stats.text.get(el, 0)
    return (el.tag in LINK_LIST_TAGS and stats.anchors.get(el, 0) >= LINK_LIST_MIN and size > 0
            and stats.links.get(el, 0) >= LINK_LIST_DENSITY * size)


def describe(el: html.HtmlElement, paths: Paths | None = None) -> str:
    """An XPath of the element, with its id or first class, for people reading `cleaner explain`."""
    path = paths(el) if paths is not None else el.getroottree().getpath(el)
    if el.get("id"):
        return f"{path}#{el.get('id')}"
    classes = (el.get("class") or "").split()
    return f"{path}.{classes[0]}" if classes else path


class Paths:
    """Element XPaths as lxml's getpath writes them ("/html/body/div[2]/p"), each parent's child steps
    worked out once: getpath scans every sibling on each call, which made a page of thousands of
    removals from one parent quadratic. Valid while the tree is not changed."""

    def __init__(self) -> None:
        self.steps: dict[html.HtmlElement, dict[html.HtmlElement, str]] = {}

    def __call__(self, el: html.HtmlElement) -> str:
        parts = []
        node, parent = el, el.getparent()
        while parent is not None:
            steps = self.steps.get(parent)
            if steps is None:
                steps = self.steps[parent] = _child_steps(parent)
            parts.append(steps[node])
            node, parent = parent, parent.getparent()
        parts.append(node.tag)
        return "/" + "/".join(reversed(parts))


def _child_steps(parent: html.HtmlElement) -> dict[html.HtmlElement, str]:
    """Each child element's step: its tag, with its position among same-tag siblings when it has any."""
    children = [child for child in parent if isinstance(child.tag, str)]
    counts: dict[str, int] = {}
    for child in children:
        counts[child.tag] = counts.get(child.tag, 0) + 1
    seen: dict[str, int] = {}
    steps = {}
    for child in children:
        tag = child.tag
        if counts[tag] > 1:
            seen[tag] = seen.get(tag, 0) + 1
            steps[child] = f"{tag}[{seen[tag]}]"
        else:
            steps[child] = tag
    return steps


def removal(el: html.HtmlElement, family: str, rule: str, paths: Paths | None = None) -> Removal:
    text = " ".join(el.text_content().split())[:REMOVAL_TEXT_CHARS]
    return Removal(text, family, rule, path=describe(el, paths))


@dataclass
class Pruned:
    """What pruning removed, and the main container it protected."""

    removals: list[Removal]
    main: html.HtmlElement | None


def prune(root: html.HtmlElement, keep: frozenset[str] = frozenset()) -> Pruned:
    """Remove noise subtrees from `root` in place; return what went, in document order.

    Families in `keep` (e.g. "comments" when comments are wanted) are left in place.
    """
    body = root.find("body")
    if body is None:
        return Pruned([], None)
    # Scripts and styles are not text; trafilatura would drop them anyway (JSON-LD is read before this).
    # <noscript> holds what a reader without scripts sees: a whole article on some blogs, so a
    # substantial one is unwrapped; small ones (tracking pixels, "enable JavaScript") go.
    for noscript in list(body.iter("noscript")):
        if len(" ".join(noscript.text_content().split())) >= NOSCRIPT_MIN_CHARS:
            noscript.drop_tag()
    etree.strip_elements(body, "script", "style", "noscript", "template", with_tail=False)
    removals: list[Removal] = form_controls(body)
    stats = measure(body)
    total = max(stats.text.get(body, 0), 1)
    # The main container and its ancestors are never pruned, whatever their class names say
    # ("content-with-sidebar", "paywall", "elementor-widget" wrap whole articles).
    main = stats.main
    protected = set(main.iterancestors()) | {main} if main is not None else set()
    # The other chunks of a story split into containers of one kind are the body too (merge_chunks joins
    # them to the main container after pruning): what is inside them is judged as inside it.
    chunks = set(story_chunks(main))
    protected |= chunks
    shown = hidden_series(body, stats, total)
    doomed: list[html.HtmlElement] = []
    paths = Paths()  # the tree stays as it is until the loop ends
    thread = set() if "comments" in keep else comment_threads(main, protected, removals, paths)
    if "related" not in keep:
        thread |= link_tail(main, stats, protected, removals, paths)
    stack = [(child, False) for child in reversed(body)]
    while stack:
        el, inside_main = stack.pop()
        tag = el.tag  # read once: lxml builds the string on each read
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            continue
        if el in thread:
            doomed.append(el)
            continue
        found = None
        if tag not in NEVER_PRUNE and el not in protected:
            found = _verdict(el, tag, stats, total, inside_main, el in shown)
        if found is not None and found[0] not in keep:
            if stats.text.get(el, 0):
                removals.append(removal(el, *found, paths=paths))
            doomed.append(el)
            continue
        stack.extend(zip(reversed(el), repeat(inside_main or el is main or el in chunks)))  # pairs made in C
    for el in doomed:
        drop(el)
    return Pruned(removals, main)


def _signature(el: html.HtmlElement) -> tuple[str, str] | None:
    """What repeated siblings share: tag and class, or tag and id without its digits ("c169907")."""
    if el.get("class"):
        return el.tag, el.get("class", "")
    ident = el.get("id")
    return (el.tag, "#" + ident.rstrip("0123456789-_")) if ident and ident[-1:].isdigit() else None


def comment_threads(main: html.HtmlElement | None, protected: set[html.HtmlElement], removals: list[Removal],
                    paths: Paths) -> set[html.HtmlElement]:
    """A comment thread written straight into the main container: a heading that names comments ("12
    Comments", id="comments") or an anchor named so, followed by a run of repeated siblings (one comment,
    then its byline, again and again). The heading and everything after it go; the heading alone would
    leave the thread."""
    if main is None:
        return set()
    for heading in main.iter(*SECTION_HEADINGS, "a"):
        if heading.tag == "a":
            # A named anchor the page's "Comment" links jump to: <a name="comments"></a>
            target = heading.get("name") or heading.get("id")
            if not target or heading.get("href") is not None or heading.text_content().strip():
                continue
            flagged = element_rule("a", {"id": target})
        else:
            flagged = element_rule(heading.tag, heading.attrib) if heading.attrib else None
            if flagged is None or flagged[0] != "comments":
                found = classify(" ".join(heading.text_content().split()))
                flagged = (found.reason, found.name) if found is not None else None
        if flagged is None or flagged[0] != "comments":
            continue
        after = [el for el in heading.itersiblings() if isinstance(el.tag, str)]
        if any(el in protected for el in after):
            continue
        counts: dict[tuple[str, str], int] = {}
        for el in after:
            signature = _signature(el)
            if signature is not None:
                counts[signature] = counts.get(signature, 0) + 1
        if max(counts.values(), default=0) < THREAD_MIN_REPEATS:
            continue
        thread = {heading, *after}
        for el in (heading, *after):
            if el.text_content().strip():
                removals.append(removal(el, "comments", "comment-thread", paths=paths))
        return thread
    return set()


def form_controls(body: html.HtmlElement) -> list[Removal]:
    """Remove what a form offers rather than says: option lists (a search box's "All Media Types
    ..." menu) and the labels of a form's fields. They are never the body, and their text, long
    and link-free, would otherwise win the main-container vote on a page with little prose."""
    removals: list[Removal] = []
    doomed = [(el, "select-options") for el in body.iter(*CHOICE_TAGS)
              if not any(a.tag in CHOICE_TAGS for a in el.iterancestors())]
    doomed += [(el, "field-label") for form in body.iter("form") for el in form.iter("label")]
    for el, rule in doomed:
        if el.getparent() is None:
            continue
        if el.text_content().strip():
            removals.append(removal(el, "form", rule))
        drop(el)
    return removals


def _verdict(el: html.HtmlElement, tag: str, stats: Stats, total: int, inside_main: bool,
             shown: bool) -> tuple[str, str] | None:
    """(family, rule) when `el` is noise, else None. Guards: a flagged subtree holding too large a
    share of the page, or the headline or a marked main body, is the body itself."""
    size = stats.text.get(el, 0)
    found = None
    if not shown:  # element_rule checks hiding attributes first: measure has read them
        hidden = stats.hidden.get(el)
        found = ("hidden", hidden) if hidden else visible_rule(tag, el)
    if found is not None:
        family = found[0]
        if size > MAX_SHARE.get(family, DEFAULT_MAX_SHARE) * total or (
                family != "hidden" and (el in stats.holds_body or (inside_main and tag in HEADINGS))):
            return None
        if inside_main and family in LAYOUT_FAMILIES and (_prose(el, stats) or _mid_sentence(el)):
            return None
        return found
    if size > DEFAULT_MAX_SHARE * total:
        return None
    # Each test below holds for its own tags only: they are checked here, without another read of el.tag.
    outside = not inside_main and el not in stats.holds_body
    if outside and tag in LINK_LIST_TAGS and _is_link_list(el, stats):
        return "navigation", "link-list"
    if tag in TEASER_LIST_TAGS and _is_teaser_list(el, stats):
        return "related", "teaser-cards"
    if outside and tag in TEXT_RULE_TAGS:
        flagged = _text_rule(el, stats)
        if flagged is not None:
            return flagged.reason, flagged.name
    return None


def _mid_sentence(el: html.HtmlElement) -> bool:
    """An inline element inside a paragraph with words on both sides ("the tie-up of <a class=rollover>Deutsche
    Telekom</a> AG's unit"): a part of the sentence, whatever its class says a script does with it."""
    parent = el.getparent()
    if el.tag not in INLINE or parent is None or parent.tag not in PARAGRAPH_TAGS:
        return False
    previous = el.getprevious()
    if not ((previous.tail if previous is not None else parent.text) or "").strip():
        return False
    # The words after it may follow an empty inline element (a ticker's placeholder <span>).
    return bool((el.tail or "").strip()) or any(
        (sibling.tail or "").strip() or sibling.text_content().strip() for sibling in el.itersiblings())


def _prose(el: html.HtmlElement, stats: Stats) -> bool:
    """Long prose: PROSE_MIN_CHARS of text, little of it link text, several sentences."""
    size = stats.text.get(el, 0)
    if size < PROSE_MIN_CHARS or stats.links.get(el, 0) > PROSE_LINK_SHARE * size:
        return False
    return len(_SENTENCE_END.findall(el.text_content())) >= PROSE_MIN_SENTENCES


def drop(el: html.HtmlElement) -> None:
    """Remove a subtree but keep its tail text, which belongs to the parent."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    if el.tag not in INLINE and not tail[:1].isspace():
        # A block stood between the texts around it: "word<p>menu</p>word" or "word<nav>…</nav><b>word"
        # is two words, so a space takes its place.
        tail = " " + tail
    if tail.strip() or el.tag not in INLINE:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)
