"""The one data model: a cleaned page, its metadata, and every removal with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Removal:
    """One removed line (text path) or subtree (HTML path) and why it went."""

    text: str
    reason: str  # rule family code, e.g. "navigation", "footer"
    rule: str  # the named rule inside that family
    line: int | None = None  # 1-based input line (text path)
    path: str | None = None  # element path (HTML path)


REMOVAL_FIELDS = tuple(f.name for f in fields(Removal))


def new_removal(text: str, reason: str, rule: str, line: int | None = None, path: str | None = None) -> Removal:
    """Removal(text, reason, rule, line, path), made without the frozen dataclass's __init__ (an
    object.__setattr__ call a field): the text path makes some 150 a page. tests/test_document checks that
    it makes the same object."""
    removal = object.__new__(Removal)
    removal.__dict__.update({"text": text, "reason": reason, "rule": rule, "line": line, "path": path})
    return removal

# What a page is, as `Document.page_type` says it:
PAGE_TYPES = {
    "article": "a text to keep: a story, post, documentation or about page, an item's description",
    "index": "a page of links to other pages: a home or section page, a listing (forum threads, "
             "search results, browse lists), a stream of posts; many teasers, little prose",
    "login": "a login or registration wall, or a page whose one message is that the reader must log in",
    "error": "the page asked for is not there: an HTTP 4xx/5xx answer, or a 200 answer whose title or "
             "one message says 'not found', 'an error occurred', 'requires JavaScript' in any language",
    "redirect": "an HTTP 3xx answer (its body, if any, is not the page)",
    "form": "a page that is a search or settings form and little else",
    "empty": "nothing to keep: no text, or only noise (empty_reason says which)",
}


@dataclass(frozen=True)
class Trace:
    """The fate of one input line, for `cleaner explain`."""

    line: int
    text: str
    kept: bool
    reason: str | None = None
    rule: str | None = None


@dataclass
class Metadata:
    """What a page says about itself; the HTML path reads it from the markup, the text path from lines."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    sitename: str | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1
    description: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    image: str | None = None


METADATA_FIELDS = tuple(f.name for f in fields(Metadata))


@dataclass
class Document(Metadata):
    """A cleaned page: body text, metadata and the removals that produced it."""

    text: str = ""
    kind: str = "text"
    page_type: str = "article"  # one of PAGE_TYPES
    comments: str | None = None
    markdown: str | None = None
    empty_reason: str | None = None
    removed: list[Removal] = field(default_factory=list)
    trace: list[Trace] = field(default_factory=list, repr=False)

    def metadata(self) -> dict[str, Any]:
        """The metadata fields only."""
        return {name: getattr(self, name) for name in METADATA_FIELDS}

    def to_dict(self, *, with_removed: bool = True) -> dict[str, Any]:
        """JSON-ready form (the trace is left out: `cleaner explain` prints it)."""
        out: dict[str, Any] = {"text": self.text, **self.metadata(), "kind": self.kind,
                               "page_type": self.page_type}
        if self.comments is not None:
            out["comments"] = self.comments
        if self.empty_reason:
            out["empty_reason"] = self.empty_reason
        if with_removed:
            # Plain dicts, not dataclasses.asdict: its deep copy dominated batch output time.
            names = REMOVAL_FIELDS
            out["removed"] = [{name: getattr(r, name) for name in names} for r in self.removed]
        return out
