"""HTML-path benchmark: cleaner beside trafilatura and readability-lxml, in one run.

    python -m bench.html_bench [--bench-dir ../shared/bench] [--show-worst N] [--skip-eval]

Prints for the 181 scrapinghub pages shingle P/R/F1 of cleaner, trafilatura 2.x
(include_comments=False) and readability-lxml; speed as pages/s and as ratios of cleaner
(text + metadata) to trafilatura bare_extraction with metadata and to bare lxml.html.fromstring;
peak memory; page types; and, on the trafilatura-eval pages, the share of titles and dates right
for cleaner and trafilatura, and the snippet scores.
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
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import lxml.html
import trafilatura

from cleaner import Options, clean

from .score import corpus_scores, score_page, snippet_counts, snippet_f1

DEFAULT_BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"


def load_pages(folder: Path, ids: list[str]) -> dict[str, str]:
    """Decompressed pages, read before any timing starts."""
    return {i: gzip.decompress((folder / f"{i}.html.gz").read_bytes()).decode("utf-8", "replace") for i in ids}


def trafilatura_text(html: str, url: str | None) -> str:
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    return (result.text or "") if result is not None else ""


def readability_text(html: str, url: str | None) -> str:
    from readability import Document as Readability

    summary = Readability(html, url=url).summary(html_partial=True)
    return " ".join(" ".join(lxml.html.fromstring(summary).itertext()).split()) if summary.strip() else ""


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


def _norm_names(value: str | list | None) -> str:
    """Author names compared after folding; lists and ';'-joined names read as comma-joined."""
    text = "; ".join(value) if isinstance(value, list) else value
    return _norm((text or "").replace(";", ","))


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split()).strip(" \"'“”„«»")


def run_trafilatura_eval(bench: Path, options: Options) -> None:
    snippets = json.loads((bench / "trafilatura-eval" / "snippets.json").read_text("utf-8"))
    ids = sorted(snippets)
    pages = load_pages(bench / "trafilatura-eval" / "html", ids)
    right = Counter()
    total = Counter()
    counts: dict[str, list] = {"cleaner": [], "trafilatura (no comments)": []}
    kinds: Counter = Counter()
    for i in ids:
        info = snippets[i]
        url = info.get("url") if str(info.get("url", "")).startswith("http") else None
        doc = clean(pages[i], url=url, kind="html", options=options)
        kinds[doc.page_type] += 1
        try:
            theirs = trafilatura.bare_extraction(pages[i], url=url, with_metadata=True, include_comments=False)
        except (ValueError, TypeError):
            theirs = None
        results = {"cleaner": (doc.title, doc.date, doc.author, doc.text),
                   "trafilatura (no comments)": (theirs.title, theirs.date, theirs.author, theirs.text or "")
                   if theirs else (None, None, None, "")}
        for name, (title, date, author, text) in results.items():
            if info.get("author"):
                total[name, "author"] += 1
                right[name, "author"] += _norm_names(author) == _norm_names(info["author"])
            if info.get("title"):
                total[name, "title"] += 1
                right[name, "title"] += _norm(title) == _norm(info["title"])
            if info.get("date"):
                total[name, "date"] += 1
                right[name, "date"] += date == info["date"]
            counts[name].append(snippet_counts(text, info.get("with", []), info.get("without", [])))
    print(f"trafilatura-eval HTML ({len(ids)} pages): metadata right (title and author exact after case/space"
          " folding; date exact) and snippets:")
    print(f"  {'system':28} {'title':>13} {'date':>13} {'author':>13} {'with%':>6} {'w/o ok%':>8} {'F1':>6}")
    for name in counts:
        cells = []
        for field in ("title", "date", "author"):
            got, out_of = right[name, field], total[name, field]
            cells.append(f"{got:4}/{out_of} {got / out_of:4.0%}")
        s = snippet_f1(counts[name])
        print(f"  {name:28} {' '.join(cells)} {s['with%']:6.1f} {s['w/o ok%']:8.1f} {100 * s['f1']:6.1f}")
    print(f"  cleaner page types: {dict(kinds)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--preset", default="balanced")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes per system (best is reported)")
    parser.add_argument("--show-worst", type=int, default=0)
    parser.add_argument("--skip-eval", action="store_true", help="only the scrapinghub set")
    parser.add_argument("--only-eval", action="store_true", help="only the trafilatura-eval set")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    import logging

    logging.disable(logging.CRITICAL)  # trafilatura and readability log every discarded page
    options = Options(preset=args.preset)
    if not args.only_eval:
        run_scrapinghub(args.bench_dir, options, args.repeat, args.show_worst)
    if not args.skip_eval:
        run_trafilatura_eval(args.bench_dir, options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
