"""HTML-path speed benchmark: cleaner beside trafilatura and readability-lxml on scrapinghub, one process.

    python -m bench.html_bench [--bench-dir ../shared/bench] [--repeat N] [--show-worst N]

Prints for the 181 scrapinghub pages, every system timed in the same process after a warm-up pass:
pages/s and the ratios of cleaner (text + metadata) to trafilatura bare_extraction with metadata and
to bare lxml.html.fromstring; peak memory; page types; and shingle P/R/F1 as a sanity check.
Quality over every dev set (and the metadata shares) is `python -m bench.quality`.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import resource
import sys
import time
import tracemalloc
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import lxml.html
import trafilatura

from cleaner import Options, clean

from .quality import readability_output
from .score import corpus_scores, score_page

DEFAULT_BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"


def load_pages(folder: Path, ids: list[str]) -> dict[str, str]:
    """Decompressed pages, read before any timing starts."""
    return {i: gzip.decompress((folder / f"{i}.html.gz").read_bytes()).decode("utf-8", "replace") for i in ids}


def trafilatura_text(html: str, url: str | None) -> str:
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    return (result.text or "") if result is not None else ""


def readability_text(html: str, url: str | None) -> str:
    return readability_output(html, url)[0]


def lxml_parse(html: str, url: str | None) -> str:
    lxml.html.fromstring(html)
    return ""


def timed(system: Callable[[str, str | None], str], pages: dict[str, str], urls: dict[str, str],
          repeat: int) -> tuple[dict[str, str], float]:
    """Outputs and the best pages/s over `repeat` timed passes, after one untimed warm-up pass.

    The warm-up matters: htmldate, used by cleaner and trafilatura alike, builds dateparser's
    per-language caches on first use; without it whichever system runs first pays for both.
    """
    for i, html in pages.items():
        system(html, urls[i])
    best = 0.0
    outputs: dict[str, str] = {}
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        outputs = {i: system(html, urls[i]) for i, html in pages.items()}
        best = max(best, len(pages) / (time.perf_counter() - started))
    return outputs, best


def run_scrapinghub(bench: Path, options: Options, repeat: int, show_worst: int) -> None:
    truth = json.loads((bench / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    ids = sorted(truth)
    pages = load_pages(bench / "scrapinghub" / "html", ids)
    urls = {i: truth[i]["url"] for i in ids}
    docs = {}

    def cleaner_text(html: str, url: str | None) -> str:
        doc = clean(html, url=url, kind="html", options=options)
        docs[url] = doc
        return doc.text

    systems = {"cleaner": cleaner_text, "trafilatura (no comments)": trafilatura_text,
               "readability-lxml": readability_text, "lxml.html.fromstring": lxml_parse}
    speed: dict[str, float] = {}
    scores: dict[str, list] = {}
    rss_after_cleaner = 0.0
    for name, system in systems.items():
        outputs, speed[name] = timed(system, pages, urls, repeat)
        if name == "cleaner":
            rss_after_cleaner = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        if name != "lxml.html.fromstring":
            scores[name] = [score_page(outputs[i], truth[i]["articleBody"]) for i in ids]
    print(f"scrapinghub HTML ({len(ids)} pages), shingle P/R/F1 and speed (same run):")
    print(f"  {'system':28} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8}")
    for name in systems:
        if name in scores:
            p, r, f1 = corpus_scores(scores[name])
            print(f"  {name:28} {p:6.3f} {r:6.3f} {f1:6.3f} {speed[name]:8.1f}")
        else:
            print(f"  {name:28} {'':6} {'':6} {'':6} {speed[name]:8.1f}")
    ratio_t = speed["cleaner"] / speed["trafilatura (no comments)"]
    ratio_l = speed["cleaner"] / speed["lxml.html.fromstring"]
    print(f"  speed ratio cleaner (text+metadata) / trafilatura bare_extraction with metadata: {ratio_t:.2f}x")
    print(f"  speed ratio cleaner / bare lxml.html.fromstring: {ratio_l:.3f}x")
    kinds = Counter(doc.page_type for doc in docs.values())
    print(f"  page types (all are articles): {dict(kinds)}")
    print(f"  peak memory: process peak RSS {rss_after_cleaner:.0f} MiB after the cleaner passes (pages loaded);"
          f" {peak_memory(pages, urls, options)}")
    if show_worst:
        worst = sorted(zip((s.f1 for s in scores["cleaner"]), ids, strict=True))[:show_worst]
        for f1, page_id in worst:
            print(f"  worst  F1 {f1:.3f}  {page_id}", file=sys.stderr)


def peak_memory(pages: dict[str, str], urls: dict[str, str], options: Options) -> str:
    """Largest Python allocation while cleaning one page (untimed pass; libxml2's own memory is not
    traced), and the process's peak RSS after all systems ran."""
    worst = 0
    for i, html in pages.items():
        tracemalloc.start()
        clean(html, url=urls[i], kind="html", options=options)
        worst = max(worst, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return f"cleaner max {worst / 2**20:.1f} MiB of Python objects per page; {rss:.0f} MiB after all systems"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--preset", default="balanced")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes per system (best is reported)")
    parser.add_argument("--show-worst", type=int, default=0)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    import logging

    logging.disable(logging.CRITICAL)  # trafilatura and readability log every discarded page
    options = Options(preset=args.preset)
    run_scrapinghub(args.bench_dir, options, args.repeat, args.show_worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
