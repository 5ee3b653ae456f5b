"""Site templates: blocks that recur on a large share of one site's pages (menus, footers,
sidebars, legal lines the rules missed) are removed with reason `site_template`.

Pass 1 counts, per site, on how many distinct pages each normalised block occurs
(`TemplateCounter.add`, mergeable by `merge`); pass 2 removes the blocks counted on at least
`share` of the site's pages when the site has at least `min_pages` pages (`strip_templates`).
Counts are sums over a set of distinct (site, text) pages, so the result does not depend on the
order pages arrive in, on -j, or on how pages were split into shards.

Distributed runs: the map step emits (site, text hash, block keys) per page; a reduce by
(site, text hash) keeps one of each, a reduce by site sums the counts, and the small template
sets are broadcast to the pass-2 shard function.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ..document import Document, Removal

REASON = "site_template"
RULE = "recurring-block"
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_MARKDOWN_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)")


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
    """A compact key (64-bit hash) for a block's normalised text; None for blank lines."""
    norm = normalise(line)
    if not norm:
        return None
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big")


def page_keys(text: str) -> set[int]:
    """The distinct block keys of one cleaned page."""
    return {k for k in map(block_key, text.split("\n")) if k is not None}


def text_hash(text: str) -> str:
    """Identity of a cleaned text, for exact-duplicate detection."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class TemplateCounter:
    """Per site: number of distinct pages, and on how many of them each block key occurs."""

    def __init__(self) -> None:
        self.pages: Counter[str] = Counter()
        self.blocks: dict[str, Counter[int]] = {}
        self._seen: set[tuple[str, str]] = set()  # (site, text hash): a duplicate counts once

    def add(self, site: str, text: str) -> None:
        """Count one cleaned page (duplicates of a page already counted on this site are ignored)."""
        if not text.strip():
            return
        ident = (site, text_hash(text))
        if ident in self._seen:
            return
        self._seen.add(ident)
        self.pages[site] += 1
        self.blocks.setdefault(site, Counter()).update(page_keys(text))

    def templates(self, settings: TemplateSettings) -> dict[str, frozenset[int]]:
        """Per site with enough pages, the block keys counted on at least `share` of them."""
        out: dict[str, frozenset[int]] = {}
        if not settings.enabled:
            return out
        for site, n in self.pages.items():
            if n < settings.min_pages:
                continue
            need = max(2, settings.share * n)
            keys = frozenset(k for k, c in self.blocks[site].items() if c >= need)
            if keys:
                out[site] = keys
        return out


def strip_templates(doc: Document, keys: frozenset[int]) -> Document:
    """The document without its site-template lines, each recorded as a `site_template` removal."""
    if not keys or not doc.text:
        return doc
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
