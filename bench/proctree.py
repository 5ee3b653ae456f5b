"""A command's process tree, read from /proc: its memory while it runs, its children, its CPU time.

The benchmarks time and measure whole processes (the CLI with its workers), so they share this.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

_PAGE = os.sysconf("SC_PAGE_SIZE")


def _table() -> dict[int, tuple[int, str, int]]:
    """pid -> (parent pid, state, RSS in bytes) for every process."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        table[int(entry)] = (int(fields[1]), fields[0], int(fields[21]) * _PAGE)
    return table


def tree_rss(root: int) -> tuple[int, int]:
    """(RSS of `root` and all its descendants, RSS of `root` alone), in bytes."""
    table = _table()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _state, _rss) in table.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += table[pid][2] if pid in table else 0
        todo.extend(children.get(pid, []))
    return total, table[root][2] if root in table else 0


def children(pid: int) -> list[int]:
    """Live (not zombie) child processes of `pid`."""
    return [child for child, (ppid, state, _rss) in _table().items() if ppid == pid and state != "Z"]


def children_cpu() -> float:
    """CPU seconds used so far by this process's waited-for children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Run:
    """One command run: wall and CPU seconds, exit code, stderr, and RSS samples
    (seconds since start, tree RSS, parent RSS)."""

    seconds: float
    cpu: float
    returncode: int
    stderr: str
    samples: list[tuple[float, int, int]] = field(default_factory=list)

    @property
    def peak(self) -> int:
        return max((s[1] for s in self.samples), default=0)


def run_sampled(cmd: list[str], interval: float = 0.1, env: Mapping[str, str] | None = None) -> Run:
    """Run `cmd` (stdout discarded), sampling its process tree's RSS every `interval` seconds."""
    cpu_before = children_cpu()
    samples: list[tuple[float, int, int]] = []
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=dict(env) if env is not None else None)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            tree, parent = tree_rss(proc.pid)
            if tree:
                samples.append((time.perf_counter() - started, tree, parent))
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return Run(seconds, children_cpu() - cpu_before, proc.returncode, err.decode("utf-8", "replace"), samples)
