"""The batch on a Dask cluster (`cleaner clean ... --engine dask`): the local runner's two passes,
with one Dask task per shard instead of one pool task per page.

1. Plan: tasks of up to PLAN_FILES input files count each file's records (a page file is one; an
   archive or JSONL file is read), so the client cuts the same shards as the local runner without
   reading a page (`tasks.plan_shards`).
2. Pass 1: `tasks.process_shard` per shard. The task reads its own inputs, cleans its pages in one
   killable page worker (time limit and crash isolation per page, as locally), saves its work file
   atomically, and sends back counts and a few hashes per page. Shards that go on with one archive or
   JSONL file share a task (`tasks.runs`, up to RUN_RECORDS records), which reads the file once. The
   client reduces the summaries, in shard order, into the site templates and the first id of every text.
3. Pass 2: `tasks.write_shard` per shard, with the templates of its sites and the first ids of its
   texts: it writes the shard's outputs atomically and sends back its manifest lines, which the client
   writes, in shard order, into the same manifest as a local run.

A worker lost mid-run costs its unfinished shards: Dask runs them again elsewhere, and since every
file is replaced atomically the redo writes the same bytes; temp files a killed worker left are swept
at the end. A rerun reuses every shard whose inputs and options have not changed.

Workers must see the inputs and the output folder at the same paths as the client (a shared file
system); paths are made absolute before they are sent.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .progress import Progress
from .shard import OutputSpec
from .sources import Fields, InputFile
from .tasks import (
    Reducer,
    Shard,
    ShardJob,
    ShardStats,
    WriteFailure,
    count_records,
    plan_shards,
    process_run,
    runs,
    shard_subsets,
    write_shard,
)

if TYPE_CHECKING:
    from .runner import BatchConfig

PLAN_FILES = 256  # input files per counting task: opening a file costs far less than a task
RUN_RECORDS = 10_000  # records a pass-1 task may take from one archive or JSONL file (tasks.runs)
# Settings for the cluster this engine starts (remote workers read their own Dask config). Each task
# runs its pages in a forked page worker (time limit, crash isolation), and Dask's worker processes
# are daemons by default, which may not fork. The rest turns down Dask's own periodic work, meant for
# its dashboard: the stack sampler (every 10 ms), the event-loop tick (20 ms), the system and memory
# monitors; on 2 busy cores they took about 8 % of a core per idle worker, measured with an idle
# cluster of 2 workers for 60 s: 4.9 CPU-seconds by default, 0.6 with these.
LOCAL_SETTINGS = {
    "distributed.worker.daemon": False,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}
INSTALL_HINT = "the dask engine needs dask and distributed: pip install 'cleaner[dask]'"


def _pass1_task(shards: list[Shard], job: ShardJob) -> list[ShardStats] | WriteFailure:
    """`process_run`, with a failed save sent back as data (an OSError raised in a task cannot be
    told apart, on the client, from the client's own connection errors)."""
    try:
        return process_run(shards, job)
    except OSError as exc:
        return WriteFailure(exc.errno, exc.strerror or str(exc), str(exc.filename) if exc.filename else None)


def _count_task(items: list[InputFile], fields: Fields) -> list[tuple[int, Counter]]:
    return count_records(items, fields)


class DaskEngine:
    """A connection to a Dask cluster for one run (a LocalCluster of `jobs` workers when no scheduler
    is given), and the run's passes as Dask tasks."""

    def __init__(self, config: BatchConfig, out_dir: Path | None) -> None:
        from .runner import UsageError

        self.config = config
        self.client: Any = None
        self.cluster: Any = None
        self._settings: Any = None
        self._hashes: dict[int, tuple[list[str], list[str]]] = {}  # shard -> (its sites, its text hashes)
        remote = bool(config.scheduler or config.scheduler_file)
        error = None
        if remote and out_dir is None:
            error = "a Dask cluster needs an output folder (-o DIR) on a file system every worker sees"
        elif remote and "-" in config.paths:
            error = "stdin (-) cannot reach the workers of a Dask cluster: save it to a file every worker sees"
        if error is not None:
            raise UsageError(error)

    def __enter__(self) -> DaskEngine:
        from .runner import BatchError, UsageError

        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError(INSTALL_HINT) from None
        # LOCAL_SETTINGS reach the workers of the local cluster; remote workers need them in their own
        # environment (DASK_DISTRIBUTED__WORKER__DAEMON=False), else they clean pages in-process.
        self._settings = dask.config.set(LOCAL_SETTINGS)
        self._settings.__enter__()
        config = self.config
        try:
            if config.scheduler:
                self.client = Client(config.scheduler, timeout=30)
            elif config.scheduler_file:
                self.client = Client(scheduler_file=config.scheduler_file, timeout=30)
            else:
                self.cluster = LocalCluster(n_workers=config.jobs, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError, ValueError) as exc:
            self.__exit__(None, None, None)
            where = config.scheduler or config.scheduler_file or "a local cluster"
            raise BatchError(f"cannot reach the Dask scheduler ({where}): {exc}") from exc
        return self

    def __exit__(self, *exc: object) -> None:
        for thing in (self.client, self.cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # closing a cluster that lost its workers: nothing left to do
                    pass
        self.client = self.cluster = None
        if self._settings is not None:
            self._settings.__exit__(None, None, None)
            self._settings = None

    def pass1(self, items: list[InputFile], job: ShardJob, size: int, progress: Progress
              ) -> tuple[Reducer, int, Counter]:
        """Plan the shards, run pass 1 as one task per shard, and reduce their summaries in shard order."""
        from distributed import as_completed

        from .runner import output_error

        client = self.client
        chunks = [items[i:i + PLAN_FILES] for i in range(0, len(items), PLAN_FILES)]
        counts: list[int] = []
        unlisted: Counter[str] = Counter()
        for done in client.gather(client.map(_count_task, chunks, fields=job.fields, pure=False)):
            for n, kinds in done:
                counts.append(n)
                unlisted.update(kinds)
        shards = plan_shards(items, counts, size)
        reducer = Reducer()
        # the largest tasks first (a file's shards share one): none is left to run alone at the end
        futures = [client.submit(_pass1_task, run, job=job, pure=False,
                                 priority=sum(seg.stop - seg.start for shard in run for seg in shard.segments))
                   for run in runs(shards, RUN_RECORDS)]
        for future in as_completed(futures):
            done = _result(future)
            future.release()
            if isinstance(done, WriteFailure):
                for other in futures:
                    other.cancel()
                raise output_error(OSError(done.errno, done.strerror, done.filename), job.state_root.parent)
            for stats in done:
                progress.read(shards[stats.number].read_bytes)
                for n in range(stats.pages):
                    progress.page(failed=n < stats.failed, cached=bool(stats.cached))
                reducer.add(stats.number, stats.summaries)
                self._hashes[stats.number] = (stats.sites, [p[4] for p in stats.summaries])
        return reducer, len(shards), unlisted

    def pass2(self, shards: int, state_root: Path, spec: OutputSpec, out_dir: Path | None,
              templates: Mapping[str, frozenset[int]], canonical: Mapping[str, str]
              ) -> Iterator[tuple[list[dict], str] | WriteFailure]:
        """Pass 2 as one task per shard, each with the templates and first ids its pages need; the
        results in shard order."""
        futures = []
        for n in range(shards):
            sites, hashes = self._hashes.pop(n)
            mine, firsts = shard_subsets(sites, hashes, templates, canonical)
            futures.append(self.client.submit(write_shard, n, state_root, spec, out_dir, mine, firsts, pure=False))
        for future in futures:
            yield _result(future)
            future.release()


def _result(future: Any) -> Any:
    """A task's result; a task that took down every worker it ran on ends the run with a message."""
    from distributed import KilledWorker

    from .runner import BatchError

    try:
        return future.result()
    except KilledWorker as exc:
        raise BatchError(f"a task killed every Dask worker it ran on ({exc}); start the workers with "
                         "DASK_DISTRIBUTED__WORKER__DAEMON=False so that each page runs in a page worker of "
                         "its own, then run the same command again to resume") from exc
