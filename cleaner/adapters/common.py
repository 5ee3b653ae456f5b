"""The per-page step every adapter shares: one page in, a plain dict out, never an exception.

Hosts differ in how they carry a page (datatrove's `Document`, a NeMo Curator record, a dolma
linearizer's string), but each needs the same answer: the text, our metadata, the page type and
how many lines went for which reason, flattened under one key prefix so it cannot collide with
the host's own fields.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..api import clean
from ..batch.payload import classify
from ..document import METADATA_FIELDS
from ..errors import CleanerError
from ..options import DEFAULT, Options

PREFIX = "cleaner_"
NOT_ARTICLES = ("index", "login", "error", "redirect", "form", "empty")
KEEP = ("articles", "all")


def clean_page(data: str | bytes, *, url: str | None = None, kind: str | None = None,
               content_type: str | None = None, status: int | None = None,
               options: Options = DEFAULT) -> dict[str, Any]:
    """Clean one page into `{"text", "page_type", "metadata", "removed", "error"}`.

    `metadata` holds our fields (title, author, date, …, empty_reason) without the prefix;
    `removed` counts removed lines or blocks by reason code. A payload that is not a page (a
    stylesheet, a script, robots.txt, an image: the batch runner's payload classifier decides, as
    hosts often hand over every record) gives `page_type` "skipped"; input that cannot be read
    (binary data) "failed"; each with `error` saying why. A bug in a rule also gives "failed" rather
    than stopping the host's pipeline (the host's own sandbox handles hangs and crashes).
    """
    head = data[:8192] if isinstance(data, bytes) else data[:8192].encode("utf-8", "replace")
    verdict = classify(content_type, url, head)
    if verdict.skip:  # a stylesheet, script, robots.txt, image…: hosts often hand us every record
        return _failed(f"not a page: {verdict.skip}", "skipped")
    try:
        doc = clean(data, url=url, kind=kind, content_type=content_type, status=status, options=options)
    except CleanerError as exc:
        return _failed(f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # a bug on one page must not end the host's whole task
        return _failed(f"{type(exc).__name__}: {str(exc)[:300]}")
    metadata = {name: getattr(doc, name) for name in METADATA_FIELDS}
    if doc.empty_reason:
        metadata["empty_reason"] = doc.empty_reason
    return {"text": doc.text, "page_type": doc.page_type, "metadata": metadata,
            "removed": dict(Counter(r.reason for r in doc.removed)), "error": None}


def _failed(error: str, page_type: str = "failed") -> dict[str, Any]:
    return {"text": "", "page_type": page_type, "metadata": {}, "removed": {}, "error": error}


def kept(result: dict[str, Any], keep: str) -> bool:
    """Whether a page goes on down the host's pipeline: articles with text, or (keep="all")
    every page that has text, whatever its type."""
    if not result["text"]:
        return False
    return keep == "all" or result["page_type"] == "article"


def flat_metadata(result: dict[str, Any], prefix: str = PREFIX) -> dict[str, Any]:
    """The result's metadata, page type and removal counts as flat prefixed fields, skipping
    empty values (hosts often store metadata as columns; None and [] only add noise)."""
    out: dict[str, Any] = {f"{prefix}{k}": v for k, v in result["metadata"].items() if v not in (None, "", [])}
    out[f"{prefix}page_type"] = result["page_type"]
    out[f"{prefix}removed"] = dict(result["removed"])
    if result["error"]:
        out[f"{prefix}error"] = result["error"]
    return out
