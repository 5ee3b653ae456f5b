"""Speed benchmark for issue 9: the batch beside trafilatura's CLI, the library beside bare_extraction,
page-size growth, a fresh worker's first page, and -j 2 against -j 1. One invocation, alternating runs
after a warm-up; figures are ratios against references measured in the same run.

    python -m bench.speed [--files 3000] [--rounds 2] [--only batch,library,text,growth,first,jobs,profile]
                          [--max-mb 10] [--work /tmp/cleaner-speed]

- batch: `cleaner clean DIR -o OUT -j 2 --format json` on a folder of --files dev-set HTML pages
  (replicas made distinct by a trailing comment) beside `trafilatura --input-dir DIR --output-dir OUT2
  --parallel 2 --json`, with and without `--with-metadata`: wall time, trafilatura's wall time over
  ours (above 1: we are faster), CPU per page, and peak memory: RSS summed over the process tree (counts
  pages a forked worker shares with its parent once per process), PSS of the tree (shared pages
  divided among their sharers: the real footprint), and the largest worker's RSS.
- library: `clean()` on bytes and on str beside `trafilatura.bare_extraction(with_metadata=True)`.
- text: the text path on every dev-set text dump (one core, pages per CPU second) beside the C4-style
  line filter of bench.quality (keep lines of 5+ words that end a sentence), the cheapest useful filter.
- growth: synthetic pages from 10 KB to --max-mb MB, several shapes (one story container, a story
  split into many sibling containers, a deep nest, a long list of links, a dev-set page repeated),
  with k of time ∝ size^k fitted from 100 KB up; a page the cleaner refuses by design (over 100,000
  elements) is shown as refused and left out of the fit.
- first: a fresh interpreter's first `clean()` and a fresh pool worker's first page (what the batch pays).
- jobs: `-j 2` against `-j 1` on the same folder.
- profile (on request): each stage's share of clean(bytes) over --profile-pages dev-set pages, cProfile
  in a fresh process (first-use set-up included, as a batch worker pays it).

Builds everything under --work (never in the repo). Nothing here is a test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.proctree import run_sampled

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = Path(os.environ.get("CLEANER_BENCH", ROOT.parent / "shared" / "bench"))
PARTS = ("batch", "library", "text", "growth", "first", "jobs", "profile")
DEFAULT_PARTS = PARTS[:-1]  # the profile runs on request: `--only profile`


def load_html(bench: Path) -> list[tuple[str, bytes]]:
    """(name, raw bytes) of every dev-set HTML page."""
    pages = []
    for path in sorted(bench.glob("*/html/*")):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        pages.append((path.name.split(".")[0], data))
    return pages


def page_str(data: bytes) -> str:
    """A page as the str trafilatura's reference is handed: UTF-8, else Windows-1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def build_folder(pages: list[tuple[str, bytes]], target: Path, n: int) -> Path:
    """n loose .html files: replica r of every page, each made distinct by a trailing comment."""
    stamp = f"{n} {len(pages)}"
    if (target / ".built").exists() and (target / ".built").read_text() == stamp:
        return target / "in"
    shutil.rmtree(target, ignore_errors=True)
    (target / "in").mkdir(parents=True)
    for i in range(n):
        name, data = pages[i % len(pages)]
        replica = i // len(pages)
        (target / "in" / f"{name}-{replica:03d}.html").write_bytes(data + f"\n<!-- replica {replica} -->\n".encode())
    (target / ".built").write_text(stamp)
    return target / "in"


def measure(cmd: list[str]) -> dict:
    """Wall seconds, CPU seconds, peak tree RSS and largest worker RSS (MiB, sampled every 0.05 s), and
    peak tree PSS (every 0.5 s) of one command."""
    run = run_sampled(cmd, interval=0.05)
    if run.returncode not in (0, 1):
        sys.stderr.write(f"{cmd[:3]} exit {run.returncode}: {run.stderr[-1500:]}\n")
    return {"seconds": run.seconds, "cpu": run.cpu, "peak_mib": run.peak / 2**20,
            "worker_mib": run.worker_peak / 2**20, "pss_mib": run.pss_peak / 2**20}


def _bin(name: str) -> str:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else name


def batch_commands(folder: Path, out: Path, jobs: int) -> dict[str, list[str]]:
    traf = [_bin("trafilatura"), "--input-dir", str(folder), "--output-dir", str(out / "traf"),
            "--parallel", str(jobs), "--json"]
    return {
        "cleaner": [_bin("cleaner"), "clean", str(folder), "-o", str(out / "cleaner"), "-j", str(jobs),
                    "--format", "json", "--no-progress"],
        "trafilatura": traf,
        "trafilatura+meta": [*traf, "--with-metadata"],
    }


def _run(cmd: list[str], out: Path) -> dict:
    shutil.rmtree(out / "cleaner", ignore_errors=True)
    shutil.rmtree(out / "traf", ignore_errors=True)
    return measure(cmd)


def _best(runs: list[dict]) -> dict:
    """The fastest run (least disturbed by the other tenants of the machine), with the peak over all."""
    best = min(runs, key=lambda r: r["seconds"])
    return {**best, **{key: max(r[key] for r in runs) for key in ("peak_mib", "worker_mib", "pss_mib")}}


def bench_batch(pages: list, work: Path, n: int, rounds: int, jobs_ratio: bool, batch: bool) -> dict:
    folder = build_folder(pages, work / f"folder-{n}", n)
    warm = build_folder(pages, work / "folder-warm", min(60, n))
    out = work / "out"
    results: dict[str, list[dict]] = {}
    commands = batch_commands(folder, out, 2) if batch else {}
    if jobs_ratio:
        commands["cleaner -j 1"] = batch_commands(folder, out, 1)["cleaner"]
        commands.setdefault("cleaner", batch_commands(folder, out, 2)["cleaner"])
    for cmd in batch_commands(warm, out, 2).values():  # warm-up: disk cache, imports, .pyc
        _run(cmd, out)
    for _ in range(rounds):
        for name, cmd in commands.items():  # alternating
            results.setdefault(name, []).append(_run(cmd, out))
    best = {name: _best(runs) for name, runs in results.items()}
    print(f"\n== batch: {n} files, best of {rounds} alternating runs (wall s, CPU s/page; peak memory: "
          "tree RSS, tree PSS, largest worker RSS)")
    for name, r in best.items():
        print(f"  {name:18s} {r['seconds']:7.1f} s  {1000 * r['cpu'] / n:6.1f} ms CPU/page  {r['peak_mib']:5.0f} / "
              f"{r['pss_mib']:4.0f} / {r['worker_mib']:4.0f} MiB"
              f"   (all runs: {', '.join(format(x['seconds'], '.1f') for x in results[name])})")
    ours = best["cleaner"]["seconds"]
    for ref in ("trafilatura", "trafilatura+meta"):
        if ref in best:
            # CPU per page is the figure that survives a busy machine; wall time needs a quiet one.
            print(f"  speed vs {ref}: {best[ref]['seconds'] / ours:.2f}x  (wall {ours / best[ref]['seconds']:.2f}x "
                  f"theirs; by CPU per page {best[ref]['cpu'] / best['cleaner']['cpu']:.2f}x; "
                  f"peak tree RSS {best['cleaner']['peak_mib'] / best[ref]['peak_mib']:.2f}x, PSS "
                  f"{best['cleaner']['pss_mib'] / best[ref]['pss_mib']:.2f}x, per worker "
                  f"{best['cleaner']['worker_mib'] / best[ref]['worker_mib']:.2f}x)")
    if "cleaner -j 1" in best:
        print(f"  -j 2 vs -j 1: {best['cleaner -j 1']['seconds'] / ours:.2f}x")
    return best


def best_alternating(systems: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Each system's least CPU seconds over `rounds` rounds, the systems taking turns in each round."""
    times: dict[str, list[float]] = {}
    for _ in range(rounds):
        for name, fn in systems.items():
            started = time.process_time()
            fn()
            times.setdefault(name, []).append(time.process_time() - started)
    return {name: min(t) for name, t in times.items()}


def bench_library(pages: list, rounds: int) -> dict:
    import trafilatura

    from cleaner import clean

    strs = [page_str(data) for _, data in pages]
    systems = {
        "cleaner bytes": lambda: [clean(data) for _, data in pages],
        "cleaner str": lambda: [clean(text) for text in strs],
        "trafilatura bare_extraction+meta": lambda: [trafilatura.bare_extraction(text, with_metadata=True)
                                                     for text in strs],
    }
    for _, data in pages[:20]:  # warm-up: imports and first-use set-up
        clean(data)
        trafilatura.bare_extraction(data.decode("utf-8", errors="replace"), with_metadata=True)
    best = best_alternating(systems, rounds)
    ref = best["trafilatura bare_extraction+meta"]
    print(f"\n== library: {len(pages)} dev-set pages, one process, best of {rounds} alternating (CPU s)")
    for name, seconds in best.items():
        print(f"  {name:34s} {seconds:6.2f} s  {len(pages) / seconds:6.1f} pages/s  speed vs trafilatura "
              f"{ref / seconds:.2f}x")
    return best


def load_text(bench: Path) -> list[str]:
    """Every dev-set text dump (the naive full-page dumps beside the HTML pages)."""
    dumps = []
    for path in sorted([*bench.glob("*/text/*"), *bench.glob("wceb/*/text/*")]):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        dumps.append(data.decode("utf-8", errors="replace"))
    return dumps


def bench_text(bench: Path, rounds: int) -> dict:
    from bench.quality import c4_filter
    from cleaner import clean

    dumps = load_text(bench)
    systems = {
        "cleaner text path": lambda: [clean(text, kind="text") for text in dumps],
        "C4-style line filter": lambda: [c4_filter(text) for text in dumps],
    }
    for text in dumps[:20]:  # warm-up: imports, the language model, compiled rule patterns
        clean(text, kind="text")
    best = best_alternating(systems, rounds)
    size = sum(len(text) for text in dumps) / len(dumps) / 1000
    print(f"\n== text: {len(dumps)} dev-set text dumps (mean {size:.1f}k chars), one process, best of {rounds} "
          "alternating (CPU s)")
    for name, seconds in best.items():
        print(f"  {name:34s} {seconds:6.2f} s  {len(dumps) / seconds:7.1f} pages/s")
    return {"pages": len(dumps), "seconds": best,
            "pages_per_second": {name: len(dumps) / seconds for name, seconds in best.items()}}


# --- growth --------------------------------------------------------------------------------------

_WORDS = ("the council said on monday that the new budget would fund schools roads and the harbour "
          "while critics argued that the plan left rural districts without the money they were promised").split()


def _paragraph(i: int) -> str:
    words = [_WORDS[(i * 7 + j * 3) % len(_WORDS)] for j in range(60)]
    return f"<p>{' '.join(words).capitalize()} ({i}).</p>"


def _shell(body: str) -> str:
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
    return (f"<!DOCTYPE html><html><head><title>Budget story</title>"
            f'<meta name="author" content="A. Writer"><meta property="article:published_time" '
            f'content="2024-03-05"></head><body><nav><ul>{nav}</ul></nav>'
            f"<h1>Budget story</h1>{body}<footer>Copyright 2024</footer></body></html>")


def shaped_page(shape: str, size: int, dev_page: str = "") -> str:
    """A page of about `size` characters in one of the growth shapes."""
    parts: list[str] = []
    total, i = 0, 0
    while total < size:
        if shape == "one-container":
            part = _paragraph(i)
        elif shape == "split-siblings":  # a story split by ads into many sibling containers of one kind
            part = (f'<div class="story-chunk">{_paragraph(i)}{_paragraph(i + 1)}</div>'
                    f'<div class="ad-slot"><a href="/ad{i}">Advertisement</a></div>')
        elif shape == "deep-nest":
            inner = "<div>" * 8 + _paragraph(i + 1) + "</div>" * 8
            part = f"<div><section>{_paragraph(i)}{inner}</section></div>"
        elif shape == "link-list":
            items = "".join(f'<li><a href="/a{i}-{j}">Headline number {i} {j}</a></li>' for j in range(10))
            part = f"<ul>{items}</ul>"
        else:  # dev-page: a real page's body repeated
            part = dev_page
        parts.append(part)
        total += len(part)
        i += 2
    if shape == "one-container":
        return _shell('<article class="story">' + "".join(parts) + "</article>")
    if shape == "split-siblings":
        return _shell('<div class="wrap"><div class="main">' + "".join(parts) + "</div></div>")
    return _shell("".join(parts))


SHAPES = ("one-container", "split-siblings", "deep-nest", "link-list", "dev-page")
# A page the cleaner refuses by design (html.parse.MAX_ELEMENTS, limits.MAX_HTML_CHARS) costs next to
# nothing: it is shown as refused and left out of the fit of k, which would otherwise flatter us.
REFUSALS = ("tree too large", "input too large")


def _fit_k(points: list[tuple[int, float]]) -> float:
    xs = [math.log(s) for s, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def bench_growth(pages: list, max_mb: float, with_trafilatura: bool) -> dict:
    import trafilatura

    from cleaner import clean

    sizes = [s for s in (10_000, 100_000, 1_000_000, 10_000_000) if s <= max_mb * 1_000_000]
    bodies = [m.group(1) for _, data in pages if (m := re.search(rb"<body[^>]*>(.*)</body>", data, re.S))]
    dev_page = min(bodies, key=lambda body: abs(len(body) - 8_000)).decode("utf-8", errors="replace")  # ~8 KB
    clean(shaped_page("one-container", 10_000).encode())  # warm-up
    out: dict[str, dict] = {}
    note = " (trafilatura bare_extraction+meta in brackets)" if with_trafilatura else ""
    print(f"\n== growth: clean(bytes) CPU seconds by page size{note}")
    for shape in SHAPES:
        points: list[tuple[int, float]] = []
        refusals: list[tuple[int, float]] = []
        cells = []
        for size in sizes:
            page = shaped_page(shape, size, dev_page)
            data = page.encode()
            started = time.process_time()
            doc = clean(data)
            seconds = time.process_time() - started
            refused = (doc.empty_reason or "").startswith(REFUSALS)
            (refusals if refused else points).append((len(data), seconds))
            cell = f"{len(data) / 1e6:6.2f} MB {seconds:6.2f}s"
            if with_trafilatura:
                started = time.process_time()
                trafilatura.bare_extraction(page, with_metadata=True)
                cell += f" [{time.process_time() - started:5.2f}]"
            cells.append(cell + (f" (refused: {doc.empty_reason})" if refused
                                 else f" ({len(doc.text or '') // 1000}k chars)"))
        fitted = [p for p in points if p[0] >= 90_000]
        k = _fit_k(fitted) if len(fitted) >= 2 else float("nan")
        out[shape] = {"points": points, "k": k, "refused": refusals}
        print(f"  {shape:15s} k={k:4.2f}  " + " | ".join(cells))
    return out


# --- first page ----------------------------------------------------------------------------------

_FIRST_COLD = """
import time, sys
t0 = time.perf_counter()
from cleaner import clean
t1 = time.perf_counter()
clean(open(sys.argv[1], 'rb').read())
t2 = time.perf_counter()
clean(open(sys.argv[1], 'rb').read())
t3 = time.perf_counter()
print(f"{t1 - t0:.3f} {t2 - t1:.3f} {t3 - t2:.3f}")
"""

_FIRST_POOL = """
import time, sys
from cleaner.batch.workers import PagePool
from cleaner import clean
def page(data):
    return len(clean(data).text or '')
data = open(sys.argv[1], 'rb').read()
with PagePool(page, 1, 60) as pool:
    t0 = time.perf_counter()
    [(k, o)] = list(pool.run([(0, data)]))
    t1 = time.perf_counter()
    [(k, o2)] = list(pool.run([(1, data)]))
    t2 = time.perf_counter()
print(f"{t1 - t0:.3f} {o.seconds:.3f} {t2 - t1:.3f}")
"""


def bench_first(pages: list, work: Path, rounds: int) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    sample = work / "first.html"
    sample.write_bytes(sorted(pages, key=lambda p: len(p[1]))[len(pages) // 2][1])  # a median-size page
    cold, pool = [], []
    for _ in range(max(rounds, 2) + 1):
        for script, into in ((_FIRST_COLD, cold), (_FIRST_POOL, pool)):
            answer = subprocess.check_output([sys.executable, "-c", script, str(sample)])
            into.append([float(x) for x in answer.split()])
    cold, pool = cold[1:], pool[1:]  # the first pair is the warm-up
    c = min(cold, key=lambda r: r[1])
    p = min(pool, key=lambda r: r[0])
    print(f"\n== first page (median-size dev page, {sample.stat().st_size // 1000} KB; best of {len(cold)})")
    print(f"  fresh interpreter: import {c[0]:.3f}s, first clean() {c[1]:.3f}s, second {c[2]:.3f}s")
    print(f"  fresh pool worker: first page {p[0]:.3f}s from hand-over to result ({p[1]:.3f}s inside the worker), "
          f"second {p[2]:.3f}s")
    return {"cold": c, "pool": p}


# --- profile -------------------------------------------------------------------------------------

# The stages of clean(bytes) on the HTML path, by the function that runs each (file:function).
STAGES = ("decode.py:decode", "decode.py:repair", "api.py:sanitise", "parse.py:parse_html",
          "from_html.py:read_metadata", "pubdate.py:publication_date", "pubdate.py:find_date_with_htmldate",
          "pagetype.py:linked_headings", "pagetype.py:anchor_texts", "prune.py:prune", "merge.py:merge_chunks",
          "paragraphs.py:wrap_loose_text", "body.py:extract", "filter.py:filter_body", "render.py:to_text",
          "render.py:to_markdown", "language.py:detect", "pagetype.py:classify_page")

_PROFILE = """
import cProfile, gzip, json, pstats, random, sys
from pathlib import Path
from cleaner import clean
bench, n = Path(sys.argv[1]), int(sys.argv[2])
files = sorted([*bench.glob("*/html/*"), *bench.glob("wceb/*/html/*")])
random.Random(0).shuffle(files)
pages = [gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes() for p in files[:n]]
clean(pages[0])
profile = cProfile.Profile()
profile.enable()
for data in pages:
    clean(data)
profile.disable()
stats = pstats.Stats(profile).stats
total = max(v[3] for v in stats.values())
out = {}
for (path, _line, name), v in stats.items():
    key = Path(path).name + ":" + name
    out[key] = out.get(key, 0.0) + v[3]
print(json.dumps({"total": total, "pages": len(pages), "cumulative": out}))
"""


def bench_profile(bench: Path, n: int) -> dict:
    """cProfile of clean(bytes) over n dev-set pages (shuffled, fixed seed) in a fresh interpreter after
    one page, as a fresh batch worker meets them: each stage's share of the total (stages nest: the
    date stage holds htmldate, decode holds repair)."""
    answer = subprocess.check_output([sys.executable, "-c", _PROFILE, str(bench), str(n)], cwd=ROOT)
    found = json.loads(answer)
    total = found["total"]
    shares = {stage: found["cumulative"].get(stage, 0.0) / total for stage in STAGES}
    print(f"\n== profile: clean(bytes) over {found['pages']} dev-set pages in a fresh process, share of the time")
    for stage, share in sorted(shares.items(), key=lambda item: -item[1]):
        print(f"  {100 * share:5.1f} %  {stage}")
    return shares


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--work", type=Path, default=Path("/tmp/cleaner-speed"))
    parser.add_argument("--files", type=int, default=3000, help="files in the batch folder")
    parser.add_argument("--rounds", type=int, default=2, help="alternating runs of each system")
    parser.add_argument("--max-mb", type=float, default=10.0, help="largest growth page, MB")
    parser.add_argument("--only", default=",".join(DEFAULT_PARTS), help=f"comma-separated parts of {PARTS}")
    parser.add_argument("--profile-pages", type=int, default=400, help="dev-set pages the profile part cleans")
    parser.add_argument("--no-trafilatura-growth", action="store_true", help="skip trafilatura in the growth part")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    unknown = only - set(PARTS)
    if unknown:
        parser.error(f"unknown parts {sorted(unknown)}; choose from {PARTS}")
    pages = load_html(args.bench_dir)
    if not pages:
        parser.error(f"no HTML pages under {args.bench_dir}/*/html (set --bench-dir or CLEANER_BENCH)")
    print(f"{len(pages)} dev-set HTML pages; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    figures: dict = {}
    if "batch" in only or "jobs" in only:
        figures["batch"] = bench_batch(pages, args.work, args.files, args.rounds, "jobs" in only, "batch" in only)
    if "library" in only:
        figures["library"] = bench_library(pages, args.rounds)
    if "text" in only:
        figures["text"] = bench_text(args.bench_dir, args.rounds)
    if "growth" in only:
        figures["growth"] = bench_growth(pages, args.max_mb, not args.no_trafilatura_growth)
    if "first" in only:
        figures["first"] = bench_first(pages, args.work, args.rounds)
    if "profile" in only:
        figures["profile"] = bench_profile(args.bench_dir, args.profile_pages)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
