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
