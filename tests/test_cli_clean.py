"""`cleaner clean` as a user runs it: a real process, real folders, exit codes, progress and summary."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLES


def cleaner(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", *args], input=stdin,
                          capture_output=True, timeout=120)


def test_readme_command_on_samples(tmp_path: Path) -> None:
    out = tmp_path / "cleaned"
    proc = cleaner(str(SAMPLES), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    seeds = sorted(p for p in SAMPLES.glob("*.txt"))
    assert sorted(p.name for p in out.glob("*.json")) == [p.stem + ".json" for p in seeds]
    lines = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert {line["id"] for line in lines if line["status"] == "cleaned"} == {p.name for p in seeds}
    # golden files beside the samples are accounted for, never cleaned as pages
    assert all(line["status"] == "skipped" for line in lines if line["id"].endswith(".expected.json"))
    summary = proc.stderr.decode()
    assert f"{len(seeds)} cleaned" in summary and "0 failed" in summary


def test_failure_exit_code_and_top_reasons(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(next(SAMPLES.glob("*.txt")), src / "good.txt")
    (src / "bad.html").write_bytes(b"\x00\x01" * 50)
    (src / "bad.txt").write_bytes(b"\x00\x02" * 50)
    proc = cleaner(str(src), "-o", str(tmp_path / "out"), "--parallel", "1")
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert "1 cleaned" in err and "2 failed" in err
    assert "failed      2  bad input: binary data" in err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert cleaner(str(tmp_path / "missing")).returncode == 2
    assert cleaner(str(SAMPLES), "--json", "--txt").returncode == 2
    assert cleaner().returncode == 2
    assert cleaner(str(tmp_path), "-o", str(tmp_path)).returncode == 2  # outputs would mix with inputs


def test_formats_and_trafilatura_flags(tmp_path: Path) -> None:
    out = tmp_path / "md"
    proc = cleaner("--input-dir", str(SAMPLES), "--output-dir", str(out), "--markdown", "-j", "2",
                   "--precision", "--no-tables", "--no-comments", "--no-progress")
    assert proc.returncode == 0 and not proc.stderr
    assert len(list(out.glob("*.md"))) == len(list(SAMPLES.glob("*.txt")))
    txt = cleaner(str(SAMPLES), "--output-format", "txt", "--no-metadata", "--no-progress")
    assert txt.returncode == 0 and txt.stdout
    jsonl = cleaner(str(SAMPLES), "--no-progress")
    rows = [json.loads(line) for line in jsonl.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == sorted(p.name for p in SAMPLES.glob("*.txt"))


def test_progress_lines_when_not_a_terminal(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i, seed in enumerate(sorted(SAMPLES.glob("*.txt")) * 3):
        shutil.copy(seed, src / f"{i}.txt")
    proc = subprocess.run([sys.executable, "-c",
                           "import sys; from pathlib import Path; from cleaner.batch import BatchConfig, run; "
                           "run(BatchConfig(paths=(sys.argv[1],), output_dir=Path(sys.argv[2]), jobs=1, "
                           "progress_interval=0.0))", str(src), str(tmp_path / "out")],
                          capture_output=True, timeout=120)
    lines = proc.stderr.decode().splitlines()
    assert any(line.startswith("cleaner: ") and "pages/s" in line and "ETA" in line for line in lines)
    assert "\r" not in proc.stderr.decode()  # no bar when stderr is not a terminal
    assert lines[-1].startswith("cleaner: 12 inputs in")
