"""Instructions per page (valgrind's callgrind) of the HTML library path, the text path and trafilatura's
`bare_extraction` with metadata: a speed measure that a busy or throttled machine does not disturb, where CPU
seconds swing by a third from one run to the next. Instructions are not time (a memory-bound step costs more
than its count says), so read them beside `bench.speed`, as its check on a noisy day.

    python -m bench.instructions [--only html,text,trafilatura] [--every 8]

Each workload runs once under callgrind in a fresh interpreter, uninstrumented (`--instr-atstart=no`) through
its imports and a warm-up on --warm other dev-set pages, then counted over the measured pages: every --every-th
dev-set HTML page (every 10 * --every / 8-th text dump). A long warm-up matters: trafilatura's first page with a
date htmldate hands to dateparser loads dateparser's 200 locales and compiles their regexes (about 2 CPU s, 12
billion instructions once per process), which a warm-up of 5 pages left to one of the 61 measured pages: 445
million instructions a page, against 244 million once warm (CPU seconds, which bench.speed takes best of rounds
over the same pages, never saw that cost after the first round). Starting the count takes callgrind's client
request, built here with the C compiler and valgrind's callgrind.h; without them (or with --warm 0) each workload
runs twice, after WARM_UP pages, with and without the measured pages, and the difference is their cost (first-use
costs included). Needs valgrind; about 5 minutes.
"""

from __future__ import annotations

import argparse
import ctypes
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
WARM_UP = 5  # warm-up pages of the two-run count
WARM = 200  # warm-up pages of the one-run count, uninstrumented
# The client requests a child makes through ctypes: start counting, then dump what the measured pages cost.
_MARKS_C = """#include <valgrind/callgrind.h>
void cg_start(void) { CALLGRIND_START_INSTRUMENTATION; CALLGRIND_ZERO_STATS; }
void cg_dump(void) { CALLGRIND_DUMP_STATS_AT("measured"); }
"""


def _pages(workload: str, bench: Path, every: int, warm_pages: int = WARM_UP) -> tuple[list, list]:
    """(warm-up pages, measured pages) of a workload: the warm-up pages are none of the measured ones."""
    if workload == "text":
        step = max(1, round(every * 10 / 8))
        if warm_pages == WARM_UP:  # the two-run count's pages, as they were
            dumps = load_text(bench)[::step]
            return dumps[:WARM_UP], dumps[WARM_UP:]
        dumps = load_text(bench)
        return [d for i, d in enumerate(dumps) if i % step][:warm_pages], dumps[::step][WARM_UP:]
    pages = load_html(bench)
    measured = pages[::every]
    if warm_pages == WARM_UP:
        return [page for i, page in enumerate(pages) if i % every == 1][:WARM_UP], measured
    # The pages next to a measured one first, then the others: the same first five as the two-run count.
    order = sorted((i for i in range(len(pages)) if i % every), key=lambda i: (i % every != 1, i))
    return [pages[i] for i in order[:warm_pages]], measured


def _marks(out_dir: Path) -> Path | None:
    """The shared library of client requests, built in `out_dir`; None without a C compiler or callgrind.h."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        return None
    source, lib = out_dir / "cg_marks.c", out_dir / "cg_marks.so"
    source.write_text(_MARKS_C)
    built = subprocess.run([cc, "-O2", "-shared", "-fPIC", "-o", str(lib), str(source)], capture_output=True)
    return lib if built.returncode == 0 else None


def child(workload: str, bench: Path, every: int, measure: bool, warm_pages: int = WARM_UP,
          marks: str | None = None) -> None:
    """What runs under callgrind: set-up and warm-up, then the measured pages when `measure`; with `marks` (the
    client requests' library), counting only the measured pages."""
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
    warm, measured = _pages(workload, bench, every, warm_pages)
    for page in warm:
        run(page)
    lib = ctypes.CDLL(marks) if marks else None
    if lib is not None:
        lib.cg_start()
    if measure:
        for page in measured:
            run(page)
    if lib is not None:
        lib.cg_dump()
    print(len(measured))


def _callgrind(flags: list[str], out: Path, child: list[str], dump: Path) -> tuple[int, int]:
    """(instructions callgrind's `dump` totals, pages measured) of one child run (`child`: its arguments after
    --child) under callgrind with `flags`, writing to `out`."""
    cmd = ["valgrind", "--tool=callgrind", *flags, f"--callgrind-out-file={out}", sys.executable, "-m",
           "bench.instructions", "--child", *child]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    pages = int(done.stdout.split()[-1])
    totals = re.search(r"^(?:totals|summary): (\d+)", dump.read_text(), re.M)
    if totals is None:
        raise RuntimeError(f"no totals in {dump}")
    return int(totals.group(1)), pages


def _counted(workload: str, bench: Path, every: int, warm_pages: int, marks: Path, out_dir: Path) -> tuple[int, int]:
    """(instructions of the measured pages alone, pages measured), in one run counted from after the warm-up."""
    out = out_dir / f"{workload}-warm.out"
    child = [workload, "--bench-dir", str(bench), "--every", str(every), "--warm", str(warm_pages), "--marks",
             str(marks), "--measure"]
    # the client request's dump is out.1; `out` itself holds the interpreter's exit
    return _callgrind(["--instr-atstart=no"], out, child, Path(f"{out}.1"))


def _instructions(workload: str, bench: Path, every: int, measure: bool, out_dir: Path) -> tuple[int, int]:
    """(instructions of the whole run, pages measured)."""
    out = out_dir / f"{workload}-{int(measure)}.out"
    child = [workload, "--bench-dir", str(bench), "--every", str(every)] + (["--measure"] if measure else [])
    return _callgrind([], out, child, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(WORKLOADS), help="comma-separated: " + ", ".join(WORKLOADS))
    parser.add_argument("--every", type=int, default=8, help="measure every N-th dev-set HTML page (default 8)")
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--warm", type=int, default=WARM,
                        help=f"other pages run uncounted first (default {WARM}); 0: the two-run count")
    parser.add_argument("--child", choices=WORKLOADS, help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--marks", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.bench_dir, args.every, args.measure, args.warm if args.marks else WARM_UP, args.marks)
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
        marks = _marks(Path(tmp)) if args.warm else None
        if args.warm and marks is None:
            print("no C compiler or valgrind/callgrind.h: the two-run count, first-use costs included", file=sys.stderr)
        for workload in workloads:
            if marks is not None:
                net, pages = _counted(workload, args.bench_dir, args.every, args.warm, marks, Path(tmp))
                figures[workload] = {"pages": pages, "instructions": net, "per_page": net / max(1, pages),
                                     "warm_pages": args.warm}
                note = f"after {args.warm} warm-up pages"
            else:
                with_pages, pages = _instructions(workload, args.bench_dir, args.every, True, Path(tmp))
                set_up, _ = _instructions(workload, args.bench_dir, args.every, False, Path(tmp))
                net = with_pages - set_up
                figures[workload] = {"pages": pages, "instructions": net, "per_page": net / max(1, pages),
                                     "set_up": set_up}
                note = f"set-up {set_up / 1e9:.2f} billion"
            print(f"  {workload:12s} {pages:4d} pages  {net / 1e9:7.3f} billion instructions  "
                  f"{net / max(1, pages) / 1e6:7.1f} million a page  ({note})")
    if "html" in figures and "trafilatura" in figures:
        ratio = figures["trafilatura"]["per_page"] / figures["html"]["per_page"]
        figures["html_vs_trafilatura"] = ratio
        print(f"  trafilatura's instructions a page over clean(bytes)'s: {ratio:.2f}x")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
