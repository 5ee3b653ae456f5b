"""`--engine dask` on a real local Dask cluster: a scheduler and two worker processes, as
`dask scheduler` and `dask worker` would run them. The same files as a local run, pages cleaned
in the workers, a worker killed mid-run, a rerun that redoes nothing."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_batch_run import config, manifest, mixed, same_files, site_page  # noqa: F401 (fixture)

from cleaner.batch import run
from cleaner.batch.shard import clean_record

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    """Scheduler and 2 single-threaded worker processes; workers may fork (page workers)."""
    with dask.config.set({"distributed.worker.daemon": False}):
        local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=50)
        client = distributed.Client(local)
        yield local, client
        client.close()
        local.close()


def on(cluster, paths, out, **kw):  # type: ignore[no-untyped-def]
    return config(paths, out, engine="dask", scheduler=cluster[0].scheduler_address, **kw)


def stamp_process(record, options):  # type: ignore[no-untyped-def]
    """A page function that says which process cleaned the page and which process started that one."""
    doc = clean_record(record, options)
    return replace(doc, title=f"{os.getpid()} {os.getppid()}")


def slow(record, options):  # type: ignore[no-untyped-def]
    time.sleep(0.05)
    return clean_record(record, options)


def test_pages_are_cleaned_in_the_cluster_workers(cluster, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(12):
        (src / f"p{i}.txt").write_text(site_page(i))
    out = tmp_path / "out"
    result = run(on(cluster, [src], out, shard_size=3), page_fn=stamp_process)
    assert result.tally.counts["cleaned"] == 12 and result.shards == 4
    workers = set(cluster[1].run(os.getpid).values())
    stamps = [json.loads((out / line["output"]).read_text())["title"].split() for line in manifest(out)]
    parents = {int(parent) for _, parent in stamps}
    assert os.getpid() not in workers
    assert parents <= workers  # each page ran in a page worker of a Dask worker process
    assert not {int(pid) for pid, _ in stamps} & (workers | {os.getpid()})


@pytest.mark.parametrize(("fmt", "size"), [("json", 4), ("jsonl", 2)])  # size 2: the WARC and JSONL span shards
def test_same_files_as_a_local_run_and_a_rerun_redoes_nothing(cluster, mixed: Path, tmp_path: Path,  # noqa: F811
                                                              fmt: str, size: int) -> None:
    local, remote = tmp_path / "local", tmp_path / "dask"
    first = run(config([mixed], local, fmt=fmt, shard_size=size))
    dasked = run(on(cluster, [mixed], remote, fmt=fmt, shard_size=size))
    same_files(local, remote)
    assert dasked.shards == first.shards == -(-11 // size) and dasked.tally.counts == first.tally.counts
    assert dasked.tally.unlisted == first.tally.unlisted
    again = run(on(cluster, [mixed], remote, fmt=fmt, shard_size=size))
    assert again.reused == sum(first.tally.counts.values())  # every shard skipped
    same_files(local, remote)


def test_no_dask_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.cli import main

    (tmp_path / "a.txt").write_text(site_page(1))
    monkeypatch.setitem(__import__("sys").modules, "distributed", None)  # as if not installed
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"),
                                       "--engine", "dask"])
    assert result.exit_code == 2
    assert "pip install 'cleaner[dask]'" in result.output


def test_a_worker_killed_mid_run_costs_only_its_shards(cluster, tmp_path: Path) -> None:
    src = tmp_path / "in"
    for i in range(60):
        folder = src / f"f{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"p{i:02d}.txt").write_text(site_page(i % 45))
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    run(config([src], whole, shard_size=5, fmt="jsonl"), page_fn=slow)
    client = cluster[1]
    work = killed / ".cleaner" / "pass1"
    shot: list[int] = []

    def kill_one_busy_worker() -> None:
        deadline = time.monotonic() + 60
        while len(list(work.glob("*.zst"))) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        busy = [addr for addr, keys in client.processing().items() if keys]
        pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
        os.kill(pid, signal.SIGKILL)
        shot.append(len(list(work.glob("*.zst"))))

    killer = threading.Thread(target=kill_one_busy_worker)
    killer.start()
    result = run(on(cluster, [src], killed, shard_size=5, fmt="jsonl"), page_fn=slow)
    killer.join()
    assert shot and shot[0] < 12, "the worker was not killed mid-run"
    assert result.tally.counts["cleaned"] == 60
    # a shard the killed worker saved but could not report is found saved by its retry, not redone
    assert result.reused <= 10
    same_files(whole, killed)
    assert not [p for p in killed.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("size", [1, 2, 4, 200])
def test_the_plan_cuts_the_local_runners_shards(mixed: Path, size: int) -> None:  # noqa: F811
    from cleaner.batch.runner import _shards
    from cleaner.batch.sources import Fields, read_records, walk
    from cleaner.batch.tasks import count_records, plan_shards, runs

    items = list(walk([str(mixed)]))
    local = [[r.id for r in batch] for batch in _shards((r for i in items for r in read_records(i, Fields())), size)]
    counts = [n for n, _ in count_records(items, Fields())]
    shards = plan_shards(items, counts, size)
    assert [[r.id for r in shard.records(Fields())] for shard in shards] == local
    grouped = runs(shards, 10_000)
    assert [s for run_ in grouped for s in run_] == shards
    assert all(s.segments[0].start > 0 for run_ in grouped for s in run_[1:])  # only a file's shards share a task


def test_a_daemonic_worker_cleans_its_pages_in_process(mixed: Path, tmp_path: Path,  # noqa: F811
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A Dask worker left daemonic may not fork a page worker: the same results, cleaned in-process."""
    from types import SimpleNamespace

    from cleaner import Options
    from cleaner.batch import tasks
    from cleaner.batch.resume import State
    from cleaner.batch.sources import Fields, walk

    items = list(walk([str(mixed)]))
    (shard,) = tasks.plan_shards(items, [n for n, _ in tasks.count_records(items, Fields())], 50)

    def entries(root: Path) -> list[dict]:
        job = tasks.ShardJob(root, Options(), Fields(), {"test": 1}, timeout=20)
        stats = tasks.process_shard(shard, job)
        assert stats.pages == 11 and stats.cached == 0
        return [{k: v for k, v in e.items() if k != "seconds"} for e in State(root).load_pass1(0)[1]]

    forked = entries(tmp_path / "forked")
    monkeypatch.setattr(tasks.multiprocessing, "current_process", lambda: SimpleNamespace(daemon=True))
    assert entries(tmp_path / "in-process") == forked
