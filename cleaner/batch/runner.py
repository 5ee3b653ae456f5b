"""`run(config)`: the batch, in two passes over shards.

Inputs are walked in a stable order and cut into shards of `shard_size` records.
Pass 1 cleans every page in a pool of killable workers (one time limit per page) and saves each
finished shard's results; shard by shard, in shard order, it counts site-template blocks and exact duplicates.
Pass 2 goes through the shards in order, strips the site templates, flags duplicates, and writes
the shard's outputs and manifest lines.

Both passes are shard tasks (tasks.py) that read and write their own files: here pass 1 reads the
inputs in this process and shares one pool of page workers among the shards, so a slow page never
holds up the others; `--engine dask` (engine_dask.py) runs `tasks.process_shard` and
`tasks.write_shard` as one Dask task per shard, over the same shard boundaries, and gets the same
files. Between the passes, one small reduce (`tasks.Reducer`, fed in shard order) gives the template
sets and the duplicate map.

One run at a time writes to an output folder (a POSIX lock on DIR/.cleaner/lock); a folder that cannot be
written (read-only, full) ends the run with an OutputError that says so, and since every finished
shard is saved atomically, the same run again resumes, as after Ctrl-C or kill -9.
"""

from __future__ import annotations

import dataclasses
import errno
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..decode import scrub
from ..options import Options
from . import sources
from .manifest import ManifestWriter, Tally
from .progress import Progress, summary_text
from .resume import STATE_DIR, State
from .shard import KEEP, OutputSpec, PageFn, clean_record, outcome_of
from .sources import Fields, Record
from .tasks import Pass1Shard, Reducer, ShardJob, WriteFailure, write_shard
from .templates import TemplateSettings
from .workers import PagePool, release_free_memory
from .writers import sweep_temp

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_OUTPUT, EXIT_LOCKED = 3, 4  # the output folder cannot be written; another run is writing to it
LOCK_FILE = "lock"  # in DIR/.cleaner/: locked (fcntl.lockf) by the run writing to DIR
PASS2_TIMEOUT = 3600.0  # finishing a shard is our own code on saved results: no page can hang it


def cores() -> int:
    """Cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class BatchError(Exception):
    """A run that cannot go on, with a message a person can act on and the exit status it means."""

    exit_code = EXIT_FAILED


class OutputError(BatchError):
    """The output folder (or TMPDIR, for work files) cannot be written: read-only, full, not a folder."""

    exit_code = EXIT_OUTPUT


class LockedError(BatchError):
    """Another run is writing to the same output folder."""

    exit_code = EXIT_LOCKED


class UsageError(BatchError):
    """The run cannot start as asked (an engine that is not installed, an input its workers cannot see)."""

    exit_code = EXIT_USAGE


class StdinTooLarge(BatchError):
    """Stdin holds more than `max_stdin_bytes`."""

    exit_code = EXIT_USAGE


_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
ENGINES = ("local", "dask")


def output_error(exc: OSError, where: Path | str) -> OutputError:
    """An OSError met while writing, as a message that says what to do about it."""
    if exc.errno in _FULL:
        hint = "free some space"
    elif exc.errno in _READ_ONLY:
        hint = "make it writable or choose another output folder"
    else:
        hint = "fix that"
    what = exc.strerror or str(exc)
    name = f" ({exc.filename})" if exc.filename else ""
    return OutputError(f"cannot write to {where}: {what}{name}; {hint}, then run the same command again "
                       "to resume where this run stopped")


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
    follow_links: bool = False  # follow symbolic links out of the given paths, and into folders
    max_stdin_bytes: int = 1024 * 1024 * 1024  # `-` is spooled to a temp file, up to this
    engine: str = "local"  # "local": this machine's processes; "dask": a Dask cluster (engine_dask.py)
    scheduler: str | None = None  # dask: the scheduler's address (tcp://HOST:8786); None: see scheduler_file
    scheduler_file: str | None = None  # dask: the scheduler's file; with neither, a local cluster of `jobs` workers


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


def _spool_stdin(paths: tuple[str, ...], folder: Path, limit: int) -> list[str]:
    """`-` reads stdin once, into a file named `stdin`, so it can be sniffed and read like any input;
    past `limit` bytes (`cleaner clean - < /dev/zero`) the run stops before filling TMPDIR."""
    out = []
    for given in paths:
        if given == "-":
            target = folder / "stdin"
            copied = 0
            try:
                with open(target, "wb") as handle:
                    while chunk := sys.stdin.buffer.read(1 << 20):
                        copied += len(chunk)
                        if copied > limit:
                            raise StdinTooLarge(
                                f"stdin holds more than {limit // (1024 * 1024)} MB: give it as a file, or raise "
                                "--max-stdin-mb")
                        handle.write(chunk)
            except OSError as exc:
                raise output_error(exc, f"the temp folder {folder.parent}") from exc
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
    try:
        scratch = Path(tempfile.mkdtemp(prefix="cleaner-"))
    except OSError as exc:
        raise output_error(exc, f"the temp folder {tempfile.gettempdir()}") from exc
    lock = None
    try:
        paths = _spool_stdin(config.paths, scratch, config.max_stdin_bytes)
        out_dir = config.output_dir
        if config.engine != "local":  # workers elsewhere see the same paths, not the same working folder
            paths = [os.path.abspath(p) for p in paths]
            out_dir = Path(os.path.abspath(out_dir)) if out_dir is not None else None
        if out_dir is None:
            mode = "stdout"
            state = State(scratch / STATE_DIR)
        else:
            if any(Path(p).resolve() == out_dir.resolve() for p in paths):
                raise ValueError(f"the output folder {out_dir} is also an input folder: choose another one")
            mode = "parts" if config.fmt == "jsonl" else "mirror"
            state = State(out_dir / STATE_DIR)
            try:
                out_dir.mkdir(parents=True, exist_ok=True)
                lock = _lock(out_dir)
                sweep_temp(out_dir)
                if config.force:
                    state.reset()
            except OSError as exc:
                raise output_error(exc, out_dir) from exc
        if config.keep not in KEEP:
            raise ValueError(f"keep must be one of {', '.join(KEEP)}, not {config.keep!r}")
        spec = OutputSpec(mode, config.fmt, config.with_metadata, config.dedup, config.keep)
        exclude = [out_dir] if out_dir is not None else []
        job = ShardJob(state.root, config.options, config.fields, _fingerprint(config, page_fn), config.timeout,
                       page_fn, config.force, config.max_tasks_per_worker, config.templates.enabled)
        with _engine(config, out_dir) as engine:
            # a distributed engine plans its shards from the list of files; here they are streamed
            items = list(sources.walk(paths, exclude, config.follow_links)) if engine is not None else None
            total = sum(item.size for item in (sources.walk(paths, exclude, config.follow_links)
                                               if items is None else items))
            progress = Progress(total, stderr, interval=config.progress_interval, enabled=config.progress)
            if engine is None:
                reducer, shards, unlisted = _pass1(config, paths, exclude, job, progress)
            else:
                reducer, shards, unlisted = engine.pass1(items, job, config.shard_size, progress)
            progress.done()
            reducer.done(shards)
            templates, canonical = reducer.counter.templates(config.templates), reducer.canonical
            del reducer
            release_free_memory()
            if engine is None:
                results = _pass2(shards, state, templates, canonical, spec, out_dir, config.jobs)
            else:
                results = engine.pass2(shards, state.root, spec, out_dir, templates, canonical)
            tally = _collect(results, out_dir if out_dir is not None else state.root, out_dir, stdout)
        tally.unlisted = unlisted
        state.prune(shards)
        if mode == "parts":
            _prune_parts(out_dir, shards)
        if engine is not None and out_dir is not None:
            sweep_temp(out_dir)  # a worker lost mid-write leaves its temp file; its shard was redone elsewhere
        seconds = time.monotonic() - started
        if config.progress:
            stderr.write(summary_text(tally.counts, tally.reasons, tally.duplicates, seconds, unlisted=tally.unlisted,
                                      reused=progress.cached))
            stderr.flush()
        return Result(tally, shards, seconds, progress.cached)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if lock is not None:
            os.close(lock)  # releases the lock (the kernel does the same when the process dies)


def _lock(out_dir: Path) -> int:
    """Lock DIR/.cleaner/lock, not waiting: two runs never write into one folder at once.

    A POSIX record lock (lockf), not flock: it belongs to this process alone, so forked workers do not
    inherit it, and it goes when this process ends, even on kill -9 with workers still alive: a stale
    lock file never blocks a rerun."""
    folder = out_dir / STATE_DIR
    folder.mkdir(exist_ok=True)
    fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno not in (errno.EACCES, errno.EAGAIN):
            os.close(fd)
            raise
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        os.close(fd)
        raise LockedError(f"another cleaner run{f' (process {holder})' if holder.isdigit() else ''} is writing to "
                          f"{out_dir}: wait for it to finish, or choose another output folder") from None
    except BaseException:
        os.close(fd)
        raise
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    return fd


def _fingerprint(config: BatchConfig, page_fn: PageFn) -> dict:
    """What pass-1 results depend on besides the page bytes."""
    return {"version": __version__, "options": dataclasses.asdict(config.options),
            "fields": dataclasses.asdict(config.fields), "timeout": config.timeout,
            "page_fn": f"{page_fn.__module__}.{page_fn.__qualname__}",
            "limits": [sources.MAX_PAGE_BYTES, sources.MAX_JSON_BYTES],
            "served_keys": config.templates.enabled}  # a run without templates saves no block keys


def _engine(config: BatchConfig, out_dir: Path | None):  # type: ignore[no-untyped-def]
    """A context giving the distributed engine the run uses, or None for this machine's processes."""
    if config.engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {config.engine!r}")
    if config.engine == "local":
        return nullcontext(None)
    from .engine_dask import DaskEngine

    return DaskEngine(config, out_dir)


def _pass1(config: BatchConfig, paths: list[str], exclude: list[Path], job: ShardJob,
           progress: Progress) -> tuple[Reducer, int, Counter]:
    """Clean every page (or reuse a shard's saved results) in a pool of killable page workers shared
    by all shards, reading the inputs here; feed the reduce (templates, duplicates) shard by shard, and
    count the archive records that are not listed (request, metadata, warcinfo)."""
    reducer = Reducer()
    unlisted: Counter[str] = Counter()
    pending: dict[int, Pass1Shard] = {}
    shard_count = 0

    def finish(shard: Pass1Shard) -> None:
        try:
            shard.save()
        except OSError as exc:
            raise output_error(exc, job.state_root.parent) from exc
        reducer.add(shard.number, shard.stats().summaries)
        release_free_memory()  # the shard's page states are gone: keep the parent's RSS its live size

    def records() -> Iterator[Record]:
        for item in sources.walk(paths, exclude, config.follow_links):
            progress.read(item.size)
            yield from sources.read_records(item, config.fields, unlisted)

    def tasks() -> Iterator[tuple[tuple[int, int], Record]]:
        nonlocal shard_count
        for shard_no, batch in enumerate(_shards(records(), config.shard_size)):
            shard_count = shard_no + 1
            shard = Pass1Shard(shard_no, batch, job)
            if shard.cached:
                for entry in shard.entries:
                    progress.page(failed=entry["status"] == "failed", cached=True)
                reducer.add(shard_no, shard.stats().summaries)
                continue
            for entry in shard.entries:
                if entry["status"] is not None:
                    progress.page(failed=entry["status"] == "failed")
            if not shard.todo:
                finish(shard)
                continue
            pending[shard_no] = shard
            yield from shard.tasks()

    work = partial(outcome_of, options=config.options, page_fn=job.page_fn, served=job.served_keys)
    with PagePool(work, config.jobs, config.timeout, config.max_tasks_per_worker) as pool:
        for (shard_no, i), outcome in pool.run(tasks()):
            shard = pending[shard_no]
            entry = shard.settle(i, outcome)
            progress.page(failed=entry["status"] == "failed")
            if shard.left == 0:
                finish(pending.pop(shard_no))
    return reducer, shard_count, unlisted


def _pass2(shards: int, state: State, templates: dict[str, frozenset[int]], canonical: dict[str, str],
           spec: OutputSpec, out_dir: Path | None, jobs: int) -> Iterator[tuple[list[dict], str] | WriteFailure]:
    """Every shard's (manifest lines, stdout text), in shard order.

    With an output folder the shards are finished in parallel by a fresh pool, forked now so that
    the template sets and the duplicate map reach the workers without being sent.
    """
    finish_one = partial(write_shard, state_root=state.root, spec=spec, out_dir=out_dir, templates=templates,
                         canonical=canonical)
    return _in_order(finish_one, shards, jobs if spec.mode != "stdout" else 1)


def _collect(results: Iterable[tuple[list[dict], str] | WriteFailure], where: Path,
             out_dir: Path | None, stdout: TextIO) -> Tally:
    """Write the shards' manifest lines (and stdout text) as they come, in shard order; the tally."""
    tally = Tally()
    manifest = None
    try:
        manifest = ManifestWriter(out_dir) if out_dir is not None else None
        for done in results:
            if isinstance(done, WriteFailure):
                raise output_error(OSError(done.errno, done.strerror, done.filename), where)
            lines, text = done
            stdout.write(scrub(text))
            for line in lines:
                tally.add(line)
                if manifest is not None:
                    manifest.write(line)
            release_free_memory()
        if manifest is not None:
            manifest.commit()
    except OSError as exc:
        if manifest is not None:
            manifest.abort()
        if exc.errno == errno.EPIPE:  # stdout closed by its reader (`| head`): not an output folder problem
            raise
        raise output_error(exc, where) from exc
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
