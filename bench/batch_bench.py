"""Batch benchmark: throughput with -j 1 and -j 2, peak memory against folder size, and the share
of a site's template lines removed.

    python -m bench.batch_bench [--sizes 5000 20000] [--speed-size 5000] [--work /tmp/cleaner-batch-bench]

Builds folders under --work (never in the repo) from the dev sets in ../shared/bench: the HTML pages
and text dumps replicated as loose files, JSONL records (.gz and .zst) and WARC files, then runs
`cleaner clean DIR -o OUT --format jsonl` in a subprocess per measurement. Peak memory is the largest
sum of RSS over the runner and all its workers, sampled every 0.1 s. Figures are ratios and
measurements of this machine; nothing here is a test. "CPU busy" is the CPU time of the run over
wall time x jobs: well under 100% means other processes were using the cores.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import zstandard

from bench.proctree import run_sampled

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = Path(os.environ.get("CLEANER_BENCH", ROOT.parent / "shared" / "bench"))


def load_pages(bench: Path) -> list[tuple[str, str, str, str]]:
    """(name, url, kind, content) for every dev-set page: the HTML and the text dump of each."""
    urls = {k: v["url"] for k, v in json.loads((bench / "scrapinghub" / "ground-truth.json").read_text()).items()}
    snippets = json.loads((bench / "trafilatura-eval" / "snippets.json").read_text())
    urls.update({k: v.get("url") or f"https://unknown.example/{k}" for k, v in snippets.items()})
    pages = []
    for folder in ("scrapinghub", "trafilatura-eval"):
        for path in sorted((bench / folder / "html").glob("*.html.gz")):
            key = path.name[: -len(".html.gz")]
            pages.append((f"{folder}-{key}", urls[key], "html", gzip.decompress(path.read_bytes()).decode("utf-8")))
        for path in sorted((bench / folder / "text").glob("*.txt")):
            pages.append((f"{folder}-{path.stem}", urls[path.stem], "text", path.read_text("utf-8")))
    return pages


def drop_slow(pages: list, work: Path, limit: float) -> list:
    """The pages the cleaner finishes within `limit` seconds: a handful of pathological pages would
    otherwise turn the throughput figures into a measure of the time limit."""
    folder = work / "devset-once"
    if not (folder / ".built").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, _url, kind, content in pages:
            (folder / f"{name}.{'html' if kind == 'html' else 'txt'}").write_text(content, "utf-8")
        (folder / ".built").write_text("1")
    out = work / "devset-out"
    if not (out / "manifest.jsonl").exists():  # measured once per work folder
        subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", str(folder), "-o", str(out), "--format",
                        "jsonl", "--timeout", str(limit), "--no-progress"], check=False, stdout=subprocess.DEVNULL)
    slow = {json.loads(line)["id"].rsplit(".", 1)[0] for line in (out / "manifest.jsonl").read_text().splitlines()
            if json.loads(line)["status"] == "failed"}
    print(f"left out {len(slow)} dev-set pages that fail or take over {limit:g}s: {sorted(slow)}")
    return [p for p in pages if p[0] not in slow]


def build_folder(pages: list, target: Path, n: int) -> None:
    """n pages: replica r holds every page once, as loose files (r % 3 == 0), JSONL (1) or WARC (2)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    stamp = f"{n} {len(pages)}"
    if (target / ".built").exists() and (target / ".built").read_text() == stamp:
        return
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    made, replica = 0, 0
    while made < n:
        chunk = pages[: n - made]
        form = replica % 3
        if form == 0:
            folder = target / f"loose-{replica:03d}"
            folder.mkdir()
            for name, _url, kind, content in chunk:
                (folder / f"{name}.{'html' if kind == 'html' else 'txt'}").write_text(content, "utf-8")
        elif form == 1:
            rows = "".join(json.dumps({"url": url, "html" if kind == "html" else "text": content}) + "\n"
                           for _name, url, kind, content in chunk).encode()
            if replica % 2:
                (target / f"records-{replica:03d}.jsonl.gz").write_bytes(gzip.compress(rows, 6))
            else:
                (target / f"records-{replica:03d}.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(rows))
        else:
            with open(target / f"crawl-{replica:03d}.warc.gz", "wb") as handle:
                writer = WARCWriter(handle, gzip=True)
                for _name, url, kind, content in chunk:
                    ctype = "text/html; charset=utf-8" if kind == "html" else "text/plain; charset=utf-8"
                    headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
                    writer.write_record(writer.create_warc_record(url, "response",
                                                                  payload=io.BytesIO(content.encode("utf-8")),
                                                                  http_headers=headers))
        made += len(chunk)
        replica += 1
    (target / ".built").write_text(stamp)


def measure(args: list[str]) -> tuple[float, int, int, float]:
    """(seconds, peak tree RSS in bytes, exit code, CPU seconds) of one `cleaner clean` run."""
    run = run_sampled([sys.executable, "-m", "cleaner.cli", "clean", *args], interval=0.1)
    if run.returncode not in (0, 1):
        sys.stderr.write(run.stderr[-2000:])
    return run.seconds, run.peak, run.returncode, run.cpu


def run_batch(folder: Path, out: Path, jobs: int, extra: tuple[str, ...] = ()) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    seconds, peak, code, cpu = measure([str(folder), "-o", str(out), "--format", "jsonl", "-j", str(jobs),
                                   "--no-progress", *extra])
    lines = (out / "manifest.jsonl").read_text().splitlines()
    statuses: dict[str, int] = {}
    for line in lines:
        status = json.loads(line)["status"]
        statuses[status] = statuses.get(status, 0) + 1
    return {"pages": len(lines), "seconds": seconds, "pages_per_s": len(lines) / seconds,
            "peak_mb": peak / 2**20, "exit": code, "statuses": statuses, "load": os.getloadavg()[0],
            "busy": cpu / (seconds * jobs), "per_cpu_s": len(lines) / max(cpu, 1e-9)}


def report(r: dict, jobs: int) -> None:
    print(f"{r['pages']} pages, -j {jobs}: {r['seconds']:.1f}s, {r['pages_per_s']:.1f} pages/s, "
          f"peak {r['peak_mb']:.0f} MB, exit {r['exit']}, {r['statuses']}, "
          f"CPU busy {r['busy']:.0%} of {jobs} core(s), {r['per_cpu_s']:.1f} pages per CPU-second, "
          f"load {r['load']:.1f}", flush=True)


# --- one site: real article bodies inside one site's template ------------------------------------

SITE_TEMPLATE_TOP = ["Harbour Herald", "Home | Local | Business | Sport | Opinion | Weather",
                     "Log in or register to comment", "Tuesday's edition is out now"]
SITE_TEMPLATE_SIDE = ["Most read this week", "Council approves the new bridge budget",
                      "Ferry timetable changes for the winter season", "Ten walks around the old harbour",
                      "Letters to the editor: parking on Quay Street"]
SITE_TEMPLATE_BOTTOM = ["Sign up for the Harbour Herald morning briefing, delivered at 7am every weekday",
                        "Harbour Herald is part of Coastal Media Group Ltd, registered in England No. 0412233",
                        "Copyright 2024 Coastal Media Group. All rights reserved",
                        "About us | Advertise with us | Terms | Privacy notice | Cookie settings",
                        "Our journalism is regulated by the Independent Press Standards Organisation"]
TEMPLATE_LINES = SITE_TEMPLATE_TOP + SITE_TEMPLATE_SIDE + SITE_TEMPLATE_BOTTOM


def build_site(bench: Path, target: Path, n: int) -> list[list[str]]:
    """n text dumps of one site (one folder, no URLs): template + a real article body each."""
    truth = json.loads((bench / "scrapinghub" / "ground-truth.json").read_text())
    bodies = [v["articleBody"] for _, v in sorted(truth.items())][:n]
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    rng = random.Random(7)
    articles = []
    for i, body in enumerate(bodies):
        lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
        articles.append(lines)
        side = SITE_TEMPLATE_SIDE[:]
        rng.shuffle(side[1:])  # sidebars vary in order from page to page
        page = SITE_TEMPLATE_TOP + lines[:2] + side + lines[2:] + SITE_TEMPLATE_BOTTOM
        (target / f"page-{i:03d}.txt").write_text("\n".join(page) + "\n", "utf-8")
    return articles


def template_scores(out: Path, articles: list[list[str]]) -> dict:
    rows = {}
    for part in sorted(out.glob("part-*.jsonl")):
        for line in part.read_text().splitlines():
            row = json.loads(line)
            rows[row["id"]] = row
    t_total = t_gone = a_total = a_kept = by_site = 0
    for i, lines in enumerate(articles):
        row = rows.get(f"page-{i:03d}.txt")
        kept = set(row["text"].split("\n")) if row else set()
        t_total += len(TEMPLATE_LINES)
        t_gone += sum(t not in kept for t in TEMPLATE_LINES)
        by_site += sum(r["reason"] == "site_template" for r in row["removed"]) if row else 0
        a_total += len(lines)
        a_kept += sum(ln in row["text"] for ln in lines) if row else 0
    return {"template_removed": t_gone / t_total, "by_site_template": by_site / t_total,
            "article_kept": a_kept / max(a_total, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--work", type=Path, default=Path("/tmp/cleaner-batch-bench"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000],
                        help="folder sizes (pages) for the memory comparison, run with -j 2")
    parser.add_argument("--speed-size", type=int, default=5000, help="folder size for the -j 1 / -j 2 ratio")
    parser.add_argument("--site-pages", type=int, default=60)
    parser.add_argument("--slow-limit", type=float, default=10.0,
                        help="leave out dev-set pages the cleaner cannot do within this many seconds")
    parser.add_argument("--skip", nargs="*", default=[], choices=["speed", "memory", "site"])
    args = parser.parse_args()
    pages = load_pages(args.bench_dir)
    print(f"dev-set pages: {len(pages)} ({sum(p[2] == 'html' for p in pages)} HTML, "
          f"{sum(p[2] == 'text' for p in pages)} text dumps); cores: {os.cpu_count()}")
    pages = drop_slow(pages, args.work, args.slow_limit)
    results: dict = {}
    if "speed" not in args.skip:
        folder = args.work / f"pages-{args.speed_size}"
        build_folder(pages, folder, args.speed_size)
        for jobs in (1, 2):
            r = run_batch(folder, args.work / "out", jobs)
            results[f"speed-j{jobs}"] = r
            report(r, jobs)
        j1, j2 = results["speed-j1"], results["speed-j2"]
        print(f"speed-up -j 2 / -j 1: {j2['pages_per_s'] / j1['pages_per_s']:.2f}x wall clock; "
              f"CPU cost per page -j 2 / -j 1: {j1['per_cpu_s'] / j2['per_cpu_s']:.2f} "
              "(1.00 = no overhead from parallelism; the wall-clock ratio needs 2 idle cores)")
    if "memory" not in args.skip:
        peaks = []
        for size in args.sizes:
            if size == args.speed_size and "speed-j2" in results:
                r = results["speed-j2"]
            else:
                folder = args.work / f"pages-{size}"
                build_folder(pages, folder, size)
                r = run_batch(folder, args.work / "out", 2)
            peaks.append((size, r["peak_mb"]))
            report(r, 2)
        (small, m_small), (large, m_large) = peaks[0], peaks[-1]
        print(f"peak memory {large} vs {small} pages: {m_large:.0f} / {m_small:.0f} MB = {m_large / m_small:.2f}")
    if "site" not in args.skip:
        folder = args.work / "one-site"
        articles = build_site(args.bench_dir, folder, args.site_pages)
        # every page written (--keep-pages all), so a page left empty counts as losing its article lines
        for label, extra in (("rules only (--no-templates)", ("--no-templates", "--keep-pages", "all")),
                             ("with site templates", ("--keep-pages", "all"))):
            run_batch(folder, args.work / "out", 2, extra)
            s = template_scores(args.work / "out", articles)
            print(f"one site, {len(articles)} pages, {label}: template lines removed {s['template_removed']:.1%} "
                  f"(site_template {s['by_site_template']:.1%}), article lines kept {s['article_kept']:.1%}")


if __name__ == "__main__":
    main()
