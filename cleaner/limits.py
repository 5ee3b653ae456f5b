"""Per-page limits that hold inside the library: input size, and a time budget checked cooperatively.

The budget is a deadline in a context variable, set by `clean()` for the duration of one call and
checked with `check()` at stage boundaries and in long loops. Why not SIGALRM: a signal handler runs
only in the main thread and would replace the caller's own handler; a context variable works the
same in threads, asyncio tasks and worker processes, and a stage is never interrupted halfway through
an lxml call (so no tree is left half-edited). The price: the budget can be overshot by the longest
single stage between two checks; the rules are linear in their input and the tree is bounded, so
that overshoot is bounded too.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import TimeBudgetExceeded

# Larger inputs are not single web pages; checked before decoding, so a 100 MiB blob costs nothing.
MAX_INPUT_SIZE = 64 * 1024 * 1024  # bytes for bytes input, characters for str input
MAX_HTML_CHARS = 20_000_000  # an HTML page's bound in characters, once decoded (the parser's)

_deadline: ContextVar[tuple[float, float] | None] = ContextVar("cleaner_deadline", default=None)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the enclosed code under a budget of `seconds` (None: no budget); nests, the tighter wins."""
    if seconds is None:
        yield
        return
    now = time.monotonic()
    outer = _deadline.get()
    deadline = now + seconds
    if outer is not None and outer[0] < deadline:
        deadline, seconds = outer  # an enclosing, tighter budget stays in force
    token = _deadline.set((deadline, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def check(stage: str) -> None:
    """Raise TimeBudgetExceeded when the current page's budget is spent; `stage` names where."""
    current = _deadline.get()
    if current is not None and time.monotonic() > current[0]:
        raise TimeBudgetExceeded(f"time budget of {current[1]:g} s exceeded (at {stage})")
