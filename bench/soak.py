"""A soak run: the batch over ≥ 50,000 pages with 1 % hostile entries mixed in (issue 11 item 7).

    python -m bench.soak [--pages 50000] [--jobs 2] [--hostile-share 0.01] [--work DIR] [--keep]

Builds the input in a work folder: dev-set pages (HTML and text dumps of ../shared/bench), each
replica made distinct by a numbered sentence, and copies of the hostile corpus
(tests/hostile/make_corpus.py, small variant) until they are the given share of the entries. Runs
`cleaner clean IN... -o OUT -j N --format jsonl` as a real process, samples the memory (RSS) of
its whole process tree twice a second, and reports:
- input entries given, and manifest lines whose input is each of them (every entry accounted for);
- statuses, and failures and skips by reason;
- processes of the run still alive after it exits (leaked workers), found by an environment tag;
- the tree's and the parent's peak RSS over the first 10 %, 50 % and 100 % of the run's wall time, and
  the peak and median in each tenth (peaks follow the big pages in flight; medians show growth).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

from bench.proctree import run_sampled
from cleaner.batch.sources import safe_name

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BENCH = ROOT.parent / "shared" / "bench"


def _make_corpus_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "tests" / "hostile" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _dev_pages(bench: Path) -> list[Path]:
    pages = [p for p in sorted(bench.glob("**/html/*")) + sorted(bench.glob("**/text/*")) if p.is_file()]
    if not pages:
        raise SystemExit(f"no dev-set pages under {bench}")
    return pages


def build(work: Path, bench: Path, pages: int, hostile_share: float, seed: int) -> tuple[list[Path], int, int]:
    """The input folders; returns (paths to give the CLI, page files, hostile entries)."""
    rng = random.Random(seed)
    sources = _dev_pages(bench)
    pages_dir = work / "in" / "pages"
    made = 0
    for n in range(pages):
        src = sources[n % len(sources)]
        data = src.read_bytes()
        suffix = src.suffix
        if suffix == ".gz":  # some sets store pages gzipped: the replica is written plain
            data, suffix = gzip.decompress(data), Path(src.stem).suffix
        marker = f"Soak replica number {n} of {src.stem}."
        if suffix in (".html", ".htm"):
            low = data.lower()
            at = low.find(b"</body>")
            insert = f"<p>{marker}</p>".encode()
            data = data[:at] + insert + data[at:] if at >= 0 else data + insert
        else:
            data = data + f"\n{marker}\n".encode()
        sub = pages_dir / f"{n // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{n:06d}{suffix or '.txt'}").write_bytes(data)
        made += 1
    corpus = _make_corpus_module()
    per_copy = len(corpus.EXPECTED)
    copies = max(1, round(pages * hostile_share / max(1, per_copy)))
    paths = [pages_dir]
    for k in range(copies):
        folder = work / f"hostile-{k:03d}"  # not under in/: each copy writes a canary folder beside itself
        corpus.make(folder, small=True)
        paths.append(folder)
    rng.shuffle(paths)
    return paths, made, copies * per_copy


def _tagged(tag: str) -> list[int]:
    """Processes whose environment carries the run's tag."""
    found = []
    needle = f"CLEANER_SOAK_TAG={tag}".encode()
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                with open(f"/proc/{entry}/environ", "rb") as f:
                    if needle in f.read().split(b"\0"):
                        found.append(int(entry))
            except OSError:
                continue
    return found


def run(paths: list[Path], out: Path, jobs: int) -> dict:
    tag = uuid.uuid4().hex
    cmd = [sys.executable, "-m", "cleaner.cli", "clean", *map(str, paths), "-o", str(out), "-j", str(jobs),
           "--format", "jsonl"]
    result = run_sampled(cmd, interval=0.5, env={**os.environ, "CLEANER_SOAK_TAG": tag})
    time.sleep(1.0)  # workers told to go get a moment to exit
    leaked = _tagged(tag)
    samples = result.samples
    peaks = {}
    for share in (0.1, 0.5, 1.0):
        window = [s for s in samples if s[0] <= result.seconds * share] or samples[:1]
        peaks[share] = (max(s[1] for s in window), max(s[2] for s in window))
    deciles = []  # (tree, parent) peak within each tenth of the run: where memory grows
    medians = []  # (tree, parent) median within each tenth: the level under the peaks of big pages in flight
    for k in range(10):
        window = [s for s in samples if result.seconds * k / 10 <= s[0] < result.seconds * (k + 1) / 10]
        deciles.append((max((s[1] for s in window), default=0), max((s[2] for s in window), default=0)))
        medians.append((_median([s[1] for s in window]), _median([s[2] for s in window])))
    return {"exit": result.returncode, "seconds": result.seconds, "leaked": leaked, "peaks": peaks,
            "deciles": deciles, "medians": medians,
            "stderr_tail": result.stderr[-1500:]}


def _median(values: list[int]) -> int:
    return sorted(values)[len(values) // 2] if values else 0


def account(paths: list[Path], out: Path) -> dict:
    """Manifest lines per input entry: every file or special entry under the given paths must be the
    input of at least one line."""
    entries = set()  # as the manifest names them: relative to the folder holding each given path
    for given in paths:
        for dirpath, dirnames, filenames in os.walk(given):
            for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
                entries.add("/".join(safe_name(part) for part in
                                      os.path.relpath(os.path.join(dirpath, name), given.parent).split(os.sep)))
    lines = [json.loads(line) for line in (out / "manifest.jsonl").open(encoding="utf-8")]
    inputs = Counter()
    for line in lines:
        inputs[str(line.get("input"))] += 1
    missing = sorted(e for e in entries if e not in inputs)
    statuses = Counter(line["status"] for line in lines)
    reasons = Counter(f"{line['status']}: {str(line.get('reason'))[:70]}" for line in lines
                      if line["status"] in ("failed", "skipped"))
    return {"entries": len(entries), "lines": len(lines), "missing": missing, "statuses": statuses,
            "reasons": reasons}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--hostile-share", type=float, default=0.01)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="cleaner-soak-"))
    try:
        t0 = time.monotonic()
        paths, pages, hostile = build(work, args.bench_dir, args.pages, args.hostile_share, args.seed)
        print(f"built {pages} pages and {hostile} hostile entries in {time.monotonic() - t0:.0f} s under {work}")
        result = run(paths, work / "out", args.jobs)
        counted = account(paths, work / "out") if (work / "out" / "manifest.jsonl").exists() else None
        print(f"run: exit {result['exit']}, {result['seconds']:.0f} s, -j {args.jobs}")
        if counted is None:
            print("no manifest written:\n" + result["stderr_tail"])
            sys.exit(1)
        print(f"entries given: {counted['entries']}; manifest lines: {counted['lines']}; "
              f"entries without a line: {len(counted['missing'])} {counted['missing'][:5]}")
        print("statuses:", dict(counted["statuses"]))
        print("failed/skipped by reason:")
        for reason, n in counted["reasons"].most_common(25):
            print(f"  {n:6d}  {reason}")
        print(f"processes of the run alive after it exited: {len(result['leaked'])} {result['leaked'][:5]}")
        for share, (tree, parent) in result["peaks"].items():
            print(f"peak RSS over the first {share:4.0%} of the run: tree {tree / 2**20:7.0f} MiB, "
                  f"parent {parent / 2**20:6.0f} MiB")
        print("peak RSS in each tenth of the run (tree/parent MiB):",
              " ".join(f"{t / 2**20:.0f}/{p / 2**20:.0f}" for t, p in result["deciles"]))
        print("median RSS in each tenth of the run (tree/parent MiB):",
              " ".join(f"{t / 2**20:.0f}/{p / 2**20:.0f}" for t, p in result["medians"]))
        if args.json:
            args.json.write_text(json.dumps({**result, "peaks": {str(k): v for k, v in result["peaks"].items()},
                                             **{k: (dict(v) if isinstance(v, Counter) else v)
                                                for k, v in counted.items()}}, indent=1, default=str))
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
