"""Prune the DOM before extraction: every removed subtree is recorded with its family and rule.

Rules, in order: hidden subtrees, then tag / ARIA-role / class-and-id token rules
(cleaner.rules.selectors), then link-dense blocks. A guard keeps subtrees that hold the main body.
"""

from __future__ import annotations

from lxml import etree, html

from ..document import Removal
from ..rules.selectors import element_rule, is_content

REMOVAL_TEXT_CHARS = 300  # how much of a removed subtree's text the Removal keeps
# A flagged subtree holding more than this share of the page's text is the body itself, not noise.
MAX_SHARE = {"hidden": 0.6, "comments": 0.8}
DEFAULT_MAX_SHARE = 0.5
# Elements never pruned whatever their attributes say.
NEVER_PRUNE = frozenset({"html", "head", "body", "main"})
SKIP_TAGS = frozenset({"script", "style", "noscript", "link", "meta"})  # trafilatura drops these itself
_BODY_MARKERS = "h1"
PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote"})


def _text_length(el: html.HtmlElement) -> int:
    return len(" ".join(el.text_content().split()))


def main_container(body: html.HtmlElement) -> html.HtmlElement | None:
    """The element holding the most paragraph text: a paragraph's text counts for its parent,
    loose text (a lead written straight into a <div>) for the element holding it."""
    scores: dict[html.HtmlElement, int] = {}
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            continue
        if el.tag in PARAGRAPH_TAGS:
            parent = el.getparent()
            if parent is not None:
                scores[parent] = scores.get(parent, 0) + len(el.text_content().strip())
            continue
        loose = len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)
        if loose:
            scores[el] = scores.get(el, 0) + loose
    if not scores:
        return None
    return max(scores, key=scores.__getitem__)


def _holds_body(el: html.HtmlElement) -> bool:
    """True when the subtree contains the headline or an element marked as the main body."""
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag == _BODY_MARKERS or is_content(node.attrib):
            return True
    return False


def _describe(tree: object, el: html.HtmlElement) -> str:
    """An XPath of the element, with its id or first class for people reading `cleaner explain`."""
    path = tree.getpath(el)  # type: ignore[attr-defined]
    if el.get("id"):
        return f"{path}#{el.get('id')}"
    classes = (el.get("class") or "").split()
    return f"{path}.{classes[0]}" if classes else path


def prune(root: html.HtmlElement) -> list[Removal]:
    """Remove noise subtrees from `root` in place; return what went, in document order."""
    body = root.find("body")
    if body is None:
        return []
    # Scripts and styles are not text; trafilatura would drop them anyway (JSON-LD is read before this).
    etree.strip_elements(body, "script", "style", "noscript", with_tail=False)
    total = max(_text_length(body), 1)
    tree = root.getroottree()
    # The main container and its ancestors are never pruned, whatever their class names say
    # ("content-with-sidebar", "paywall", "elementor-widget" wrap whole articles).
    main = main_container(body)
    protected = set(main.iterancestors()) | {main} if main is not None else set()
    removals: list[Removal] = []
    doomed: list[html.HtmlElement] = []
    stack = list(reversed(body))
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            continue
        found = None if tag in NEVER_PRUNE or el in protected else element_rule(tag, el.attrib)
        if found is not None:
            family, rule = found
            size = _text_length(el)
            guarded = size > MAX_SHARE.get(family, DEFAULT_MAX_SHARE) * total or (
                family != "hidden" and _holds_body(el))
            if not guarded:
                if size:
                    text = " ".join(el.text_content().split())[:REMOVAL_TEXT_CHARS]
                    removals.append(Removal(text, family, rule, path=_describe(tree, el)))
                doomed.append(el)
                continue
        stack.extend(reversed(el))
    for el in doomed:
        _drop(el)
    return removals


def _drop(el: html.HtmlElement) -> None:
    """Remove a subtree but keep its tail text, which belongs to the parent."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
