"""A process pool that can kill: each page gets a time limit, and a worker that hangs past it,
crashes (segfault, os._exit) or runs out of memory is killed, reported, and replaced.

concurrent.futures cannot kill a running task, so the pool manages its processes itself: one
pipe per worker and one task in flight per worker, which is how a death is pinned on one page.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

# fork: workers start in milliseconds and inherit the page function, whatever module it lives in.
_CTX = mp.get_context("fork")


@dataclass(frozen=True)
class Outcome:
    """What happened to one task: `value` when ok, else `error` says why."""

    ok: bool
    value: Any = None
    error: str | None = None
    seconds: float = 0.0


def _serve(conn: Connection, fn: Callable[[Any], Any]) -> None:
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
        try:
            conn.send((key, *result, time.perf_counter() - started))
        except Exception as exc:  # an unpicklable result
            conn.send((key, False, None, f"result not sendable: {type(exc).__name__}: {exc}",
                       time.perf_counter() - started))


class _Worker:
    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.conn, child = _CTX.Pipe()
        self.proc = _CTX.Process(target=_serve, args=(child, fn), daemon=True)
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

    `max_tasks` recycles a worker after that many pages, so memory a page leaks does not pile up.
    """

    def __init__(self, fn: Callable[[Any], Any], jobs: int, timeout: float, max_tasks: int = 1000) -> None:
        self.fn, self.jobs, self.timeout, self.max_tasks = fn, max(1, jobs), timeout, max_tasks
        self.workers: list[_Worker] = []

    def __enter__(self) -> PagePool:
        self.workers = [_Worker(self.fn) for _ in range(self.jobs)]
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
                self.workers[i] = _Worker(self.fn)
                self.workers[i].give(*task)
        return True

    def _collect(self, worker: _Worker) -> Outcome:
        try:
            if worker.conn.poll():
                _, ok, value, error, seconds = worker.conn.recv()
                worker.done += 1
                if worker.done >= self.max_tasks:
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
        self.workers[self.workers.index(worker)] = _Worker(self.fn)
