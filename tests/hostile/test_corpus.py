"""The batch over the hostile corpus (make_corpus.py), as a user runs it: the CLI in a process whose
every file open and socket connect is logged by an audit hook (inherited by its forked workers).

Zero crashes; every corpus entry has its manifest lines, with a status it may have; nothing is read
from outside the input (the canary behind a link and an external entity never reaches an output, no
file under the outside folder is opened) and nothing is written outside the output folder and the
run's temp folder; no connection is attempted."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from make_corpus import CANARY, make

AUDITED_CLI = """
import os, sys
log = os.open(os.environ["AUDIT_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        mode, flags = args[1], args[2]
        writes = bool(mode and any(c in mode for c in "wax+")) or bool(isinstance(flags, int) and flags & WRITE)
        os.write(log, (repr(("open", os.fsdecode(args[0]), writes)) + "\\n").encode("utf-8", "backslashreplace"))
    elif event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        os.write(log, (repr((event, str(args[1:2]), True)) + "\\n").encode())
sys.addaudithook(hook)
from cleaner.cli import main
sys.argv = ["cleaner", "clean", *sys.argv[1:]]
main()
"""


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("hostile")
    src, out, tmp, log = base / "corpus", base / "out", base / "tmp", base / "audit.log"
    expected = make(src)
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "AUDIT_LOG": str(log)}
    proc = subprocess.run([sys.executable, "-c", AUDITED_CLI, str(src), "-o", str(out), "-j", "2",
                           "--timeout", "30", "--no-progress"], capture_output=True, timeout=900, env=env)
    manifest = out / "manifest.jsonl"  # absent when the run crashed: test_no_crash says so
    raw = manifest.read_bytes().decode("utf-8") if manifest.exists() else ""
    lines = [json.loads(line) for line in raw.splitlines()]
    events = [eval(line) for line in log.read_text("utf-8").splitlines()]  # noqa: S307 - our own repr()s
    return {"base": base, "src": src, "out": out, "tmp": tmp, "proc": proc, "lines": lines,
            "expected": expected, "events": events}


def test_no_crash(corpus_run: dict) -> None:
    proc = corpus_run["proc"]
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in proc.stderr


def test_every_entry_accounted_for_with_an_expected_status(corpus_run: dict) -> None:
    from cleaner.batch.sources import safe_name  # here: the module imports on code without it

    by_entry: dict[str, list[dict]] = {}
    for line in corpus_run["lines"]:
        by_entry.setdefault(line["input"].split("/")[0], []).append(line)
    names = {safe_name(name): name for name in corpus_run["expected"]}
    assert set(by_entry) == set(names), "entries missing from the manifest, or unknown ones in it"
    wrong = {names[e]: sorted({line["status"] for line in got} - corpus_run["expected"][names[e]])
             for e, got in by_entry.items()}
    assert not {k: v for k, v in wrong.items() if v}, wrong
    ids = [line["id"] for line in corpus_run["lines"]]
    assert len(ids) == len(set(ids))


def test_record_files_fail_their_bad_records_only(corpus_run: dict) -> None:
    got = {line["id"]: line for line in corpus_run["lines"]}
    broken = [got[f"broken-lines.jsonl#{i}"]["status"] for i in range(6)]
    assert broken[1] == broken[3] == "failed" and broken[4] == "skipped"  # cut line, not JSON, {}
    assert "failed" not in broken[0::2] + broken[5:]  # the good records around them are read
    assert got["deep.jsonl#1"]["reason"] == "bad JSON on line 2: nested too deep"
    assert got["deep.jsonl#2"]["status"] != "failed"
    assert got["long-line.jsonl.gz#0"]["reason"].startswith("line 1 longer than")
    assert got["long-line.jsonl.gz#1"]["status"] != "failed"
    cut = [line for line in corpus_run["lines"] if line["input"] == "cut.warc"]
    assert [line["status"] == "failed" for line in cut] == [False, True]
    for kind in ("gz", "bz2", "xz", "zst"):
        assert got[f"bomb.html.{kind}"]["reason"] == "page larger than 52428800 bytes"


def test_nothing_read_from_outside_the_input(corpus_run: dict) -> None:
    outside = str(corpus_run["src"]) + ".outside"
    opened = [path for event, path, _ in corpus_run["events"] if event == "open"]
    assert not [p for p in opened if os.path.realpath(p).startswith(outside)]
    for path in corpus_run["out"].rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes(), path


def test_nothing_written_outside_the_output_and_temp_folders(corpus_run: dict) -> None:
    allowed = (os.path.realpath(corpus_run["out"]) + "/", os.path.realpath(corpus_run["tmp"]) + "/")
    written = {os.path.realpath(path) for event, path, writes in corpus_run["events"] if event == "open" and writes}
    assert written, "the audit hook saw no write: it is not working"
    assert not [p for p in written if not (p + "/").startswith(allowed) and p != "/dev/null"]
    out = os.path.realpath(corpus_run["out"])
    for line in corpus_run["lines"]:
        if line["output"]:
            assert os.path.realpath(corpus_run["out"] / line["output"]).startswith(out + "/")


def test_no_connection_attempted(corpus_run: dict) -> None:
    assert not [e for e in corpus_run["events"] if e[0] != "open"]
