"""The batch runner on real folders and real worker processes: outputs, manifest, hung and crashing
pages, resume (also after kill -9), duplicates and site templates."""

from __future__ import annotations

import ctypes
import faulthandler
import gzip
import hashlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner.batch import BatchConfig, TemplateSettings, run
from cleaner.batch.shard import clean_record

WORDS = ("harbour ferry island council budget school river bridge market winter festival museum library "
         "station teacher farmer weather summer storm road train village mayor report plan water park").split()
MENU = ["Home", "World", "Business", "Sport", "Culture"]
RECURRING = "The Daily Harbour is an independent newspaper published every weekday by the Coastal Media cooperative."
FOOTER = ["Subscribe to the Daily Harbour newsletter for weekly updates", "Contact the newsroom"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(14, 22))]
    return "The " + " ".join(words) + " and the town said it would continue."


def site_page(i: int) -> str:
    """A text dump of one page of a site: menu, a unique article, footer lines."""
    rng = random.Random(i)
    body = [sentence(rng) for _ in range(4)]
    lines = [*MENU, f"Story number {i} about the {WORDS[i % len(WORDS)]}", *body, RECURRING, *FOOTER]
    return "\n".join(lines) + "\n"


def site_html(i: int) -> str:
    rng = random.Random(1000 + i)
    paras = "".join(f"<p>{sentence(rng)}</p>" for _ in range(4))
    return (f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>{paras}"
            "<p>Subscribe to the Daily Harbour newsletter for weekly updates</p></article></body></html>")


def config(paths, out: Path | None, **kw) -> BatchConfig:
    kw.setdefault("jobs", 2)
    kw.setdefault("timeout", 20)
    kw.setdefault("progress", False)
    return BatchConfig(paths=tuple(str(p) for p in paths), output_dir=out, **kw)


def manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


def tree(folder: Path) -> dict[str, bytes]:
    """Every visible file under a folder (the .cleaner work folder left out)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cleaner" not in p.relative_to(folder).parts}


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    """A scraped folder with every input kind."""
    from test_batch_sources import write_warc

    src = tmp_path / "in"
    (src / "site" / "deep").mkdir(parents=True)
    for i in range(3):
        (src / "site" / f"p{i}.txt").write_text(site_page(i))
    (src / "site" / "deep" / "h.html.gz").write_bytes(gzip.compress(site_html(1).encode()))
    (src / "records.jsonl").write_text("\n".join(json.dumps({"url": f"https://rec.example/{i}", "html": site_html(i)})
                                                 for i in range(3)) + "\n")
    write_warc(src / "crawl.warc.gz", [(f"https://warc.example/{i}", site_html(10 + i).encode(), "text/html")
                                       for i in range(2)])
    (src / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(10))
    (src / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    return src


def test_every_kind_mirrored_with_manifest(mixed: Path, tmp_path: Path) -> None:
    before = tree(mixed)
    out = mixed / "cleaned"  # an output folder inside the input folder is not read back
    result = run(config([mixed], out))
    lines = manifest(out)
    by_id = {line["id"]: line for line in lines}
    assert len(lines) == 3 + 1 + 3 + 2 + 2
    assert by_id["site/p0.txt"]["output"] == "site/p0.json"
    assert by_id["site/deep/h.html.gz"]["output"] == "site/deep/h.json"
    assert by_id["records.jsonl#2"]["output"] == "records.jsonl/000002.json"
    assert by_id["records.jsonl#2"]["url"] == "https://rec.example/2"
    assert by_id["logo.png"]["status"] == "skipped"
    assert by_id["binary.html"]["status"] == "failed" and "binary" in by_id["binary.html"]["reason"]
    warc = [line for line in lines if line["input"] == "crawl.warc.gz"]
    assert [w["url"] for w in warc] == ["https://warc.example/0", "https://warc.example/1"]
    for line in lines:
        if line["status"] == "cleaned":
            doc = json.loads((out / line["output"]).read_text())
            assert doc["id"] == line["id"] and doc["text"]
            assert line["sha256"] and line["size"] > 0
    assert result.exit_code == 1 and result.tally.failed == 1
    assert tree(mixed) == {**before, **{f"cleaned/{k}": v for k, v in tree(out).items()}}  # inputs untouched
    assert not any(line["input"].startswith("cleaned") for line in lines)


def test_jsonl_parts_and_stdout(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "parts"
    run(config([mixed], out, fmt="jsonl", shard_size=4))
    parts = sorted(p.name for p in out.glob("part-*.jsonl"))
    assert parts == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    rows = [json.loads(line) for p in parts for line in (out / p).read_text().splitlines()]
    stdout = io.StringIO()
    run(config([mixed], None), stdout=stdout)
    assert [json.loads(line) for line in stdout.getvalue().splitlines()] == rows
    assert {r["id"] for r in rows} == {m["id"] for m in manifest(out) if m["output"]}


def hang_or_crash(record, options):
    """A real page function that misbehaves on marked pages, the way a parser bug would."""
    data = record.data if isinstance(record.data, bytes) else record.data.encode()
    if b"HANG" in data:
        time.sleep(3600)
    if b"SEGFAULT" in data:
        faulthandler.disable()  # pytest's handler would print a traceback; the manifest says it all
        ctypes.string_at(0)
    if b"EXIT" in data:
        os._exit(3)
    if b"RAISE" in data:
        raise RecursionError("maximum recursion depth exceeded")
    return clean_record(record, options)


def test_hung_and_crashing_pages_are_killed_and_the_batch_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"ok{i}.txt").write_text(site_page(i))
    for marker in ("HANG", "SEGFAULT", "EXIT", "RAISE"):
        (src / f"{marker.lower()}.txt").write_text(site_page(99) + marker + "\n")
    out = tmp_path / "out"
    started = time.monotonic()
    result = run(config([src], out, timeout=2, jobs=2), page_fn=hang_or_crash)
    assert time.monotonic() - started < 60  # a hang for an hour did not hold the batch
    by_id = {line["id"]: line for line in manifest(out)}
    assert by_id["hang.txt"]["status"] == "failed" and by_id["hang.txt"]["reason"].startswith("timeout after 2s")
    assert by_id["segfault.txt"]["reason"] == "worker crashed (SIGSEGV)"
    assert by_id["exit.txt"]["reason"] == "worker exited (code 3)"
    assert by_id["raise.txt"]["reason"].startswith("RecursionError")
    assert all(by_id[f"ok{i}.txt"]["status"] == "cleaned" for i in range(6))
    assert result.exit_code == 1 and result.tally.failed == 4


def test_rerun_skips_done_work_and_force_redoes_it(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(8):
        (src / f"p{i}.txt").write_text(site_page(i))
    out = tmp_path / "out"
    first = run(config([src], out, shard_size=3))
    files = tree(out)
    assert first.reused == 0
    again = run(config([src], out, shard_size=3))
    assert again.reused == 8 and tree(out).keys() == files.keys()
    (src / "p7.txt").write_text(site_page(70))  # one changed input: only its shard is redone
    changed = run(config([src], out, shard_size=3))
    assert changed.reused == 6
    other = run(config([src], out, shard_size=3, options=first_options("precision")))
    assert other.reused == 0  # other options: nothing reused
    forced = run(config([src], out, shard_size=3, force=True))
    assert forced.reused == 0


def first_options(preset: str):
    from cleaner import Options

    return Options(preset=preset)


KILL_SCRIPT = """
import sys, time
from pathlib import Path
from cleaner.batch import BatchConfig, run
from cleaner.batch.shard import clean_record

def slow(record, options):
    time.sleep(0.05)
    return clean_record(record, options)

run(BatchConfig(paths=(sys.argv[1],), output_dir=Path(sys.argv[2]), fmt=sys.argv[3], jobs=2, shard_size=5,
                progress=False), page_fn=slow)
"""


def without_seconds(data: bytes) -> list[dict]:
    lines = [json.loads(line) for line in data.decode().splitlines()]
    return [{k: v for k, v in line.items() if k != "seconds"} for line in lines]


def same_files(a: Path, b: Path) -> None:
    """The same output files with the same bytes; the manifest's lines the same but for `seconds`."""
    left, right = tree(a), tree(b)
    assert left.keys() == right.keys()
    for name in left:
        if name == "manifest.jsonl":
            assert without_seconds(left[name]) == without_seconds(right[name])
        else:
            assert left[name] == right[name], name


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_resume_after_kill_9_gives_the_same_files(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "in"
    for i in range(60):
        folder = src / f"f{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"p{i:02d}.txt").write_text(site_page(i % 45))  # some exact duplicates too
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    script = [sys.executable, "-c", KILL_SCRIPT, str(src)]
    subprocess.run([*script, str(whole), fmt], check=True, timeout=120)
    proc = subprocess.Popen([*script, str(killed), fmt], start_new_session=True)
    deadline = time.monotonic() + 60
    while len(list((killed / ".cleaner" / "pass1").glob("*.zst"))) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the runner and its workers, mid-run
    proc.wait()
    done = len(list((killed / ".cleaner" / "pass1").glob("*.zst")))
    assert 5 <= done < 12, "the run was not killed halfway"
    subprocess.run([*script, str(killed), fmt], check=True, timeout=120)
    same_files(whole, killed)
    assert not [p for p in killed.rglob("*.tmp")]


def test_duplicates_flagged_and_left_out_with_dedup(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name, i in (("a", 1), ("b", 2), ("c", 1), ("d", 1)):
        (src / f"{name}.txt").write_text(site_page(i))
    out = tmp_path / "out"
    run(config([src], out))
    by_id = {line["id"]: line for line in manifest(out)}
    assert "duplicate_of" not in by_id["a.txt"] and "duplicate_of" not in by_id["b.txt"]
    assert by_id["c.txt"]["duplicate_of"] == "a.txt" and by_id["d.txt"]["duplicate_of"] == "a.txt"
    assert (out / "c.json").exists()
    deduped = tmp_path / "dedup"
    run(config([src], deduped, dedup=True))
    assert sorted(p.name for p in deduped.glob("*.json")) == ["a.json", "b.json"]
    assert {line["id"]: line["output"] for line in manifest(deduped)}["d.txt"] is None


def template_site(folder: Path, n: int) -> None:
    """n pages of one site as JSONL records (one host) plus loose files of one folder."""
    folder.mkdir(parents=True)
    rows = [json.dumps({"url": f"https://harbour.example/story/{i}", "text": site_page(i)}) for i in range(n)]
    (folder / "site.jsonl").write_text("\n".join(rows) + "\n")


def test_site_templates_removed_whatever_the_order_or_jobs(tmp_path: Path) -> None:
    template_site(tmp_path / "in", 12)
    plain = tmp_path / "plain"
    run(config([tmp_path / "in"], plain, templates=TemplateSettings(enabled=False)))
    outs = {}
    for jobs, shard in ((1, 3), (2, 5), (2, 50)):
        out = tmp_path / f"out{jobs}-{shard}"
        run(config([tmp_path / "in"], out, jobs=jobs, shard_size=shard))
        outs[(jobs, shard)] = tree(out)
    first = outs[(1, 3)]
    for other in outs.values():
        assert {k: v for k, v in other.items() if k != "manifest.jsonl"} == \
               {k: v for k, v in first.items() if k != "manifest.jsonl"}
    doc = json.loads(first["site.jsonl/000004.json"])
    template = [r["text"] for r in doc["removed"] if r["reason"] == "site_template"]
    before = json.loads((plain / "site.jsonl" / "000004.json").read_text())["text"]
    for line in template:
        assert line in before and line not in doc["text"].split("\n")
    assert not any("Story number" in line for line in template)  # unique per page: not a template
    assert RECURRING in template and RECURRING in before  # prose the rules keep, on every page of the site
    body = [line for line in before.split("\n") if line.startswith("The ") and line != RECURRING]
    assert body and all(line in doc["text"] for line in body)  # article lines stay


def test_a_run_without_templates_skips_block_keys_and_a_run_with_them_redoes_pass_1(tmp_path: Path) -> None:
    from cleaner.batch.resume import STATE_DIR, State

    template_site(tmp_path / "in", 12)
    out = tmp_path / "out"
    run(config([tmp_path / "in"], out, templates=TemplateSettings(enabled=False)))
    entries = State(out / STATE_DIR).load_pass1(0)[1]
    assert entries and all(entry["status"] == "ok" and entry["keys"] is None for entry in entries)
    assert not any("template_lines" in line for line in manifest(out))
    run(config([tmp_path / "in"], out))  # the same folder: key-less results must not be reused
    assert all(entry["keys"] for entry in State(out / STATE_DIR).load_pass1(0)[1])
    assert any(line.get("template_lines") for line in manifest(out))


def test_no_templates_on_small_sites(tmp_path: Path) -> None:
    template_site(tmp_path / "in", 3)
    out = tmp_path / "out"
    run(config([tmp_path / "in"], out))
    assert not any("template_lines" in line for line in manifest(out))


def test_stdin_is_an_input(tmp_path: Path) -> None:
    rows = "\n".join(json.dumps({"url": f"https://s.example/{i}", "text": site_page(i)}) for i in range(2))
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", "-", "--no-progress"], input=rows.encode(),
                          capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    got = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [g["id"] for g in got] == ["stdin#0", "stdin#1"] and got[1]["url"] == "https://s.example/1"


def test_same_input_bytes_same_hash(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(site_page(5))
    out = tmp_path / "out"
    run(config([src], out))
    (line,) = manifest(out)
    assert line["sha256"] == hashlib.sha256(site_page(5).encode()).hexdigest()
    assert line["size"] == len(site_page(5).encode())
