"""The per-page and per-shard work, as pure functions over records: no files, no processes.

Pass 1, `clean_shard`: records in, one result per record out (the cleaned document, or why
not). Pass 2, `finish_shard`: a shard's pass-1 results plus the run-wide site templates and
duplicate map in, the shard's output (files or one JSONL part) and manifest lines out.
The local runner calls `run_page` per page inside a killable worker; a distributed engine can
call `clean_shard` and `finish_shard` per shard unchanged (see runner.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..api import clean
from ..document import REMOVAL_FIELDS, Document, Removal
from ..errors import CleanerError
from ..html.parse import observing_parsed_trees
from ..options import Options
from ..output import EXTENSIONS, render
from .sources import Record
from .templates import (
    TemplateCounter,
    page_identity,
    page_keys,
    served_keys,
    site_of,
    strip_templates,
    text_hash,
    tree_keys,
)

PageFn = Callable[[Record, Options], Document]
STATUSES = ("cleaned", "empty", "not_article", "skipped", "duplicate", "failed")
KEEP = ("articles", "all")  # which pages pass 2 writes: cleaned articles only, or every page cleaned
HTTP_FIELDS = ("warc_type", "http_status", "content_type", "location")  # from Record.meta to the manifest


def clean_record(record: Record, options: Options) -> Document:
    """The default page function: clean the page, with the transport's view of it when it came by
    HTTP (status, Content-Type, headers); title and date from a scraper record fill gaps."""
    meta = record.meta
    doc = clean(record.data or "", url=record.url, kind=record.kind_hint, content_type=meta.get("content_type"),
                headers=meta.get("headers"), status=meta.get("http_status"), options=options)
    for key in ("title", "date"):
        if not getattr(doc, key) and record.meta.get(key):
            doc = replace(doc, **{key: record.meta[key]})
    return doc


SERVED_KEYS = "_served_keys"  # rides along with a page's state from the worker to its pass-1 entry


def run_page(record: Record, options: Options, page_fn: PageFn = clean_record, served: bool = True) -> dict:
    """Clean one page into its storable form, with the block keys of the page as served when `served`
    (for site templates); bad input raises CleanerError, bugs raise anything.

    An HTML page's keys come from the cleaner's own tree as parsed (the first, if the page function
    parses more than one), so they are read off the page as decoded and repaired for its output, at no
    second parse; a text dump's lines, or a page the page function did not parse, are keyed on their own."""
    if not served:
        return doc_state(page_fn(record, options))
    seen: list[set[int]] = []
    with observing_parsed_trees(lambda root: seen or seen.append(tree_keys(root))):
        state = doc_state(page_fn(record, options))
    state[SERVED_KEYS] = sorted(seen[0] if seen else served_keys(record.data, record.kind_hint))
    return state


_STATE_FIELDS = tuple(f.name for f in fields(Document) if f.name not in ("trace", "removed"))


def doc_state(doc: Document) -> dict:
    """A Document as plain data (everything but the explain trace), for pipes and work files; what
    dataclasses.asdict gives, without its deep copy of every string (a tenth of a batch page's cost
    outside clean())."""
    state = {name: getattr(doc, name) for name in _STATE_FIELDS}
    state["categories"], state["tags"] = list(doc.categories), list(doc.tags)
    state["removed"] = [{name: getattr(r, name) for name in REMOVAL_FIELDS} for r in doc.removed]
    return state


def doc_from_state(state: dict) -> Document:
    return Document(**{**state, "removed": [Removal(**r) for r in state.get("removed", [])]})


def describe(record: Record) -> dict:
    """The pass-1 entry of a record before cleaning: identity, size and hash of the page's bytes as
    read (an archive record's payload once transfer/content encoding is undone), site, HTTP facts,
    read outcome."""
    data = record.data
    raw = data.encode("utf-8") if isinstance(data, str) else (data or b"")
    entry: dict[str, Any] = {
        "id": record.id, "input": record.source, "url": record.url,
        "site": site_of(record.url, record.source), "out_stem": record.out_stem,
        "size": len(raw) if data is not None or record.size is None else record.size,
        "sha256": hashlib.sha256(raw).hexdigest() if data is not None else record.sha256,
        "status": None, "reason": None, "seconds": 0.0, "doc": None,
        "http": {k: record.meta[k] for k in HTTP_FIELDS if record.meta.get(k) is not None},
    }
    if record.skip:
        entry.update(status="skipped", reason=record.skip)
    elif record.fail:
        entry.update(status="failed", reason=record.fail)
    elif record.duplicate:
        entry.update(status="duplicate", reason=record.duplicate, duplicate_of=record.duplicate_of)
    return entry


PageSummary = tuple  # (id, site, page identity, block keys, text hash) of a page with cleaned text


def summarise(entry: dict) -> PageSummary | None:
    """The map step's output for one pass-1 entry: what the reduce needs of a page with text (a few
    hashes, not the page), or None for a page without."""
    doc = entry.get("doc")
    if not doc or not doc["text"].strip():
        return None
    keys = entry.get("keys")
    text = doc["text"]
    return (entry["id"], entry["site"], page_identity(entry["url"], entry["sha256"], text),
            tuple(keys) if keys is not None else tuple(sorted(page_keys(text))), text_hash(text))


def reduce_page(page: PageSummary, counter: TemplateCounter, canonical: dict[str, str]) -> None:
    """The reduce step for one page: its blocks into the site's template counts, its text into the
    first-id-per-text map (exact duplicates)."""
    rid, site, ident, keys, h = page
    # the counter looks at the text only to skip blank pages (a summary is never blank) and when no
    # identity or keys are given (both are): the hash stands in for it
    counter.add(site, h, ident, set(keys))
    if h not in canonical or rid < canonical[h]:
        canonical[h] = rid


def settle(entry: dict, ok: bool, state: dict | None, error: str | None, seconds: float) -> dict:
    """Fill a pass-1 entry with the outcome of cleaning its page."""
    entry["seconds"] = round(seconds, 4)
    if ok and state is not None:
        keys = state.pop(SERVED_KEYS, None)
        entry.update(status="ok", doc=state, keys=keys)
    else:
        entry.update(status="failed", reason=error or "unknown error")
    return entry


def outcome_of(record: Record, options: Options, page_fn: PageFn,
               served: bool = True) -> tuple[bool, dict | None, str | None]:
    """Run one page in this process, turning exceptions into a failure reason."""
    try:
        return True, run_page(record, options, page_fn, served), None
    except CleanerError as exc:
        return False, None, f"bad input: {exc}"
    except Exception as exc:  # a parser bug fails this page, not the batch
        return False, None, f"{type(exc).__name__}: {str(exc)[:300]}"


def clean_shard(records: Iterable[Record], options: Options, page_fn: PageFn = clean_record) -> list[dict]:
    """Pass 1 for one shard, in-process (no time limit: the caller's engine provides one)."""
    import time

    out = []
    for record in records:
        entry = describe(record)
        if entry["status"] is None:
            started = time.perf_counter()
            ok, state, error = outcome_of(record, options, page_fn)
            settle(entry, ok, state, error, time.perf_counter() - started)
        out.append(entry)
    return out


@dataclass(frozen=True)
class OutputSpec:
    """Where and how pass 2 writes: `mirror` (one file per page), `parts` (part-NNNNN.jsonl), `stdout`."""

    mode: str
    fmt: str
    with_metadata: bool = True
    dedup: bool = False
    keep: str = "articles"  # "articles": write cleaned articles only; "all": every page that was cleaned


@dataclass
class ShardOutput:
    """What pass 2 makes of one shard: files to write (relative path, content) and manifest lines."""

    files: list[tuple[str, str]] = field(default_factory=list)
    manifest: list[dict] = field(default_factory=list)


def part_name(shard_no: int) -> str:
    return f"part-{shard_no:05d}.jsonl"


def finish_shard(shard_no: int, entries: Iterable[dict], templates: Mapping[str, frozenset[int]],
                 canonical: Mapping[str, str], spec: OutputSpec) -> ShardOutput:
    """Pass 2 for one shard: strip site templates, flag duplicates, render, and describe each page.

    `canonical` maps a cleaned text's hash to the id of the first page (in id order) with that text.
    """
    out = ShardOutput()
    lines: list[str] = []
    fmt = "jsonl" if spec.mode != "mirror" and spec.fmt == "json" else spec.fmt
    for entry in entries:
        line = {k: entry[k] for k in ("id", "input", "url", "site")}
        line.update(status=entry["status"], reason=entry["reason"], output=None, size=entry["size"],
                    sha256=entry["sha256"], seconds=entry["seconds"])
        line.update(entry.get("http") or {})
        if entry.get("duplicate_of"):
            line["duplicate_of"] = entry["duplicate_of"]
        state = entry.get("doc")
        if state is None:
            out.manifest.append(line)
            continue
        doc = doc_from_state(state)
        if doc.text.strip():
            original = canonical.get(text_hash(doc.text), entry["id"])
            if original != entry["id"]:
                line["duplicate_of"] = original
        before = len(doc.removed)
        doc = strip_templates(doc, templates.get(entry["site"], frozenset()))
        if len(doc.removed) > before:
            line["template_lines"] = len(doc.removed) - before
        line["page_type"] = doc.page_type
        status = line.get("http_status")
        if status is not None and status >= 300:
            # the answer, not the body, says what this is: its page type is the cleaner's (redirect, error)
            line.update(status="not_article", reason=f"HTTP {status}")
        elif doc.page_type == "article" and doc.text.strip():
            line.update(status="cleaned", reason=None)
        elif doc.page_type in ("article", "empty"):
            line.update(status="empty", reason=doc.empty_reason or "no text left")
        else:
            line.update(status="not_article", reason=doc.page_type)
        wanted = line["status"] == "cleaned" or spec.keep == "all"
        if wanted and not (spec.dedup and "duplicate_of" in line):
            text = render(doc, fmt, with_metadata=spec.with_metadata, record_id=entry["id"])
            if spec.mode == "mirror":
                line["output"] = entry["out_stem"] + EXTENSIONS[fmt]
                out.files.append((line["output"], text))
            else:
                line["output"] = part_name(shard_no) if spec.mode == "parts" else None
                lines.append(text if fmt == "jsonl" else text.rstrip("\n"))
        out.manifest.append(line)
    if spec.mode != "mirror":
        out.files.append((part_name(shard_no), "".join(t + "\n" for t in lines)))
    return out
