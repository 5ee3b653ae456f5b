"""Shared test fixtures: where the dev sets and the samples are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BENCH = Path(os.environ.get("CLEANER_BENCH", ROOT.parent / "shared" / "bench"))


@pytest.fixture(scope="session")
def bench_dir() -> Path:
    if not (BENCH / "scrapinghub" / "ground-truth.json").exists():
        pytest.skip(f"dev sets not found at {BENCH}")
    return BENCH

# A three-paragraph local news story, for the text path's tests (a dump's body between its page chrome).
PARAGRAPHS = [
    "The council met on Tuesday to discuss the budget for the new library, and the mayor said the plan "
    "would be put to a vote before the summer after a long debate.",
    "Residents had asked for longer opening hours for years, and the new building is meant to give them "
    "a reading room that stays open until ten in the evening on weekdays.",
    "The vote is expected in June, when the council will also decide on the cost of the new roof and on "
    "the money that the library can spend on books over the next three years.",
]
