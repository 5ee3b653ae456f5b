"""The batch worker pool: warm before forking, recycled by memory, and workers that die with their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.proctree import children
from cleaner.batch import workers
from cleaner.batch.workers import PagePool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

_WARM_MARK: list[str] = []


def _pid(_payload: object) -> int:
    return os.getpid()


def _mark(_payload: object) -> list[str]:
    return list(_WARM_MARK)



def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_warm_up_runs_in_the_parent_before_forking() -> None:
    with PagePool(_mark, 1, timeout=30, warm=lambda: _WARM_MARK.append("warm")) as pool:
        [(_, outcome)] = list(pool.run([(0, None)]))
    _WARM_MARK.clear()
    assert outcome.ok and outcome.value == ["warm"]


def test_default_warm_up_cleans_a_page_in_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    import cleaner.api

    monkeypatch.setattr(workers, "_warmed", False)
    monkeypatch.setattr(cleaner.api, "clean", lambda data, **kw: calls.append(kw.get("kind")))
    monkeypatch.setattr(workers, "release_free_memory", lambda: calls.append("trim"))
    monkeypatch.setattr(workers.gc, "freeze", lambda: calls.append("freeze"))
    workers.warm_up()
    workers.warm_up()  # once per process
    # the heap's free pages go back before the fork, so no worker inherits them as resident memory
    assert calls == ["html", "text", "trim", "freeze"]


def test_worker_recycled_when_its_memory_passes_the_limit() -> None:
    tasks = [(i, None) for i in range(4)]
    with PagePool(_pid, 1, timeout=30, max_rss_mib=1, warm=None) as pool:  # every worker is over 1 MiB
        recycled = {outcome.value for _, outcome in pool.run(tasks)}
    with PagePool(_pid, 1, timeout=30, max_rss_mib=1e9, warm=None) as pool:
        kept = {outcome.value for _, outcome in pool.run(tasks)}
    assert len(recycled) == 4 and len(kept) == 1


_POOL_PARENT = """
import sys, time
from cleaner.batch.workers import PagePool
with PagePool(time.sleep, 2, timeout=600, warm=None) as pool:
    print(" ".join(str(w.proc.pid) for w in pool.workers), flush=True)
    for _ in pool.run([(i, 300) for i in range(2)]):
        pass
"""


def test_busy_workers_die_when_their_parent_is_killed() -> None:
    parent = subprocess.Popen([sys.executable, "-c", _POOL_PARENT], stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(pid) for pid in parent.stdout.readline().split()]  # type: ignore[union-attr]
        assert len(pids) == 2 and all(_alive(pid) for pid in pids)
        time.sleep(0.3)  # the workers are asleep inside their task: only the parent's death can end them
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    assert _wait_for(lambda: not any(_alive(pid) for pid in pids), 5), "orphaned workers survive their parent"


def test_cleaner_clean_workers_die_when_it_is_killed(tmp_path: Path) -> None:
    """Issue 11 item 0: SIGKILL a real `cleaner clean -j 2` mid-run; its workers must go too."""
    pages = tmp_path / "in"
    pages.mkdir()
    story = "".join(f"<p>Paragraph {i} of a long story that keeps the workers busy for a while.</p>"
                    for i in range(20000))
    for i in range(12):
        (pages / f"page{i}.html").write_text(f"<html><body><article>{story}</article><!-- {i} --></body></html>")
    cli = [sys.executable, "-c", "from cleaner.cli import main; main()"]
    parent = subprocess.Popen([*cli, "clean", str(pages), "-o", str(tmp_path / "out"), "-j", "2", "--no-progress"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for(lambda: len(children(parent.pid)) >= 2, 60), "the workers never started"
        pids = children(parent.pid)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    assert _wait_for(lambda: not any(_alive(pid) for pid in pids), 5), "orphaned workers survive their parent"
