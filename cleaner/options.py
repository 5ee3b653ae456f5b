"""One frozen options object, passed whole instead of a row of keyword arguments."""

from __future__ import annotations

from dataclasses import dataclass, replace

PRESETS = ("precision", "balanced", "recall")


@dataclass(frozen=True)
class Options:
    """How hard to clean and what to keep.

    `preset` trades precision against recall: `precision` drops doubtful blocks,
    `recall` keeps them, `balanced` sits between.
    """

    preset: str = "balanced"
    include_comments: bool = False
    include_tables: bool = True
    include_links: bool = False
    include_images: bool = False
    with_trace: bool = False  # keep a per-line trace for `cleaner explain`
    target_language: str | None = None

    def __post_init__(self) -> None:
        if self.preset not in PRESETS:
            raise ValueError(f"unknown preset {self.preset!r}; choose one of {', '.join(PRESETS)}")

    def with_(self, **changes: object) -> Options:
        """A copy with some fields changed."""
        return replace(self, **changes)


DEFAULT = Options()
