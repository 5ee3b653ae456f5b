"""Engine benchmark: the local runner against `--engine dask` (a local Dask cluster of as many
worker processes as the local runner's -j), on the batch benchmark's folder, and what the shard size
does to the Dask run.

    python -m bench.engine [--pages 20000] [--jobs 2] [--shard-sizes 200 50 1000] [--work DIR]

The folder is bench.batch_bench's (dev-set pages replicated as loose files, JSONL .gz/.zst and WARC;
the few dev-set pages the cleaner cannot finish within --slow-limit seconds left out), built under
--work, never in the repo. Each run is a real `cleaner clean DIR -o OUT --format jsonl -j N` process,
the Dask run with the cluster's start and stop inside its time. Reported per run: wall seconds,
CPU seconds of the whole process tree, pages per second, and the ratios to the local run (engine
overhead: > 1 is slower). The local run and the Dask run at the local run's shard size are checked
for the same files (manifest `seconds` aside). The machine may be shared: the CPU ratio is the
steadier figure when other processes take the cores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
from pathlib import Path

from bench.batch_bench import DEFAULT_BENCH, build_folder, drop_slow, load_pages, measure


def run_one(folder: Path, out: Path, jobs: int, shard: int, engine: str) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    args = [str(folder), "-o", str(out), "--format", "jsonl", "-j", str(jobs), "--shard-size", str(shard),
            "--no-progress", "--engine", engine]
    seconds, peak, code, cpu = measure(args)
    pages = sum(1 for _ in (out / "manifest.jsonl").open()) if (out / "manifest.jsonl").exists() else 0
    return {"engine": engine, "shard_size": shard, "jobs": jobs, "pages": pages, "seconds": seconds, "cpu": cpu,
            "pages_per_s": pages / seconds, "peak_mb": peak / 2**20, "exit": code, "load": os.getloadavg()[0]}


def fingerprint(out: Path) -> dict[str, str]:
    """Hash of every output file; the manifest without its `seconds` field."""
    prints = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if not path.is_file() or rel.startswith(".cleaner/"):
            continue
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            if path.name == "manifest.jsonl":
                for line in handle:
                    row = json.loads(line)
                    row.pop("seconds", None)
                    digest.update(json.dumps(row, sort_keys=True).encode())
            else:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        prints[rel] = digest.hexdigest()
    return prints


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--work", type=Path, default=Path("/tmp/cleaner-batch-bench"),
                        help="where the folder is built (shared with bench.batch_bench) and outputs go")
    parser.add_argument("--pages", type=int, default=20000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--shard-sizes", type=int, nargs="+", default=[200, 50, 1000],
                        help="Dask runs, one per shard size; the first is also the local run's")
    parser.add_argument("--slow-limit", type=float, default=10.0)
    args = parser.parse_args()
    pages = drop_slow(load_pages(args.bench_dir), args.work, args.slow_limit)
    folder = args.work / f"pages-{args.pages}"
    build_folder(pages, folder, args.pages)
    reference_size = args.shard_sizes[0]
    local_out = args.work / "engine-local"
    local = run_one(folder, local_out, args.jobs, reference_size, "local")
    local_print = fingerprint(local_out)
    results = [local]
    print(f"{args.pages} pages, -j {args.jobs}; local, shard size {reference_size}: {local['seconds']:.1f} s wall, "
          f"{local['cpu']:.1f} s CPU, {local['pages_per_s']:.1f} pages/s, exit {local['exit']}", flush=True)
    for size in args.shard_sizes:
        out = args.work / f"engine-dask-{size}"
        r = run_one(folder, out, args.jobs, size, "dask")
        r["wall_ratio"], r["cpu_ratio"] = r["seconds"] / local["seconds"], r["cpu"] / local["cpu"]
        if size == reference_size:
            r["same_files"] = fingerprint(out) == local_print
        results.append(r)
        same = f", same files as local: {'yes' if r['same_files'] else 'NO'}" if "same_files" in r else ""
        print(f"dask, shard size {size}: {r['seconds']:.1f} s wall, {r['cpu']:.1f} s CPU, "
              f"{r['pages_per_s']:.1f} pages/s, exit {r['exit']}; overhead {r['wall_ratio']:.3f}x wall, "
              f"{r['cpu_ratio']:.3f}x CPU{same} (load {r['load']:.1f})", flush=True)
        shutil.rmtree(out, ignore_errors=True)
    (args.work / f"engine-{args.pages}.json").write_text(json.dumps(results, indent=1))
    shutil.rmtree(local_out, ignore_errors=True)


if __name__ == "__main__":
    main()
