"""Element-level rules for the HTML path: tags, ARIA roles, hiding attributes and class/id tokens,
mapped to the same families as the line rules.

Token lists are data (`data/html_<family>.txt`); this module only says how they are matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Protocol

from .lexicon import _entries
from .registry import FAMILIES

# Checked in this order: the first family whose list matches names the removal.
TOKEN_FAMILIES = ("hidden", "cookie_banner", "comments", "related", "promo", "language_picker",
                  "navigation", "footer", "disclaimer", "widget")
MAX_RUN = 3  # longest run of token parts looked up ("comment-respond-form" -> "comment-respond")

# Tag and ARIA-role rules (family, rule name). Few and stable, so they live here as a table.
TAG_RULES: dict[str, tuple[str, str]] = {
    "nav": ("navigation", "nav-element"),
    "aside": ("widget", "aside-element"),
    "footer": ("footer", "footer-element"),
    "dialog": ("promo", "dialog-element"),
    "template": ("hidden", "template-element"),
}
ROLE_RULES: dict[str, tuple[str, str]] = {
    "navigation": ("navigation", "role-navigation"),
    "menu": ("navigation", "role-menu"),
    "menubar": ("navigation", "role-menu"),
    "search": ("navigation", "role-search"),
    "banner": ("navigation", "role-banner"),
    "contentinfo": ("footer", "role-contentinfo"),
    "complementary": ("widget", "role-complementary"),
    "dialog": ("promo", "role-dialog"),
    "alertdialog": ("promo", "role-dialog"),
}
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)",
                           re.I)
_SPLIT_PARTS = re.compile(r"[-_]+")
_SPLIT_TOKENS = re.compile(r"\s+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # "newsCaption" -> "news-Caption"


class Attributes(Protocol):
    """What the rules read of an element's attributes: an attribute mapping, or an lxml element."""

    def get(self, key: str, default: str = ...) -> str | None: ...


@dataclass(frozen=True)
class TokenTable:
    """Exact tokens and part runs of one or more families, each mapped to (family, entry)."""

    exact: dict[str, tuple[str, str]]
    runs: dict[tuple[str, ...], tuple[str, str]]
    parts: frozenset[str] = frozenset()  # every part of every run: a token with none of them matches no run

    def lookup(self, token: str) -> tuple[str, str] | None:
        """(family, entry) for a class or id token as written ("post-comments", "relatedPosts")."""
        lower = token.lower()
        found = self.exact.get(lower)
        if found:
            return found
        if lower == token and "-" not in token and "_" not in token:
            return None  # one part ("sidebar"), which the exact lookup has answered: a run of one is an entry too
        parts = tuple(p.lower() for p in _SPLIT_PARTS.split(_CAMEL.sub("-", token)) if p)
        if self.parts.isdisjoint(parts):
            return None
        for size in range(min(MAX_RUN, len(parts)), 0, -1):
            for start in range(len(parts) - size + 1):
                found = self.runs.get(parts[start:start + size])
                if found:
                    return found
        return None


def _table(names: tuple[str, ...]) -> TokenTable:
    exact: dict[str, tuple[str, str]] = {}
    runs: dict[tuple[str, ...], tuple[str, str]] = {}
    for family in names:
        for entry in _entries(f"html_{family}"):
            whole = entry.startswith("=")
            token = entry.lstrip("=").lower()
            exact.setdefault(token, (family, token))
            if not whole:
                runs.setdefault(tuple(p for p in _SPLIT_PARTS.split(token) if p), (family, token))
    return TokenTable(exact, runs, frozenset(part for run in runs for part in run))


@cache
def noise_tokens() -> TokenTable:
    """Class/id tokens of every noise family, in priority order."""
    for family in TOKEN_FAMILIES:
        if family not in FAMILIES:
            raise ValueError(f"unknown rule family {family!r}")
    return _table(TOKEN_FAMILIES)


@cache
def content_tokens() -> TokenTable:
    """Class/id tokens that mark the main body."""
    return _table(("content",))


@cache
def neutral_prefixes() -> tuple[str, ...]:
    """Token prefixes of CMS taxonomy classes ("tag-", "category-"), never matched as noise."""
    return tuple(entry.lower() for entry in _entries("html_neutral_prefixes"))


def class_tokens(attrib: dict) -> list[str]:
    """Class and id tokens of an element's attributes, as written."""
    value = f"{attrib.get('class', '')} {attrib.get('id', '')}".strip()
    return _SPLIT_TOKENS.split(value) if value else []


# The attributes hidden_rule reads: an element with none of them is not hidden, without a call.
HIDING_ATTRIBUTES = frozenset({"hidden", "aria-hidden", "style"})


def hidden_rule(attrib: dict) -> str | None:
    """The name of the rule that hides an element from readers, or None."""
    if "hidden" in attrib:
        return "hidden-attribute"
    if attrib.get("aria-hidden", "").strip().lower() == "true":
        return "aria-hidden"
    style = attrib.get("style")
    if style and _HIDDEN_STYLE.search(style.replace(" ", "")):
        return "hidden-style"
    return None


def element_rule(tag: str, attrib: dict) -> tuple[str, str] | None:
    """(family, rule) of the first element rule that flags this element, or None."""
    hidden = hidden_rule(attrib)
    if hidden:
        return "hidden", hidden
    return visible_rule(tag, attrib)


def visible_rule(tag: str, attrib: Attributes) -> tuple[str, str] | None:
    """element_rule for an element already known not to be hidden (hidden_rule gave None); `attrib` may be the
    element itself (see is_content)."""
    found = TAG_RULES.get(tag)
    if found:
        return found
    role = attrib.get("role")
    if role:
        found = ROLE_RULES.get(role.strip().lower())
        if found:
            return found
    # The tokens of "class id" are the class's, then the id's: the first to hit is the class's first, else the id's.
    # Each is judged apart: a page repeats its class strings, while most ids are met once ("post-1234"), and a
    # (class, id) pair as seldom.
    cls = attrib.get("class")
    if cls:
        found = _class_rules.get(cls, _UNSEEN)
        if found is _UNSEEN:
            found = _per_class(_class_rules, cls, _class_rule)
        if found:
            return found
    ident = attrib.get("id")
    return _token_rule(ident.strip()) if ident and not ident.isspace() else None


def _class_rule(cls: str) -> tuple[str, str] | None:
    value = cls.strip()
    return _token_rule(value) if value else None


# Verdicts per class attribute as written (visible_rule, is_content): pages repeat their class strings, while most
# ids are met once ("post-1234"), so the two are judged apart. Bounded: a full cache is cleared, as the registry's
# verdict cache is.
MAX_CLASS_ID_KEYS = 16_384
_class_rules: dict[str, tuple[str, str] | None] = {}
_content_classes: dict[str, bool] = {}
_UNSEEN = object()


def _per_class(seen: dict, cls: str, verdict: Callable[[str], Any]) -> Any:
    """`verdict(cls)` for a class attribute not yet in `seen`, remembered there."""
    if len(seen) >= MAX_CLASS_ID_KEYS:
        seen.clear()
    found = seen[cls] = verdict(cls)
    return found


@lru_cache(maxsize=8192)
def _token_rule(value: str) -> tuple[str, str] | None:
    """(family, rule) for a class-and-id string; cached, as pages repeat their class names."""
    for token in _SPLIT_TOKENS.split(value):
        hit = _token_hit(token)
        if hit:
            return hit
    return None


@lru_cache(maxsize=16384)
def _token_hit(token: str) -> tuple[str, str] | None:
    """_token_rule of one token; cached too, as class strings new to the page share their tokens ("col-md-4")."""
    if token.lower().startswith(neutral_prefixes()):
        return None
    hit = noise_tokens().lookup(token)
    return (hit[0], f"class-{hit[1]}") if hit else None


CONTENT_ATTRIBUTES = frozenset({"itemprop", "class", "id"})  # the attributes is_content reads


def tokens_are_content(value: str) -> bool:
    """Whether one of the whitespace-separated tokens of `value` (a class or an id attribute) is a content token
    (lowercasing the whole value makes the same tokens: no whitespace has a case)."""
    return not content_tokens().exact.keys().isdisjoint(value.lower().split())


def is_content(attrib: Attributes) -> bool:
    """True for an element marked as the main body (itemprop=articleBody or a content token). `attrib`
    may be the element itself, which answers .get without building its attribute mapping."""
    prop = attrib.get("itemprop")
    if prop is not None and prop.lower() in ("articlebody", "text"):
        return True
    cls = attrib.get("class")
    if cls:
        found = _content_classes.get(cls)
        if found is None:
            found = _per_class(_content_classes, cls, tokens_are_content)
        if found:
            return True
    ident = attrib.get("id")
    return bool(ident) and tokens_are_content(ident)
