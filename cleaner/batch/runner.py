"""`run(config)`: the batch, in two passes over shards.

Inputs are walked in a stable order and cut into shards of `shard_size` records.
Pass 1 cleans every page in a pool of killable workers (one time limit per page) and saves each
finished shard's results; as results arrive it counts site-template blocks and exact duplicates.
Pass 2 goes through the shards in order, strips the site templates, flags duplicates, and writes
the shard's outputs and manifest lines.

How this maps to a distributed engine: pass 1 is `shard.clean_shard` mapped over shards, each
emitting its results and (site, text hash, block keys) per page; one reduce gives the template sets
and the duplicate map (both small); pass 2 is `shard.finish_shard` mapped over shards with those
broadcast. The shard boundaries depend only on the inputs, so any engine gets the same files.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..options import Options
from . import sources
from .manifest import ManifestWriter, Tally
from .progress import Progress, summary_text
from .resume import STATE_DIR, State, key_of
from .shard import KEEP, OutputSpec, PageFn, account, clean_record, describe, finish_shard, outcome_of, settle
from .sources import Fields, Record
from .templates import TemplateCounter, TemplateSettings, text_hash
from .workers import PagePool
from .writers import sweep_temp, write_atomic

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
PASS2_TIMEOUT = 3600.0  # finishing a shard is our own code on saved results: no page can hang it


def cores() -> int:
    """Cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class BatchConfig:
    """Everything a batch run depends on; the same config on the same inputs gives the same files."""

    paths: tuple[str, ...]
    output_dir: Path | None = None
    fmt: str = "json"  # txt, json, jsonl, markdown; jsonl with an output folder writes parts
    options: Options = field(default_factory=Options)
    jobs: int = field(default_factory=lambda: cores())
    timeout: float = 60.0
    shard_size: int = 200
    force: bool = False
    dedup: bool = False
    keep: str = "articles"  # write cleaned articles only ("articles") or every page cleaned ("all")
    with_metadata: bool = True
    fields: Fields = field(default_factory=Fields)
    templates: TemplateSettings = field(default_factory=TemplateSettings)
    progress: bool = True
    progress_interval: float | None = None
    max_tasks_per_worker: int = 0  # 0: workers are recycled by memory only (workers.MAX_WORKER_RSS_MIB)


@dataclass
class Result:
    """What a run did: counts per status, and the exit status that says whether anything failed."""

    tally: Tally
    shards: int
    seconds: float
    reused: int = 0  # pages whose pass-1 results came from an earlier run

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.tally.failed else EXIT_OK


def _spool_stdin(paths: tuple[str, ...], folder: Path) -> list[str]:
    """`-` reads stdin once, into a file named `stdin`, so it can be sniffed and read like any input."""
    out = []
    for given in paths:
        if given == "-":
            target = folder / "stdin"
            with open(target, "wb") as handle:
                shutil.copyfileobj(sys.stdin.buffer, handle)
            out.append(str(target))
        else:
            out.append(given)
    return out


def _shards(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(config: BatchConfig, page_fn: PageFn = clean_record, stdout: TextIO | None = None,
        stderr: TextIO | None = None) -> Result:
    """Clean every page under `config.paths`; see the module docstring for the two passes."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    started = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="cleaner-"))
    try:
        paths = _spool_stdin(config.paths, scratch)
        out_dir = config.output_dir
        if out_dir is None:
            mode = "stdout"
            state = State(scratch / STATE_DIR)
        else:
            if any(Path(p).resolve() == out_dir.resolve() for p in paths):
                raise ValueError(f"the output folder {out_dir} is also an input folder: choose another one")
            mode = "parts" if config.fmt == "jsonl" else "mirror"
            out_dir.mkdir(parents=True, exist_ok=True)
            sweep_temp(out_dir)
            state = State(out_dir / STATE_DIR)
            if config.force:
                state.reset()
        if config.keep not in KEEP:
            raise ValueError(f"keep must be one of {', '.join(KEEP)}, not {config.keep!r}")
        spec = OutputSpec(mode, config.fmt, config.with_metadata, config.dedup, config.keep)
        exclude = [out_dir] if out_dir is not None else []
        total = sum(item.size for item in sources.walk(paths, exclude))
        progress = Progress(total, stderr, interval=config.progress_interval, enabled=config.progress)
        counter, canonical, shards, unlisted = _pass1(config, paths, exclude, state, page_fn, progress)
        progress.done()
        templates = counter.templates(config.templates)
        del counter
        tally = _pass2(shards, state, templates, canonical, spec, out_dir, stdout, config.jobs)
        tally.unlisted = unlisted
        state.prune(shards)
        if mode == "parts":
            _prune_parts(out_dir, shards)
        seconds = time.monotonic() - started
        if config.progress:
            stderr.write(summary_text(tally.counts, tally.reasons, tally.duplicates, seconds, unlisted=tally.unlisted))
            stderr.flush()
        return Result(tally, shards, seconds, progress.cached)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _fingerprint(config: BatchConfig, page_fn: PageFn) -> dict:
    """What pass-1 results depend on besides the page bytes."""
    return {"version": __version__, "options": dataclasses.asdict(config.options),
            "fields": dataclasses.asdict(config.fields), "timeout": config.timeout,
            "page_fn": f"{page_fn.__module__}.{page_fn.__qualname__}",
            "limits": [sources.MAX_PAGE_BYTES, sources.MAX_JSON_BYTES]}


def _pass1(config: BatchConfig, paths: list[str], exclude: list[Path], state: State, page_fn: PageFn,
           progress: Progress) -> tuple[TemplateCounter, dict[str, str], int, Counter]:
    """Clean every page (or reuse a shard's saved results); count templates, duplicates and the
    archive records that are not listed (request, metadata, warcinfo)."""
    counter = TemplateCounter()
    unlisted: Counter[str] = Counter()
    canonical: dict[str, str] = {}  # cleaned-text hash -> smallest id with that text
    fingerprint = _fingerprint(config, page_fn)
    pending: dict[int, dict] = {}  # shard -> {"key", "entries", "left"}
    shard_count = 0

    def finish(shard_no: int) -> None:
        job = pending.pop(shard_no)
        state.save_pass1(shard_no, job["key"], job["entries"])
        for entry in job["entries"]:
            account(entry, counter, canonical)

    def records() -> Iterator[Record]:
        for item in sources.walk(paths, exclude):
            progress.read(item.size)
            yield from sources.read_records(item, config.fields, unlisted)

    def tasks() -> Iterator[tuple[tuple[int, int], Record]]:
        nonlocal shard_count
        for shard_no, batch in enumerate(_shards(records(), config.shard_size)):
            shard_count = shard_no + 1
            entries = [describe(r) for r in batch]
            key = key_of(fingerprint, [[e["id"], e["sha256"], e["size"], e["status"], e["reason"], e["url"],
                                        e["out_stem"], r.kind_hint, r.meta]
                                       for e, r in zip(entries, batch, strict=True)])
            saved = None if config.force else state.load_pass1(shard_no, key)
            if saved is not None:
                for entry in saved[1]:
                    account(entry, counter, canonical)
                    progress.page(failed=entry["status"] == "failed", cached=True)
                continue
            pending[shard_no] = {"key": key, "entries": entries, "left": 0}
            todo = [i for i, e in enumerate(entries) if e["status"] is None]
            pending[shard_no]["left"] = len(todo)
            for entry in entries:
                if entry["status"] is not None:
                    progress.page(failed=entry["status"] == "failed")
            if not todo:
                finish(shard_no)
            for i in todo:
                yield (shard_no, i), batch[i]

    work = partial(outcome_of, options=config.options, page_fn=page_fn)
    with PagePool(work, config.jobs, config.timeout, config.max_tasks_per_worker) as pool:
        for (shard_no, i), outcome in pool.run(tasks()):
            job = pending[shard_no]
            ok, page, error = outcome.value if outcome.ok else (False, None, outcome.error)
            entry = settle(job["entries"][i], ok, page, error, outcome.seconds)
            progress.page(failed=entry["status"] == "failed")
            job["left"] -= 1
            if job["left"] == 0:
                finish(shard_no)
    return counter, canonical, shard_count, unlisted


def _pass2(shards: int, state: State, templates: dict[str, frozenset[int]], canonical: dict[str, str],
           spec: OutputSpec, out_dir: Path | None, stdout: TextIO, jobs: int) -> Tally:
    """Write every shard's outputs and manifest lines; the manifest in shard order.

    With an output folder the shards are finished in parallel by a fresh pool, forked now so that
    the template sets and the duplicate map reach the workers without being sent.
    """

    def finish_one(shard_no: int) -> tuple[list[dict], str]:
        loaded = state.load_pass1(shard_no)
        if loaded is None:
            raise RuntimeError(f"work file of shard {shard_no} vanished during the run")
        pass1_key, entries = loaded
        sites = sorted({e["site"] for e in entries})
        key = key_of(pass1_key, dataclasses.asdict(spec), {s: sorted(templates.get(s, ())) for s in sites},
                     [canonical.get(text_hash(e["doc"]["text"])) if e.get("doc") else None for e in entries])
        lines = state.load_done(shard_no, key) if spec.mode != "stdout" else None
        if lines is not None:
            return lines, ""
        done = finish_shard(shard_no, entries, templates, canonical, spec)
        if spec.mode == "stdout":
            return done.manifest, "".join(text for _, text in done.files)
        for rel, text in done.files:
            write_atomic(out_dir / rel, text)
        state.save_done(shard_no, key, done.manifest)
        return done.manifest, ""

    tally = Tally()
    manifest = ManifestWriter(out_dir) if out_dir is not None else None
    try:
        for lines, text in _in_order(finish_one, shards, jobs if spec.mode != "stdout" else 1):
            stdout.write(text)
            for line in lines:
                tally.add(line)
                if manifest is not None:
                    manifest.write(line)
        if manifest is not None:
            manifest.commit()
    except BaseException:
        if manifest is not None:
            manifest.abort()
        raise
    stdout.flush()
    return tally


def _in_order(fn, count: int, jobs: int) -> Iterator:  # type: ignore[no-untyped-def]
    """fn(0), fn(1), ... in order; computed by a pool of `jobs` processes when jobs > 1."""
    if jobs <= 1 or count <= 1:
        yield from map(fn, range(count))
        return
    ready: dict[int, object] = {}
    wanted = 0
    with PagePool(fn, min(jobs, count), timeout=PASS2_TIMEOUT) as pool:
        for n, outcome in pool.run((n, n) for n in range(count)):
            if not outcome.ok:
                raise RuntimeError(f"finishing shard {n} failed: {outcome.error}")
            ready[n] = outcome.value
            while wanted in ready:
                yield ready.pop(wanted)
                wanted += 1


def _prune_parts(out_dir: Path, shards: int) -> None:
    """Parts past the last shard are left over from a run over more inputs."""
    for path in out_dir.glob("part-*.jsonl"):
        number = path.stem.split("-", 1)[1]
        if number.isdigit() and int(number) >= shards:
            path.unlink(missing_ok=True)
