"""Hostile folders: one entry never stops the batch, nothing leaks in from outside the input, no two
inputs share an output, and the output folder's troubles (another run, read-only, full, Ctrl-C) end
with a clear message, a distinct exit status and a run that resumes. One test per defect of issue 11."""

from __future__ import annotations

import errno
import gzip
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile.make_corpus import warc_bytes  # tests/ is on the path: pytest's rootdir import

from cleaner.batch import BatchConfig, run
from cleaner.batch import runner as runner_mod
from cleaner.batch import sources as sources_mod
from cleaner.batch.sources import read_records, walk
from cleaner.cli import main

PROSE = ("The council met on Tuesday to discuss the budget for the new library, and the mayor said the plan "
         "would be put to a vote before the summer. Residents asked about the ferry timetable and the bridge.")
HTML = f"<html><head><title>Library budget</title></head><body><article><h1>Library budget</h1><p>{PROSE}</p>" \
       f"<p>{PROSE}</p></article></body></html>"


def config(paths, out: Path | None, **kw) -> BatchConfig:
    kw.setdefault("jobs", 1)
    kw.setdefault("timeout", 30)
    kw.setdefault("progress", False)
    return BatchConfig(paths=tuple(str(p) for p in paths), output_dir=out, **kw)


def manifest(out: Path) -> list[dict]:
    raw = (out / "manifest.jsonl").read_bytes()
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]  # strict UTF-8: must decode


def by_id(out: Path) -> dict[str, dict]:
    return {line["id"]: line for line in manifest(out)}


def records(folder: Path, **kw) -> dict[str, object]:
    return {r.id: r for item in walk([str(folder)], **kw) for r in read_records(item)}


# --- the walk: every entry listed, nothing read from outside ----------------------------------------------

def test_symlink_loop_is_listed_and_the_run_goes_on(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.html").write_text(HTML)
    os.symlink("loop", src / "loop")  # DirEntry.is_file() raises ELOOP on it
    run(config([src], out))
    lines = by_id(out)
    assert lines["loop"]["status"] == "skipped" and lines["loop"]["reason"] == "symbolic link loop"
    assert lines["a.html"]["status"] == "cleaned"


def test_non_utf8_file_name_gets_a_valid_id_and_output(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / os.fsdecode(b"caf\xe9.html")).write_text(HTML)
    (src / "b.html").write_text(HTML)
    run(config([src], out))
    lines = by_id(out)
    assert lines["caf%E9.html"]["status"] == "cleaned"
    assert (out / lines["caf%E9.html"]["output"]).is_file()
    assert lines["b.html"]["status"] == "cleaned"


def test_lone_surrogate_in_a_json_record_does_not_stop_the_batch(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    body = f"<p>{PROSE} \\ud83d {PROSE}</p>"  # valid JSON, but "\ud83d" alone is no character
    (src / "r.jsonl").write_text(f'{{"url": "https://e.example/1", "title": "T \\udc00", "html": "{body}"}}\n'
                                 f'{{"url": "https://e.example/2", "html": "<p>{PROSE}</p>"}}\n')
    run(config([src], out, keep="all"))
    lines = by_id(out)
    assert lines["r.jsonl#0"]["status"] == "cleaned" and lines["r.jsonl#1"]["status"] == "cleaned"
    text = (out / lines["r.jsonl#0"]["output"]).read_bytes().decode("utf-8")  # strict: valid UTF-8
    assert "\ufffd" in json.loads(text)["text"]


def test_input_named_manifest_jsonl(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    record = {"url": "https://e.example/news/library-budget", "html": HTML}
    (src / "manifest.jsonl").write_text(json.dumps(record) + "\n")
    run(config([src], out))
    line = by_id(out)["manifest.jsonl#0"]
    assert line["status"] == "cleaned" and not line["output"].startswith("manifest.jsonl/")
    assert (out / "manifest.jsonl").is_file() and (out / line["output"]).is_file()


def test_page_beside_a_folder_named_like_its_output(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "x.json").mkdir(parents=True)
    (src / "x.html").write_text(HTML)
    (src / "x.json" / "y.html").write_text(HTML.replace("Library", "Museum"))
    run(config([src], out))
    lines = by_id(out)
    assert lines["x.html"]["status"] == lines["x.json/y.html"]["status"] == "cleaned"
    assert lines["x.html"]["output"] != lines["x.json/y.html"]["output"].split("/")[0]
    assert all((out / line["output"]).is_file() for line in lines.values())


def test_outputs_are_never_shared(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for n, name in enumerate(("a.html", "a.txt", "a.html.txt", "a.html.gz")):
        data = HTML.replace("Library", f"Library {n}")
        (src / name).write_bytes(gzip.compress(data.encode()) if name.endswith(".gz") else data.encode())
    run(config([src], out))
    outputs = [line["output"] for line in manifest(out)]
    assert len(outputs) == 4 and None not in outputs and len(set(outputs)) == 4
    titles = {json.loads((out / o).read_text())["title"] for o in outputs}
    assert len(titles) == 4  # each file holds its own page, none overwritten


def test_names_at_the_file_system_limit_get_writable_outputs(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    long = "é" * 125  # 250 bytes: with its extension the name is at NAME_MAX, an output beside it is past
    (src / f"{long}.txt").write_text(HTML)
    (src / f"{long[:-2]}.html").write_text(HTML.replace("Library", "Museum"))
    run(config([src], out))
    lines = manifest(out)
    assert [line["status"] for line in lines] == ["cleaned", "cleaned"]
    assert all((out / line["output"]).is_file() for line in lines)


def test_a_tree_thousands_of_folders_deep(tmp_path: Path) -> None:
    src, out = tmp_path / "i", tmp_path / "out"
    far = tmp_path.joinpath(*["o" * 200] * 6, "out")  # mirrored under it, the deep page's path is past PATH_MAX
    src.mkdir()
    fd = os.open(src, os.O_RDONLY)
    for _ in range(1500):  # 3,000 characters, 1,500 levels: past the recursion limit of a recursive walk
        os.mkdir("d", dir_fd=fd)
        fd, old = os.open("d", os.O_RDONLY, dir_fd=fd), fd
        os.close(old)
    with open(os.open("p.html", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as handle:
        handle.write(HTML)
    os.close(fd)
    (src / "a.html").write_text(HTML.replace("Library", "Museum"))
    deep_id = "/".join(["d"] * 1500) + "/p.html"
    try:
        run(config([src], out))
        lines = by_id(out)
        assert lines["a.html"]["status"] == lines[deep_id]["status"] == "cleaned"
        assert (out / lines[deep_id]["output"]).is_file()
        run(config([src], far))
        lines = by_id(far)
    finally:  # shutil.rmtree recurses: pytest could not remove these trees when it cleans its temp folders
        subprocess.run(["rm", "-rf", "--", str(src), str(out), str(far)], check=True)
    assert lines["a.html"]["status"] == "cleaned"
    assert (lines[deep_id]["status"], lines[deep_id]["reason"]) == ("failed", "cannot write output: File name too long")


def test_symlinks_out_of_the_input_are_not_followed(tmp_path: Path) -> None:
    src, outside = tmp_path / "in", tmp_path / "secret.html"
    src.mkdir()
    outside.write_text(HTML.replace("Library", "Secret"))
    (src / "inside.html").write_text(HTML)
    os.symlink(outside, src / "leak.html")
    os.symlink(src / "inside.html", src / "alias.html")  # inside the input: read
    got = records(src)
    assert got["leak.html"].data is None and "not followed" in got["leak.html"].skip
    assert got["alias.html"].data == HTML.encode()
    assert records(src, follow_links=True)["leak.html"].data == outside.read_bytes()


def test_fifo_socket_device_dangling_hidden_are_listed_without_blocking(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    os.mkfifo(src / "pipe.html")  # opening it would block the walk forever
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(src / "sock.html"))
    os.symlink("/dev/zero", src / "zero.html")  # a device, once links are followed
    os.symlink(src / "gone", src / "dangling.html")
    (src / ".hidden.html").write_text(HTML)
    try:
        got = records(src, follow_links=True)
    finally:
        sock.close()
    assert got["pipe.html"].skip.startswith("named pipe (FIFO)")
    assert got["sock.html"].skip.startswith("socket")
    assert got["zero.html"].skip.startswith("character device")
    assert got["dangling.html"].skip == "dangling symbolic link"
    assert got[".hidden.html"].skip.startswith("hidden file")


def test_unreadable_folder_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    (src / "locked").mkdir(parents=True)
    (src / "locked" / "p.html").write_text(HTML)
    (src / "a.html").write_text(HTML)
    real = os.scandir

    def scandir(path):  # chmod 000 does not stop root, so the refusal is the kernel's answer, injected
        if str(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(sources_mod.os, "scandir", scandir)
    got = records(src)
    assert got["locked"].skip == "unreadable folder: Permission denied"
    assert got["a.html"].data == HTML.encode()


def test_fifo_and_dev_zero_given_as_path_fail_that_entry(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "a.html").write_text(HTML)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "pipe"), "/dev/zero", str(tmp_path / "a.html"),
                                       "-o", str(out), "-j", "1", "--no-progress"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = {line["input"]: line for line in manifest(out)}
    assert lines["pipe"]["status"] == "failed" and "FIFO" in lines["pipe"]["reason"]
    assert lines["zero"]["status"] == "failed" and "character device" in lines["zero"]["reason"]
    assert lines["a.html"]["status"] == "cleaned"


# --- readers: caps and one bad record fails alone ---------------------------------------------------------

def test_jsonl_line_is_capped_and_read_in_bounded_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources_mod, "MAX_LINE_BYTES", 1 << 20)
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as handle:
        handle.write(b'{"html": "' + b"a" * (1 << 20) * 48)  # 48 MiB with no newline
        handle.write(b'"}\n' + json.dumps({"html": HTML}).encode() + b"\n")
    item = next(walk([str(path)]))
    tracemalloc.start()
    try:
        got = list(read_records(item))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert got[0].fail.startswith("line 1 longer than")
    assert got[1].data == HTML and len(got) == 2
    assert peak < 16 << 20, f"peak {peak >> 20} MiB while reading a 48 MiB line"


def test_deeply_nested_jsonl_line_fails_that_record_only(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text(json.dumps({"html": HTML}) + "\n" + "[" * 100_000 + "\n" + json.dumps({"html": HTML}) + "\n")
    got = records(path)
    assert got["deep.jsonl#1"].fail.startswith("bad JSON on line 2")
    assert got["deep.jsonl#0"].data == HTML and got["deep.jsonl#2"].data == HTML


def test_json_file_holding_a_number_fails_with_reason(tmp_path: Path) -> None:
    (tmp_path / "n.json").write_text("42\n")
    got = records(tmp_path)
    assert got["n.json"].fail == "JSON file holds a number, not page records"


def test_plain_warc_cut_mid_record_fails_that_record(tmp_path: Path) -> None:
    data = warc_bytes([("https://e.example/1", HTML.encode()), ("https://e.example/2", HTML.encode())])
    (tmp_path / "cut.warc").write_bytes(data[:-200])
    got = list(records(tmp_path).values())
    assert got[0].data == HTML.encode()
    assert got[1].data is None and got[1].fail.startswith("record cut off")


def test_duplicate_warc_record_ids_get_unique_ids(tmp_path: Path) -> None:
    data = warc_bytes([("https://e.example/1", HTML.encode()), ("https://e.example/2", HTML.encode())],
                      record_id="<urn:uuid:same>")
    (tmp_path / "d.warc").write_bytes(data)
    out = tmp_path / "out"
    run(config([tmp_path / "d.warc"], out))
    ids = [line["id"] for line in manifest(out)]
    assert ids == ["d.warc#<urn:uuid:same>", "d.warc#<urn:uuid:same>@2"]


def test_stdin_is_capped(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", "-", "--max-stdin-mb", "1", "--no-progress"],
                          stdin=open("/dev/zero", "rb"), capture_output=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 2
    assert b"stdin holds more than 1 MB" in proc.stderr and b"Traceback" not in proc.stderr


# --- the output folder: one run at a time, read-only, full, Ctrl-C ----------------------------------------

WORDS = ("harbour ferry island council budget school river bridge market winter festival museum library "
         "station teacher farmer weather summer storm road train village mayor report plan water park").split()


def pages(folder: Path, n: int) -> Path:
    """n articles, each its own prose (pages that shared it would be emptied as a site template)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        rng = random.Random(i)
        paras = "".join("<p>The " + " ".join(rng.choice(WORDS) for _ in range(40)) + ".</p>" for _ in range(3))
        (folder / f"p{i:03d}.html").write_text(f"<html><head><title>Story {i}</title></head><body><article>"
                                               f"<h1>Story {i}</h1>{paras}</article></body></html>")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cleaner" not in p.relative_to(folder).parts}


def without_seconds(files: dict[str, bytes]) -> dict[str, object]:
    return {name: ([{k: v for k, v in json.loads(line).items() if k != "seconds"} for line in data.splitlines()]
                   if name == "manifest.jsonl" else data) for name, data in files.items()}


def cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", *args, "-j", "1", "--no-progress"],
                          capture_output=True, timeout=300, **kw)


HOLD_LOCK = """
import sys, time
from pathlib import Path
from cleaner.batch.runner import _lock
_lock(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(300)
"""


def test_a_second_run_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    src, out = pages(tmp_path / "in", 2), tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)], stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline() == b"held\n"  # another run holds it
    try:
        with pytest.raises(runner_mod.LockedError, match="another cleaner run .*is writing to"):
            run(config([src], out))
        proc = cli(str(src), "-o", str(out))
        assert proc.returncode == runner_mod.EXIT_LOCKED and b"Traceback" not in proc.stderr
        assert b"wait for it to finish" in proc.stderr
        assert not (out / "manifest.jsonl").exists()
    finally:
        holder.kill()
        holder.wait()
    run(config([src], out))  # the lock went with its holder, killed
    assert len(manifest(out)) == 2


def _mount(target: Path, opts: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(target)],
                          capture_output=True).returncode == 0


def _umount(target: Path) -> None:
    subprocess.run(["umount", str(target)], capture_output=True)


def test_read_only_output_folder_gives_a_clear_error_then_resumes(tmp_path: Path) -> None:
    src, out = pages(tmp_path / "in", 3), tmp_path / "out"
    # root writes through chmod, so as root the folder is a read-only mount (EROFS); otherwise chmod 555
    mounted = _mount(out, "ro,size=4m")
    if not mounted:
        if os.geteuid() == 0:
            pytest.skip("running as root without mount: no way to make a folder read-only")
        out.chmod(0o555)
    try:
        proc = cli(str(src), "-o", str(out))
        assert proc.returncode == runner_mod.EXIT_OUTPUT, proc.stderr
        assert b"Traceback" not in proc.stderr
        assert f"cannot write to {out}".encode() in proc.stderr and b"run the same command again" in proc.stderr
        if mounted:
            subprocess.run(["mount", "-o", "remount,rw", str(out)], check=True)
        else:
            out.chmod(0o755)
        proc = cli(str(src), "-o", str(out))
        assert proc.returncode == 0, proc.stderr
        assert [line["status"] for line in manifest(out)] == ["cleaned"] * 3
    finally:
        if mounted:
            _umount(out)


def test_full_output_folder_gives_a_clear_error_then_resumes(tmp_path: Path) -> None:
    src, out, whole = pages(tmp_path / "in", 40), tmp_path / "out", tmp_path / "whole"
    assert cli(str(src), "-o", str(whole), "--shard-size", "4").returncode == 0
    need = sum(len(b) for b in tree(whole).values())
    if not _mount(out, f"size={need // 3}"):  # a real full disk: a tiny tmpfs (root only)
        pytest.skip("needs root and mount for a tmpfs; test_injected_enospc covers the same path")
    try:
        proc = cli(str(src), "-o", str(out), "--shard-size", "4")
        assert proc.returncode == runner_mod.EXIT_OUTPUT, proc.stderr
        assert b"No space left on device" in proc.stderr and b"Traceback" not in proc.stderr
        assert not list(out.rglob("*.tmp"))
        subprocess.run(["mount", "-o", "remount,size=16m", str(out)], check=True)
        proc = cli(str(src), "-o", str(out), "--shard-size", "4")
        assert proc.returncode == 0, proc.stderr
        assert without_seconds(tree(out)) == without_seconds(tree(whole))
    finally:
        _umount(out)


ENOSPC_SCRIPT = """
import errno, os, sys
real, calls = os.replace, [0]
def replace(a, b, **kw):  # the disk fills up after a few files, in this process and its forked workers
    calls[0] += 1
    if os.environ.get("FILL_AFTER") and calls[0] > int(os.environ["FILL_AFTER"]):
        raise OSError(errno.ENOSPC, "No space left on device", str(b))
    return real(a, b, **kw)
os.replace = replace
from cleaner.cli import main
sys.argv = ["cleaner", "clean", *sys.argv[1:]]
main()
"""


def test_injected_enospc_gives_a_clear_error_then_resumes(tmp_path: Path) -> None:
    """The same as a full disk, anywhere: os.replace (every atomic write's last step) fails with
    ENOSPC after a few files, in a real CLI process."""
    src, out, whole = pages(tmp_path / "in", 20), tmp_path / "out", tmp_path / "whole"
    args = [sys.executable, "-c", ENOSPC_SCRIPT, str(src), "--shard-size", "4", "-j", "1", "--no-progress"]
    assert subprocess.run([*args, "-o", str(whole)], timeout=300).returncode == 0
    proc = subprocess.run([*args, "-o", str(out)], capture_output=True, timeout=300,
                          env={**os.environ, "FILL_AFTER": "3"})
    assert proc.returncode == runner_mod.EXIT_OUTPUT, proc.stderr
    assert b"No space left on device" in proc.stderr and b"Traceback" not in proc.stderr
    proc = subprocess.run([*args, "-o", str(out), "--progress"], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert b"12 done by an earlier run (resumed)" in proc.stderr  # the 3 shards saved before the disk filled
    assert without_seconds(tree(out)) == without_seconds(tree(whole))
    assert sum(name.endswith(".json") for name in tree(whole)) == len(list(src.iterdir()))


def test_output_folder_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(runner_mod.OutputError, match="Not a directory"):
        run(config([pages(tmp_path / "in", 1)], tmp_path / "file" / "out"))


SLOW_SCRIPT = """
import signal, sys, time
# Ctrl-C at a terminal: a test run started in the background by a non-interactive shell (`pytest &`)
# hands its children SIGINT ignored, and Python then installs no KeyboardInterrupt handler of its own.
signal.signal(signal.SIGINT, signal.default_int_handler)
import cleaner.batch.shard as shard
fast = shard.run_page
def slow(*args, **kw):  # each page takes 0.1 s more, so the signal lands mid-run
    time.sleep(0.1)
    return fast(*args, **kw)
shard.run_page = slow
from cleaner.cli import main
sys.argv = ["cleaner", "clean", *sys.argv[1:]]
main()
"""


def test_sigint_exits_130_and_the_rerun_resumes(tmp_path: Path) -> None:
    src, out, whole = pages(tmp_path / "in", 40), tmp_path / "out", tmp_path / "whole"
    args = [sys.executable, "-c", SLOW_SCRIPT, str(src), "--shard-size", "2", "-j", "1"]
    assert subprocess.run([*args, "-o", str(whole), "--no-progress"], timeout=300).returncode == 0
    proc = subprocess.Popen([*args, "-o", str(out), "--no-progress"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(list((out / ".cleaner" / "pass1").glob("*.zst"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert b"run the same command again to resume" in err and b"Traceback" not in err
    assert len(list((out / ".cleaner" / "pass1").glob("*.zst"))) < 20, "the run ended before the signal"
    rerun = subprocess.run([*args, "-o", str(out), "--progress"], capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert b"done by an earlier run (resumed)" in rerun.stderr
    assert without_seconds(tree(out)) == without_seconds(tree(whole))
    assert sum(name.endswith(".json") for name in tree(whole)) == len(list(src.iterdir()))
