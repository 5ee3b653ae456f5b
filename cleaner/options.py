"""One frozen options object, passed whole instead of a row of keyword arguments."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .limits import MAX_INPUT_SIZE

PRESETS = ("precision", "balanced", "recall")


@dataclass(frozen=True)
class Options:
    """How hard to clean and what to keep.

    `preset` trades precision against recall: `precision` drops doubtful blocks,
    `recall` keeps them, `balanced` sits between.

    Limits (see README, Library): `max_input_size` bytes (characters for `str` input), checked before
    decoding; `time_budget` seconds per page (None: none), after which `clean()` returns an empty
    document whose `empty_reason` says so, or raises `TimeBudgetExceeded` when `budget_raises` is set.
    """

    preset: str = "balanced"
    include_comments: bool = False
    include_tables: bool = True
    include_links: bool = False
    include_images: bool = False
    with_trace: bool = False  # keep a per-line trace for `cleaner explain`
    target_language: str | None = None
    max_input_size: int = MAX_INPUT_SIZE
    time_budget: float | None = None
    budget_raises: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.max_input_size, int) or self.max_input_size <= 0:
            raise ValueError(f"max_input_size must be a positive int, not {self.max_input_size!r}")
        if self.time_budget is not None and not (isinstance(self.time_budget, (int, float))
                                                 and self.time_budget > 0):
            raise ValueError(f"time_budget must be a positive number of seconds or None, not {self.time_budget!r}")
        if self.preset not in PRESETS:
            raise ValueError(f"unknown preset {self.preset!r}; choose one of {', '.join(PRESETS)}")

    def with_(self, **changes: object) -> Options:
        """A copy with some fields changed."""
        return replace(self, **changes)


DEFAULT = Options()
