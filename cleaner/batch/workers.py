"""A process pool that can kill: each page gets a time limit, and a worker that hangs past it,
crashes (segfault, os._exit) or runs out of memory is killed, reported, and replaced.

concurrent.futures cannot kill a running task, so the pool manages its processes itself: one
pipe per worker and one task in flight per worker, which is how a death is pinned on one page.

Workers are forked from a parent that has already imported the cleaner and cleaned one tiny page
(`warm_up`), so a new worker's first page costs what any page costs; a worker is replaced when its
memory (RSS) passes a limit even after giving free pages back, and dies with its parent (a killed
`cleaner clean` leaves no orphans).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

# fork: workers start in milliseconds and inherit the page function, whatever module it lives in.
_CTX = mp.get_context("fork")
MAX_WORKER_RSS_MIB = 600  # a worker past this resident size after a page is replaced (pages leak, trees fragment)
PARENT_CHECK_SECONDS = 1.0  # how often a worker checks for its parent where prctl is not available
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_WARM_HTML = (b"<!DOCTYPE html><html><head><title>Warm-up page</title>"
              b'<meta name="author" content="A. Writer"><meta property="article:published_time" content="2024-01-02">'
              b'</head><body><nav><a href="/">Home</a></nav><article class="story"><h1>Warm-up page</h1>'
              b"<p>Published 2 January 2024. This short page imports and sets up what every page needs, once, "
              b"in the parent process, so that every worker forked from it starts ready.</p>"
              b"<p>A second paragraph, so the extractor, the filters and the language detection all run.</p>"
              b"</article><footer>Copyright</footer></body></html>")
_WARM_TEXT = ("Warm-up dump\nHome | News | Sport\nThis short dump imports what the text path needs, once, "
              "in the parent process.\nA second line of prose, so every rule runs.\nCookie settings\n")
_warmed = False


def warm_up() -> None:
    """Import the cleaner and clean one tiny HTML page and one text dump in this process, once.

    Called in the parent before workers are forked: they inherit the modules and every first-use set-up
    (lxml, trafilatura, htmldate, the language model, compiled rule patterns) instead of each paying
    for it on its first page. The heap's free pages go back to the system first, and gc.freeze() then
    keeps the collector from touching (and so copying) the inherited objects in every worker.
    """
    global _warmed
    if _warmed:
        return
    _warmed = True
    from ..api import clean

    for data, kind in ((_WARM_HTML, "html"), (_WARM_TEXT, "text")):
        try:
            clean(data, kind=kind)
        except Exception:  # a warm-up failure only costs speed; the page itself will report the error
            pass
    # Set-up frees large temporaries (the compact language model is made from py3langid's 76 MiB one) that
    # the C heap would keep: every worker would inherit them as resident memory.
    release_free_memory()
    gc.freeze()


def _rss_mib() -> float:
    """This process's resident memory (current on Linux; peak elsewhere)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's malloc_trim; elsewhere nothing).

    A long batch frees page-sized buffers between long-lived small objects; the heap then keeps the
    freed pages resident, and a process's RSS creeps up with the pages it has seen although its live
    memory does not (50,000 pages: parent RSS 258 -> 441 MiB with a flat traced heap)."""
    global _trim
    if _trim is None:
        try:
            _trim = ctypes.CDLL(None).malloc_trim
        except (OSError, AttributeError):  # not glibc
            _trim = False
    if _trim:
        _trim(0)


_trim = None


def _die_with_parent(parent: int) -> None:
    """Make this worker die when the parent does, even mid-page: the kernel's parent-death signal on
    Linux, else a thread watching the parent pid. (An idle worker also sees its pipe close.)"""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the signal was armed
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(PARENT_CHECK_SECONDS)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


@dataclass(frozen=True)
class Outcome:
    """What happened to one task: `value` when ok, else `error` says why."""

    ok: bool
    value: Any = None
    error: str | None = None
    seconds: float = 0.0


def _serve(conn: Connection, fn: Callable[[Any], Any], parent: int, max_rss_mib: float) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        key, payload = msg
        started = time.perf_counter()
        try:
            result: tuple = (True, fn(payload), None)
        except Exception as exc:  # any bug in the page function fails that page only
            result = (False, None, f"{type(exc).__name__}: {str(exc)[:300]}")
        seconds = time.perf_counter() - started
        rss = _rss_mib()
        if rss > max_rss_mib:  # freed but still resident pages do not make a worker worth replacing
            release_free_memory()
            rss = _rss_mib()
        try:
            conn.send((key, *result, seconds, rss))
        except Exception as exc:  # an unpicklable result
            conn.send((key, False, None, f"result not sendable: {type(exc).__name__}: {exc}", seconds, rss))


class _Worker:
    def __init__(self, fn: Callable[[Any], Any], max_rss_mib: float) -> None:
        self.conn, child = _CTX.Pipe()
        self.proc = _CTX.Process(target=_serve, args=(child, fn, os.getpid(), max_rss_mib), daemon=True)
        self.proc.start()
        child.close()
        self.key: Any = None
        self.busy = False
        self.started = 0.0
        self.done = 0

    def give(self, key: Any, payload: Any) -> None:
        self.key, self.busy, self.started = key, True, time.monotonic()
        self.conn.send((key, payload))

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.proc.join(2)
        self.kill()


def _death(proc: mp.Process) -> str:
    proc.join(1)
    code = proc.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"worker crashed ({name})"
    return f"worker exited (code {code})"


class PagePool:
    """Run `fn` over tasks in `jobs` processes, each task with a time limit of `timeout` seconds.

    A worker is recycled when its resident memory passes `max_rss_mib` after a page, so memory that
    pages leak or fragment does not pile up; `max_tasks` (0: none) is a backstop count of pages.
    `warm` runs in this process before the workers are forked (see warm_up); None skips it.
    """

    def __init__(self, fn: Callable[[Any], Any], jobs: int, timeout: float, max_tasks: int = 0,
                 max_rss_mib: float = MAX_WORKER_RSS_MIB, warm: Callable[[], None] | None = warm_up) -> None:
        self.fn, self.jobs, self.timeout, self.max_tasks = fn, max(1, jobs), timeout, max_tasks
        self.max_rss_mib, self.warm = max_rss_mib, warm
        self.workers: list[_Worker] = []

    def __enter__(self) -> PagePool:
        if self.warm is not None:
            self.warm()
        self.workers = [_Worker(self.fn, self.max_rss_mib) for _ in range(self.jobs)]
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self.workers:
            if exc[0] is None and not worker.busy:
                worker.stop()
            else:
                worker.kill()
        self.workers = []

    def run(self, tasks: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, Outcome]]:
        """(key, Outcome) for every (key, payload) task, in completion order; tasks are pulled lazily."""
        todo = iter(tasks)
        more = self._fill(todo)
        while True:
            busy = [w for w in self.workers if w.busy]
            if not busy:
                if not more:
                    return
                more = self._fill(todo)
                continue
            now = time.monotonic()
            deadline = min(w.started for w in busy) + self.timeout
            ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy],
                             timeout=max(0.0, deadline - now)))
            now = time.monotonic()
            finished = []
            for worker in busy:
                key = worker.key
                outcome = None
                if worker.conn in ready or worker.proc.sentinel in ready:
                    outcome = self._collect(worker)
                elif now - worker.started >= self.timeout:
                    outcome = Outcome(False, error=f"timeout after {self.timeout:g}s (worker killed)",
                                      seconds=now - worker.started)
                    self._replace(worker)
                if outcome is not None:
                    worker.busy, worker.key = False, None
                    finished.append((key, outcome))
            if more:
                more = self._fill(todo)  # workers get their next page before the caller handles results
            yield from finished

    def _fill(self, todo: Iterator[tuple[Any, Any]]) -> bool:
        """Give a task to every idle worker; False once the tasks have run out."""
        for i, worker in enumerate(self.workers):
            if worker.busy:
                continue
            task = next(todo, None)
            if task is None:
                return False
            try:
                worker.give(*task)
            except OSError:  # died while idle (it should not): replace it and give it the task
                worker.kill()
                self.workers[i] = _Worker(self.fn, self.max_rss_mib)
                self.workers[i].give(*task)
        return True

    def _collect(self, worker: _Worker) -> Outcome:
        try:
            if worker.conn.poll():
                _, ok, value, error, seconds, rss = worker.conn.recv()
                worker.done += 1
                if rss > self.max_rss_mib or 0 < self.max_tasks <= worker.done:
                    self._replace(worker, gently=True)
                return Outcome(ok, value, error, seconds)
        except (EOFError, OSError):
            pass
        error = _death(worker.proc)
        seconds = time.monotonic() - worker.started
        self._replace(worker)
        return Outcome(False, error=error, seconds=seconds)

    def _replace(self, worker: _Worker, gently: bool = False) -> None:
        worker.stop() if gently else worker.kill()
        self.workers[self.workers.index(worker)] = _Worker(self.fn, self.max_rss_mib)
