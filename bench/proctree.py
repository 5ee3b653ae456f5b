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


def _tree(root: int, table: dict[int, tuple[int, str, int]]) -> list[int]:
    """`root` and all its descendants (those in `table`)."""
    children: dict[int, list[int]] = {}
    for pid, (ppid, _state, _rss) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in table:
            found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def tree_rss(root: int) -> tuple[int, int]:
    """(RSS of `root` and all its descendants, RSS of `root` alone), in bytes."""
    table = _table()
    return sum(table[pid][2] for pid in _tree(root, table)), table[root][2] if root in table else 0


def _pss(pid: int) -> int:
    """Proportional set size of one process in bytes (shared pages divided among their sharers), 0 if gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


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
    (seconds since start, tree RSS, parent RSS); the largest RSS any process below the parent reached
    (a worker's peak), and the tree's peak PSS (sampled less often: reading it costs more). RSS summed
    over a tree counts every page a forked worker shares with its parent once per process; PSS
    divides shared pages among their sharers, so it is the tree's real footprint."""

    seconds: float
    cpu: float
    returncode: int
    stderr: str
    samples: list[tuple[float, int, int]] = field(default_factory=list)
    worker_peak: int = 0
    pss_peak: int = 0

    @property
    def peak(self) -> int:
        return max((s[1] for s in self.samples), default=0)


def run_sampled(cmd: list[str], interval: float = 0.1, env: Mapping[str, str] | None = None,
                pss_every: float = 0.5) -> Run:
    """Run `cmd` (stdout discarded), sampling its process tree's RSS every `interval` seconds and its
    PSS every `pss_every` seconds."""
    cpu_before = children_cpu()
    samples: list[tuple[float, int, int]] = []
    peaks = {"worker": 0, "pss": 0}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=dict(env) if env is not None else None)
    done = threading.Event()

    def sample() -> None:
        next_pss = 0.0
        while not done.is_set():
            table = _table()
            pids = _tree(proc.pid, table)
            if pids:
                now = time.perf_counter() - started
                parent = table[proc.pid][2] if proc.pid in table else 0
                samples.append((now, sum(table[pid][2] for pid in pids), parent))
                peaks["worker"] = max([peaks["worker"], *(table[pid][2] for pid in pids if pid != proc.pid)])
                if now >= next_pss:
                    peaks["pss"] = max(peaks["pss"], sum(_pss(pid) for pid in pids))
                    next_pss = now + pss_every
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return Run(seconds, children_cpu() - cpu_before, proc.returncode, err.decode("utf-8", "replace"), samples,
               peaks["worker"], peaks["pss"])
