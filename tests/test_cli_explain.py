"""`cleaner explain` and `cleaner clean` run as real processes on the samples."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import SAMPLES

SEED = SAMPLES / "002_995cb40eb3369109.txt"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner.cli", *args], capture_output=True, text=True, timeout=120)


def test_explain_lists_every_line_with_its_reason() -> None:
    result = _run("explain", "--no-color", str(SEED))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "navigation/breadcrumb" in out and "Home > MarketWatch > Industry News" in out
    assert "footer/copyright-line" in out and "media/image-name" in out and "metadata/dateline" in out
    assert "keep" in out
    numbered = [line for line in out.splitlines() if line[:5].strip().isdigit()]
    non_blank = [line for line in SEED.read_text("utf-8").splitlines() if line.strip()]
    assert len(numbered) == len(non_blank)


def test_explain_json() -> None:
    result = _run("explain", "--format", "json", str(SEED))
    data = json.loads(result.stdout)
    assert data["metadata"]["date"] == "2025-12-22"
    removed = [line for line in data["lines"] if line["text"].strip() and not line["kept"]]
    assert removed and all(line["reason"] for line in removed)
