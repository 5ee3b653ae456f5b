"""Progress on stderr: a live bar on a terminal, plain periodic lines otherwise, a summary at the end."""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import TextIO

BAR_WIDTH = 24


def _eta(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


class Progress:
    """Counts pages as they finish. The ETA comes from input bytes read, since the number of pages
    in JSONL and WARC files is not known until they are read."""

    def __init__(self, total_bytes: int, stream: TextIO | None = None, live: bool | None = None,
                 interval: float | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.interval = interval if interval is not None else (0.2 if self.live else 10.0)
        self.enabled = enabled
        self.total_bytes = max(total_bytes, 1)
        self.read_bytes = 0
        self.pages = self.failed = self.cached = 0
        self.started = time.monotonic()
        self._shown = self.started  # first line after one interval: short runs stay quiet

    def read(self, nbytes: int) -> None:
        """An input file of `nbytes` is being read."""
        self.read_bytes += nbytes

    def page(self, failed: bool = False, cached: bool = False) -> None:
        self.pages += 1
        self.failed += failed
        self.cached += cached
        now = time.monotonic()
        if self.enabled and now - self._shown >= self.interval:
            self._shown = now
            self.show()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        fresh = self.pages - self.cached
        rate = fresh / elapsed
        share = min(self.read_bytes / self.total_bytes, 1.0)
        eta = elapsed * (1 - share) / share if share > 0.01 and fresh else None
        cached = f", {self.cached} done before" if self.cached else ""
        text = f"{self.pages} pages, {rate:.1f} pages/s, {self.failed} failed{cached}, ETA {_eta(eta)}"
        if not self.live:
            return f"cleaner: {share:.0%} of input read; " + text
        filled = int(share * BAR_WIDTH)
        return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:4.0%} " + text

    def show(self) -> None:
        if self.live:
            self.stream.write("\r\x1b[K" + self.line())
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()

    def done(self) -> None:
        if self.enabled and self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def summary_text(counts: Counter, reasons: Counter, duplicates: int, seconds: float, top: int = 5,
                 unlisted: Counter | None = None, reused: int = 0) -> str:
    """The end-of-run summary: pages per status, archive records counted but not listed, and the
    commonest failure reasons."""
    total = sum(counts.values())
    parts = [f"{counts.get(s, 0)} {s.replace('_', '-')}" for s in
             ("cleaned", "empty", "not_article", "skipped", "duplicate", "failed")]
    text = f"cleaner: {total} inputs in {seconds:.1f}s: " + ", ".join(parts)
    if duplicates:
        text += f"; {duplicates} exact duplicates"
    if reused:
        text += f"; {reused} done by an earlier run (resumed)"
    if unlisted:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(unlisted.items()))
        text += f"; not listed: {sum(unlisted.values())} archive records ({kinds})"
    for reason, n in reasons.most_common(top):
        text += f"\n  failed {n:6}  {reason}"
    return text + "\n"
