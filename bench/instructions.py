"""Instructions per page (valgrind's callgrind) of the HTML library path, the text path and trafilatura's
`bare_extraction` with metadata: a speed measure that a busy or throttled machine does not disturb, where CPU
seconds swing by a third from one run to the next. Instructions are not time (a memory-bound step costs more
than its count says), so read them beside `bench.speed`, as its check on a noisy day.

    python -m bench.instructions [--only html,text,trafilatura] [--every 8]

Each workload runs twice under callgrind in a fresh interpreter: imports, data loading and a warm-up of a few
pages, then once with the measured pages and once without; the difference is the pages' own cost. The pages
are every --every-th dev-set HTML page (every 10 * --every / 8-th text dump). Needs valgrind; about 5 minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.speed import DEFAULT_BENCH, ROOT, load_html, load_text, page_str

WORKLOADS = ("html", "text", "trafilatura")
WARM_UP = 5


def _pages(workload: str, bench: Path, every: int) -> tuple[list, list]:
    """(warm-up pages, measured pages) of a workload."""
    if workload == "text":
        dumps = load_text(bench)[:: max(1, round(every * 10 / 8))]
        return dumps[:WARM_UP], dumps[WARM_UP:]
    pages = load_html(bench)
    measured = pages[::every]
    warm = [page for i, page in enumerate(pages) if i % every == 1][:WARM_UP]
    return warm, measured


def child(workload: str, bench: Path, every: int, measure: bool) -> None:
    """What runs under callgrind: set-up and warm-up, then the measured pages when `measure`."""
    if workload == "trafilatura":
        import trafilatura

        def run(page: tuple[str, bytes]) -> None:
            trafilatura.bare_extraction(page_str(page[1]), with_metadata=True)  # as bench.speed hands it
    else:
        from cleaner import clean

        def run(page: object) -> None:
            if workload == "text":
                clean(page, kind="text")
            else:
                clean(page[1])
    warm, measured = _pages(workload, bench, every)
    for page in warm:
        run(page)
    if measure:
        for page in measured:
            run(page)
    print(len(measured))


def _instructions(workload: str, bench: Path, every: int, measure: bool, out_dir: Path) -> tuple[int, int]:
    """(instructions of the whole run, pages measured)."""
    out = out_dir / f"{workload}-{int(measure)}.out"
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-m", "bench.instructions",
           "--child", workload, "--bench-dir", str(bench), "--every", str(every)] + (["--measure"] if measure else [])
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    pages = int(done.stdout.split()[-1])
    totals = re.search(r"^(?:totals|summary): (\d+)", out.read_text(), re.M)
    if totals is None:
        raise RuntimeError(f"no totals in {out}")
    return int(totals.group(1)), pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(WORKLOADS), help="comma-separated: " + ", ".join(WORKLOADS))
    parser.add_argument("--every", type=int, default=8, help="measure every N-th dev-set HTML page (default 8)")
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--child", choices=WORKLOADS, help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.bench_dir, args.every, args.measure)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt install valgrind)", file=sys.stderr)
        return 2
    workloads = [w for w in args.only.split(",") if w]
    unknown = set(workloads) - set(WORKLOADS)
    if unknown:
        parser.error(f"unknown workload(s): {', '.join(sorted(unknown))}")
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="cleaner-cg-") as tmp:
        for workload in workloads:
            with_pages, pages = _instructions(workload, args.bench_dir, args.every, True, Path(tmp))
            set_up, _ = _instructions(workload, args.bench_dir, args.every, False, Path(tmp))
            net = with_pages - set_up
            figures[workload] = {"pages": pages, "instructions": net, "per_page": net / max(1, pages),
                                 "set_up": set_up}
            print(f"  {workload:12s} {pages:4d} pages  {net / 1e9:7.3f} billion instructions  "
                  f"{net / max(1, pages) / 1e6:7.1f} million a page  (set-up {set_up / 1e9:.2f} billion)")
    if "html" in figures and "trafilatura" in figures:
        ratio = figures["trafilatura"]["per_page"] / figures["html"]["per_page"]
        figures["html_vs_trafilatura"] = ratio
        print(f"  trafilatura's instructions a page over clean(bytes)'s: {ratio:.2f}x")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
