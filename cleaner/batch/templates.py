"""Site templates: blocks that recur on a large share of one site's pages (menus, footers,
sidebars, search boxes, legal lines the rules missed) are removed with reason `site_template`.

Pass 1 counts, per site, on how many distinct pages each block occurs *as served*: every line of a
text dump, the text of every element of an HTML page (`served_keys`), not just what cleaning kept.
What cleaning keeps of a template varies from page to page (the search box here, the login line
there), so counting kept lines finds each leftover on a minority of pages although the template is
on all of them. Pass 2 removes, from each page's cleaned text, the lines whose key is on at least
`share` of the site's pages when the site has at least `min_pages` pages (`strip_templates`).
Keys ignore case, digits, spacing and punctuation, so a table row rendered "a | b" matches the
row's text "ab" on another page.

A page is counted once per identity: its URL, else the hash of its input bytes (`page_identity`),
so the same page read twice counts once. Lossy counting (TemplateCounter) depends on the order
pages arrive in, so the batch feeds pages to it in input order (tasks.Reducer, shard by shard):
the result does not depend on -j, on the engine, or on which shard finishes first.

Distributed runs: the map step emits (site, identity, block keys) per page; a reduce by
(site, identity) keeps one of each, a reduce by site sums the counts, and the small template
sets are broadcast to the pass-2 shard function.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..document import Document, Removal
from ..limits import MAX_HTML_CHARS

if TYPE_CHECKING:  # served_keys imports lxml where it parses; here it only names a type
    from lxml import etree

REASON = "site_template"
RULE = "recurring-block"
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_MARKDOWN_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_NOT_WORD = re.compile(r"[\W_]+")
MAX_BLOCK_CHARS = 2000  # an element with more text than this is a region of the page, not a block
UNSEEN = ("script", "style", "noscript", "template", "head")
MAX_SERVED_CHARS = MAX_HTML_CHARS  # past this it is not one web page (the cleaner refuses it too)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)  # lxml refuses a str that declares an encoding


@dataclass(frozen=True)
class TemplateSettings:
    """When a block counts as a site template."""

    share: float = 0.5  # on at least this share of the site's distinct pages
    min_pages: int = 5  # only sites with at least this many distinct pages
    enabled: bool = True


def site_of(url: str | None, source: str) -> str:
    """The site a page belongs to: its URL host, or its input folder when no URL is known."""
    if url:
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            host = ""
        if host:
            return host[4:] if host.startswith("www.") else host
    folder = source.rsplit("/", 1)[0] if "/" in source else ""
    return f"folder:{folder or '.'}"


def normalise(line: str) -> str:
    """Case, spacing, digits (years, counts) and edge punctuation do not make a block different."""
    text = unicodedata.normalize("NFKC", _MARKDOWN_LEAD.sub("", line)).casefold()
    return _SPACE.sub(" ", _EDGE.sub("", _DIGITS.sub("0", text))).strip()


def block_key(line: str) -> int | None:
    """A compact key (64-bit hash) for a block's normalised text without spaces and punctuation
    (so renderings of one block match); None for blank lines."""
    norm = _bare(line)  # markdown leads are punctuation: gone too
    return _hash(norm) if norm else None


def _bare(text: str) -> str:
    """`text` as keys see it: NFKC, case-folded, digit runs as "0", no spaces or punctuation. Each step
    maps a character or a digit run on its own, so the bare form of pieces joined by spaces is the
    join of their bare forms (what served_keys relies on)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    if text.isalpha():  # letters only (a menu's "Home"): no digit, space or punctuation for the patterns to find
        return text
    return _NOT_WORD.sub("", _DIGITS.sub("0", text))


def _hash(norm: str) -> int:
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big")


def page_keys(text: str) -> set[int]:
    """The distinct block keys of the lines of a text."""
    return {k for k in map(block_key, text.split("\n")) if k is not None}


def served_keys(data: str | bytes | None, kind: str | None) -> set[int]:
    """The block keys of a page as served: every line of a text dump; the text of every visible
    element of an HTML page (up to MAX_BLOCK_CHARS), whatever its nesting, so any line the cleaner
    renders from it (a paragraph, a table row, a list item) finds its key."""
    if data is None:
        return set()
    from ..sniff import sniff_kind

    text = _quick_decode(data) if isinstance(data, (bytes, bytearray)) else data
    if (kind or sniff_kind(text)) != "html":
        return page_keys(text)
    from lxml import etree

    if len(text) > MAX_SERVED_CHARS:
        return set()
    try:
        # a plain tree (no lxml.html element classes): parsing once more costs little that way
        root = etree.fromstring(_XML_DECLARATION.sub("", text, count=1), etree.HTMLParser(
            remove_comments=True, remove_pis=True, no_network=True, collect_ids=False))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return set()
    return tree_keys(root) if root is not None else set()


def tree_keys(root: etree._Element) -> set[int]:
    """The block keys of a parsed HTML page (served_keys' walk): the cleaner's own tree, observed as
    parsed, gives them without a second decode and parse."""
    texts: set[str] = set()
    try:
        _element_text(root, texts)
    except RecursionError:  # a pathologically deep tree: the keys found so far
        pass
    # Hashed once each: a wrapper holding nothing but one element has that element's text.
    return {_hash(text) for text in texts}


def _quick_decode(data: bytes) -> str:
    """UTF-8, else Windows-1252: keys need the text of most lines, not the cleaner's careful decode
    (charset detection would cost as much as the rest of the count)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _element_text(el, texts: set[str]) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """The bare text (_bare) of `el` and the length of its text as joined with spaces between pieces,
    adding the bare text of every descendant to `texts` on the way (post-order). Each piece of text is made
    bare once, and an element's bare text is the join of its pieces' (block boundaries are spaces, which
    keys ignore), so the work is linear in the page, not in text times depth. A text over
    MAX_BLOCK_CHARS is a region, not a block: no key for it or its ancestors."""
    tag = el.tag
    if not isinstance(tag, str) or tag in UNSEEN:
        return "", 0
    text = el.text
    if text:
        bare = [] if text.isspace() else [_bare(text)]  # most pieces are indentation
        size = length = len(text)
    else:
        bare = []
        size = length = 0
    for child in el:
        inner, inner_length = _element_text(child, texts)
        if size <= MAX_BLOCK_CHARS:
            bare.append(inner)
            tail = child.tail
            if tail:
                if not tail.isspace():
                    bare.append(_bare(tail))
                size += inner_length + len(tail)
                length += inner_length + len(tail) + 2  # the two spaces around the child
            else:
                size += inner_length
                length += inner_length + 2
    if size > MAX_BLOCK_CHARS:
        return "", MAX_BLOCK_CHARS + 1
    joined = "".join(bare)
    if joined:
        texts.add(joined)
    return joined, length


def page_identity(url: str | None, input_sha256: str | None, text: str) -> str:
    """What makes a page one page for template counts: its URL, else its input bytes, else its text."""
    return url or input_sha256 or text_hash(text)


def text_hash(text: str) -> str:
    """Identity of a cleaned text, for exact-duplicate detection."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


_LATE = 32  # bits of a count, under the lateness, in TemplateCounter's values
_COUNT = (1 << _LATE) - 1


def _most(value: int) -> int:
    """The most pages a counted key can be on: its count plus the pages before it was counted."""
    return (value & _COUNT) + (value >> _LATE)


class TemplateCounter:
    """Per site: number of distinct pages, and on how many of them each block key occurs.

    Counting every distinct block of every page grows with the run (on 50,000 distinct pages of one
    folder, about 500 MiB in the parent), while a template is by definition on a large share of the
    site's pages. So the counts are kept by lossy counting (Manku and Motwani, 2002), a page a
    transaction: every `width` pages of a site, keys seen on no more than about one page in `width`
    are forgotten. A key on at least `epsilon` of the pages is never forgotten and its count is low by
    at most `epsilon` of the pages; sites of fewer than `width` pages are counted exactly.

    A site whose pages stop coming (a folder walked to its end; one host of a crawl among thousands)
    would keep its last, unfinished bucket forever, most of it keys of a single page. So a site that
    has had no page for `width` pages of the whole run is pruned at once, as if its bucket had ended:
    keys on at most `bucket` of its pages go, which can never make a template of a site that stays
    idle (a template needs max(2, share * pages) > pages / width + 1), and if the site comes back, keys
    new to it are counted as possibly on `bucket` earlier pages, so its counts stay upper bounds.
    """

    def __init__(self, epsilon: float = 0.005) -> None:
        self.width = max(1, math.ceil(1 / epsilon))
        self.pages: Counter[str] = Counter()
        # site -> block key -> its count | (pages it may have been on before it was counted) << _LATE:
        # one dict entry per key (about 120 bytes) instead of a count and a lateness (about 530)
        self.blocks: dict[str, dict[int, int]] = {}
        self._seen: set[tuple[str, str]] = set()  # (site, page identity): a page read twice counts once
        self._pages_seen = 0  # pages counted over all sites
        self._active: OrderedDict[str, int] = OrderedDict()  # site -> _pages_seen at its last page, oldest first
        self._floor: dict[str, int] = {}  # site -> the bucket it was last pruned at while idle

    def add(self, site: str, text: str, ident: str | None = None, keys: set[int] | None = None) -> None:
        """Count one cleaned page: its block keys as served (`served_keys`; default: the cleaned
        text's lines). A page whose `ident` (see `page_identity`; default: the text) was already
        counted on this site is ignored."""
        if not text.strip():
            return
        key = (site, hashlib.blake2b((ident or text_hash(text)).encode("utf-8"), digest_size=16).hexdigest())
        if key in self._seen:
            return
        self._seen.add(key)
        self.pages[site] += 1
        counts = self.blocks.setdefault(site, {})
        bucket = -(-self.pages[site] // self.width)
        new = (max(bucket - 1, self._floor.get(site, 0)) << _LATE) + 1  # a key new to the counts: once here,
        get = counts.get                                                 # maybe on that many pages before
        for k in (page_keys(text) if keys is None else keys):
            v = get(k)
            counts[k] = new if v is None else v + 1
        if self.pages[site] % self.width == 0:
            self._forget(site, bucket)
        self._pages_seen += 1
        self._active[site] = self._pages_seen
        self._active.move_to_end(site)
        self._prune_idle()

    def _prune_idle(self) -> None:
        while self._active:
            site, last = next(iter(self._active.items()))
            if last > self._pages_seen - self.width:
                return
            del self._active[site]
            bucket = -(-self.pages[site] // self.width)
            if self.pages[site] % self.width:  # at a bucket's end it was just pruned
                self._forget(site, bucket)
                self._floor[site] = bucket

    def _forget(self, site: str, bucket: int) -> None:
        # a new dict, not deletions: a dict never shrinks its table, and a finished site's would stay the
        # size of its busiest bucket
        self.blocks[site] = {k: v for k, v in self.blocks[site].items() if _most(v) > bucket}

    def size(self) -> int:
        """Block keys held, over all sites (what the counting costs in memory)."""
        return sum(len(c) for c in self.blocks.values())

    def templates(self, settings: TemplateSettings) -> dict[str, frozenset[int]]:
        """Per site with enough pages, the block keys counted on at least `share` of them."""
        out: dict[str, frozenset[int]] = {}
        if not settings.enabled:
            return out
        for site, n in self.pages.items():
            if n < settings.min_pages:
                continue
            need = max(2, settings.share * n)
            keys = frozenset(k for k, v in self.blocks[site].items() if _most(v) >= need)
            if keys:
                out[site] = keys
        return out


def strip_templates(doc: Document, keys: frozenset[int]) -> Document:
    """The document without its site-template lines, each recorded as a `site_template` removal."""
    if not keys or not doc.text:
        return doc
    # A heading of this page's own body is its structure, even when the site's menu links to a page of
    # that name on every page ("Domain Names" as a section of an about page and as a menu item).
    keys = keys - _heading_keys(doc.markdown)
    kept: list[str] = []
    removed: list[Removal] = []
    for line in doc.text.split("\n"):
        if block_key(line) in keys:
            removed.append(Removal(text=line, reason=REASON, rule=RULE))
        else:
            kept.append(line)
    if not removed:
        return doc
    text = "\n".join(kept).strip("\n")
    markdown = doc.markdown
    if markdown is not None:
        markdown = "\n".join(ln for ln in markdown.split("\n") if block_key(ln) not in keys)
    changes: dict = {"text": text, "markdown": markdown, "removed": [*doc.removed, *removed]}
    if not text.strip():
        changes.update(page_type="empty", empty_reason="only site-template blocks")
    return replace(doc, **changes)


def _heading_keys(markdown: str | None) -> frozenset[int]:
    """Keys of the headings in a page's Markdown (HTML pages have it; text dumps do not)."""
    if not markdown:
        return frozenset()
    return frozenset(k for ln in markdown.split("\n") if _HEADING.match(ln) and (k := block_key(ln)) is not None)
