"""Shard tasks: one shard's work done wherever it runs (the local runner's parent, a Dask worker on
another machine), reading its own inputs and writing its own work file and outputs.

A shard is described by a small `Shard`: runs of records of input files (`Segment`: a file and a
record range), never the page bytes, so a scheduler ships a few hundred bytes per task.
`plan_shards` cuts the run's files into shards of `shard_size` records, the same boundaries the
local runner gets by cutting the stream of records it reads; `count_records` gives the record count
of each file that the plan needs (one record for a page file, found from its first bytes).

Pass 1, `process_shard`: read the shard's records, reuse its saved results when their key matches
(the inputs' bytes and the options), else clean the pages and save the results through a temp file
and rename; return counts and, per cleaned page, the small data the reduce needs (`PageSummary`).
Pass 2, `write_shard`: a shard's saved results plus the site templates and first-ids of the texts it
holds (both small) in, its outputs written atomically and its manifest lines out.
"""

from __future__ import annotations

import errno
import itertools
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import closing
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path

from ..options import Options
from . import sources
from .resume import State, key_of
from .shard import (
    OutputSpec,
    PageFn,
    PageSummary,
    clean_record,
    describe,
    finish_shard,
    outcome_of,
    reduce_page,
    settle,
    summarise,
)
from .sources import Fields, InputFile, Record
from .templates import TemplateCounter, text_hash
from .workers import Outcome, PagePool
from .writers import write_atomic

PAGE_WRITE_ERRORS = {errno.ENAMETOOLONG}  # one output's path too long (a deep input tree): that page fails
PATH_MAX = 4096 - 64  # Linux's PATH_MAX, less room for the temp file beside the output


@dataclass(frozen=True)
class Segment:
    """Records [start, stop) of one input file, in the order `sources.read_records` yields them."""

    item: InputFile
    start: int
    stop: int


@dataclass(frozen=True)
class Shard:
    """What a task needs to find its pages: its number and its runs of input records."""

    number: int
    segments: tuple[Segment, ...]
    read_bytes: int = 0  # input bytes of the files whose last record is in this shard (for progress)

    def records(self, fields: Fields) -> Iterator[Record]:
        """The shard's records, read from the files. A file split over several shards is read from its
        start by each of them: records are numbered, and ids made unique, in reading order."""
        for seg in self.segments:
            with closing(sources.read_records(seg.item, fields)) as reader:
                yield from itertools.islice(reader, seg.start, seg.stop)


def count_records(items: Iterable[InputFile], fields: Fields) -> list[tuple[int, Counter]]:
    """Per input file: how many records `read_records` yields, and the archive records it counts
    without listing (request, metadata, warcinfo). A page file is one record, known from its head."""
    out = []
    for item in items:
        unlisted: Counter[str] = Counter()
        if item.skip is not None or _one_record(item):
            out.append((1, unlisted))
            continue
        with closing(sources.read_records(item, fields, unlisted)) as reader:
            out.append((sum(1 for _ in reader), unlisted))
    return out


def _one_record(item: InputFile) -> bool:
    """True when the file is a page or is skipped whole (read_records yields exactly one record)."""
    try:
        with sources.open_decompressed(item.path) as stream:
            head = stream.read(sources.SNIFF_BYTES)
    except Exception:  # cannot open or read: one failure record, or a count by reading says so
        return False
    return sources.sniff_source(head, item.path.name)[0] in ("page", "skip")


def plan_shards(items: list[InputFile], counts: list[int], size: int) -> list[Shard]:
    """Shards of `size` records over the files in walk order: the boundaries the local runner gets by
    cutting its stream of records, so every engine writes the same part files."""
    shards: list[Shard] = []
    segments: list[Segment] = []
    filled = read = 0
    for item, n in zip(items, counts, strict=True):
        start = 0
        while start < n:
            take = min(n - start, size - filled)
            segments.append(Segment(item, start, start + take))
            filled, start = filled + take, start + take
            read += item.size if start == n else 0
            if filled == size:
                shards.append(Shard(len(shards), tuple(segments), read))
                segments, filled, read = [], 0, 0
    if segments:
        shards.append(Shard(len(shards), tuple(segments), read))
    return shards


@dataclass(frozen=True)
class ShardJob:
    """What every pass-1 task of one run shares: where the work files go and what results depend on."""

    state_root: Path
    options: Options
    fields: Fields
    fingerprint: dict  # what results depend on besides the page bytes (runner._fingerprint)
    timeout: float = 60.0
    page_fn: PageFn = clean_record
    force: bool = False
    max_tasks: int = 0
    served_keys: bool = True  # block keys of each page as served, for site templates (off: --no-templates)


@dataclass
class ShardStats:
    """What a pass-1 task sends back: counts, and the reduce's input (a few hashes per page)."""

    number: int
    pages: int = 0
    failed: int = 0
    cached: int = 0  # pages whose results an earlier run saved
    sites: list[str] = field(default_factory=list)  # every site of the shard's pages (pass 2 needs their templates)
    summaries: list[PageSummary] = field(default_factory=list)
    worker: int = 0  # process id of whoever ran it


class Pass1Shard:
    """One shard's pass 1: its entries, and either the results an earlier run saved under the same
    key or the pages still to clean (`todo`, settled one by one, then `save`)."""

    def __init__(self, number: int, records: list[Record], job: ShardJob) -> None:
        self.number, self.records, self.job = number, records, job
        self.entries = [describe(r) for r in records]
        self.key = key_of(job.fingerprint, [[e["id"], e["sha256"], e["size"], e["status"], e["reason"], e["url"],
                                             e["out_stem"], r.kind_hint, r.meta]
                                            for e, r in zip(self.entries, records, strict=True)])
        self.state = State(job.state_root)
        saved = None if job.force else self.state.load_pass1(number, self.key)
        self.cached = saved is not None
        if saved is not None:
            self.entries = saved[1]
        self.todo = [] if self.cached else [i for i, e in enumerate(self.entries) if e["status"] is None]
        self.left = len(self.todo)

    def tasks(self) -> Iterator[tuple[tuple[int, int], Record]]:
        """(key, record) of every page to clean, for a PagePool."""
        for i in self.todo:
            yield (self.number, i), self.records[i]

    def settle(self, i: int, outcome: Outcome) -> dict:
        ok, page, error = outcome.value if outcome.ok else (False, None, outcome.error)
        self.left -= 1
        return settle(self.entries[i], ok, page, error, outcome.seconds)

    def save(self) -> None:
        """Save the results (atomically: a killed task leaves none or all); OSError when it cannot."""
        self.state.save_pass1(self.number, self.key, self.entries)
        self.records = []

    def stats(self) -> ShardStats:
        pages = len(self.entries)
        return ShardStats(self.number, pages, sum(e["status"] == "failed" for e in self.entries),
                          pages if self.cached else 0, sorted({e["site"] for e in self.entries}),
                          [s for s in map(summarise, self.entries) if s is not None], os.getpid())


def process_shard(shard: Shard, job: ShardJob) -> ShardStats:
    """Pass 1 of one shard, start to end, in this process and its page worker: read the pages, reuse
    the saved results or clean the pages and save them, and return counts and page summaries."""
    return process_run([shard], job)[0]


def process_run(shards: list[Shard], job: ShardJob) -> list[ShardStats]:
    """Pass 1 of consecutive shards (`runs`), reading their inputs in one pass: the shards of one
    archive or JSONL file are read once, not each from the file's start. Each shard is saved as soon
    as it is done, so a task lost halfway loses only the shards it had not saved."""
    out = []
    with _PageRunner(job) as pages:
        for shard, records in zip(shards, _read_run(shards, job.fields), strict=True):
            work = Pass1Shard(shard.number, records, job)
            if not work.cached:
                for i, outcome in pages.run(work):
                    work.settle(i, outcome)
                work.save()
            out.append(work.stats())
    return out


def _read_run(shards: list[Shard], fields: Fields) -> Iterator[list[Record]]:
    """The records of each shard in turn, reading each file once even when shards share it."""
    merged: list[Segment] = []
    for shard in shards:
        for seg in shard.segments:
            if merged and merged[-1].item == seg.item and merged[-1].stop == seg.start:
                merged[-1] = Segment(seg.item, merged[-1].start, seg.stop)
            else:
                merged.append(seg)
    stream = Shard(-1, tuple(merged)).records(fields)
    for shard in shards:
        yield list(itertools.islice(stream, sum(seg.stop - seg.start for seg in shard.segments)))


def runs(shards: list[Shard], max_records: int) -> list[list[Shard]]:
    """Shards grouped into tasks: the shards that go on with one archive or JSONL file join the task of
    the shard where that file starts (one pass over the file, where one task per shard would read its
    start again for every shard), up to about `max_records` records a task, so one very large file
    still spreads over workers. A task keeps to one such file: a shard that goes on with the next file
    starts a new task (reading again at most one shard's records of that file), so tasks do not chain
    file after file into one."""
    out: list[list[Shard]] = []
    size = 0
    anchor: InputFile | None = None  # the file the current task was made to read in one pass
    for shard in shards:
        n = sum(seg.stop - seg.start for seg in shard.segments)
        first = shard.segments[0]
        if out and first.start > 0 and first.item == anchor and size + n <= max_records:
            out[-1].append(shard)
            size += n
        else:
            out.append([shard])
            size, anchor = n, shard.segments[-1].item
    return out


class _PageRunner:
    """Runs a shard's pages, each under the run's time limit, in one killable page worker: a page
    that hangs or crashes the parser costs that page, as in the local runner, never the task. A
    daemonic process (a Dask worker left at distributed.worker.daemon=True) may not fork one: there
    the pages run in this process under the library's cooperative time budget.

    The page worker outlives the task and serves the next task of the same run in this process (a
    Dask worker runs many): with a fresh one per task, the Dask run of 2,000 dev-set pages took 69.0
    CPU-seconds against 66.6 (the local runner: 60.4 and 60.8 in the same benchmark runs), each new
    child's first pages copying the parent's memory page by page. It dies with this process."""

    _kept: tuple[tuple, PagePool] | None = None  # (what its page function depends on, the pool)

    def __init__(self, job: ShardJob) -> None:
        self.job = job
        self.key = (job.options, job.page_fn, job.timeout, job.max_tasks)
        self.pool: PagePool | None = None

    def __enter__(self) -> _PageRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is None:
            return
        if exc[0] is None:
            _PageRunner._kept = (self.key, self.pool)
        else:  # a page may still be running in it
            self.pool.__exit__(*exc)

    def _pool(self) -> PagePool:
        kept, _PageRunner._kept = _PageRunner._kept, None
        if kept is not None and kept[0] == self.key:
            return kept[1]
        if kept is not None:
            kept[1].__exit__(None, None, None)
        fn = partial(outcome_of, options=self.job.options, page_fn=self.job.page_fn, served=self.job.served_keys)
        return PagePool(fn, 1, self.job.timeout, self.job.max_tasks).__enter__()

    def run(self, work: Pass1Shard) -> Iterator[tuple[int, Outcome]]:
        job = self.job
        if not work.todo:
            return
        if multiprocessing.current_process().daemon:
            options = replace(job.options, time_budget=job.options.time_budget or job.timeout)
            for i in work.todo:
                started = time.perf_counter()
                value = outcome_of(work.records[i], options, job.page_fn, job.served_keys)
                yield i, Outcome(True, value, None, time.perf_counter() - started)
            return
        if self.pool is None:  # on the first page to clean: a run reused whole needs none
            self.pool = self._pool()
        for (_, i), outcome in self.pool.run(work.tasks()):
            yield i, outcome


class Reducer:
    """The reduce of pass 1: site-template counts and the first id of every cleaned text, fed shard by
    shard in shard order (lossy template counting depends on arrival order: the same order on every
    engine gives the same templates), whatever order the shards finish in."""

    def __init__(self) -> None:
        self.counter = TemplateCounter()
        self.canonical: dict[str, str] = {}  # cleaned-text hash -> smallest id with that text
        self._waiting: dict[int, list[PageSummary]] = {}
        self._next = 0

    def add(self, number: int, summaries: list[PageSummary]) -> None:
        self._waiting[number] = summaries
        while self._next in self._waiting:
            for page in self._waiting.pop(self._next):
                reduce_page(page, self.counter, self.canonical)
            self._next += 1

    def done(self, shards: int) -> None:
        if self._waiting or self._next != shards:
            raise RuntimeError(f"reduce incomplete: {self._next} of {shards} shards, {len(self._waiting)} waiting")


@dataclass(frozen=True)
class WriteFailure:
    """What a pass-2 task sends back when writing failed: the runner turns it into an OutputError
    (an OSError's errno does not survive a worker's pipe)."""

    errno: int | None
    strerror: str
    filename: str | None


def write_shard(shard_no: int, state_root: Path, spec: OutputSpec, out_dir: Path | None,
                templates: Mapping[str, frozenset[int]], canonical: Mapping[str, str]
                ) -> tuple[list[dict], str] | WriteFailure:
    """Pass 2 of one shard: (manifest lines, text for stdout), or a WriteFailure. The shard's outputs
    are written atomically, then its done marker; a shard done before under the same key is skipped.
    `templates` and `canonical` may be the run's or only those of the shard's sites and texts."""
    try:
        return _write_shard(shard_no, State(state_root), spec, out_dir, templates, canonical)
    except OSError as exc:
        return WriteFailure(exc.errno, exc.strerror or str(exc), str(exc.filename) if exc.filename else None)


def _write_shard(shard_no: int, state: State, spec: OutputSpec, out_dir: Path | None,
                 templates: Mapping[str, frozenset[int]], canonical: Mapping[str, str]) -> tuple[list[dict], str]:
    loaded = state.load_pass1(shard_no)
    if loaded is None:
        raise RuntimeError(f"work file of shard {shard_no} vanished during the run")
    pass1_key, entries = loaded
    sites = sorted({e["site"] for e in entries})
    key = key_of(pass1_key, asdict(spec), {s: sorted(templates.get(s, ())) for s in sites},
                 [canonical.get(text_hash(e["doc"]["text"])) if e.get("doc") else None for e in entries])
    lines = state.load_done(shard_no, key) if spec.mode != "stdout" else None
    if lines is not None:
        return lines, ""
    done = finish_shard(shard_no, entries, templates, canonical, spec)
    if spec.mode == "stdout" or out_dir is None:
        return done.manifest, "".join(text for _, text in done.files)
    for rel, text in done.files:
        target = out_dir / rel
        try:
            if len(os.fsencode(target)) >= PATH_MAX:  # a deep input tree mirrored under a longer DIR
                raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), str(target))
            write_atomic(target, text)
        except OSError as exc:
            if exc.errno not in PAGE_WRITE_ERRORS:
                raise
            for line in done.manifest:  # this page's path cannot exist here: the page fails, not the run
                if line["output"] == rel:
                    line.update(status="failed", reason=f"cannot write output: {exc.strerror}", output=None)
    state.save_done(shard_no, key, done.manifest)
    return done.manifest, ""


def shard_subsets(sites: Iterable[str], hashes: Iterable[str], templates: Mapping[str, frozenset[int]],
                  canonical: Mapping[str, str]) -> tuple[dict[str, frozenset[int]], dict[str, str]]:
    """The templates of a shard's sites and the first ids of its texts (`ShardStats.sites` and the
    summaries' hashes): all its pass 2 needs, so a task carries kilobytes, not the run's duplicate map."""
    mine = {s: templates[s] for s in sites if s in templates}
    firsts = {h: canonical[h] for h in hashes if h in canonical}
    return mine, firsts
