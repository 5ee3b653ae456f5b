"""Text-path benchmark: clean the naive full-page text dumps of the dev sets and score them.

    python -m bench.text_bench [--bench-dir ../shared/bench] [--show-worst N]

Prints, in one run, `cleaner` beside the two baselines of the issue: keep everything,
and a C4-style line filter (keep lines with >= 5 words ending in terminal punctuation).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from cleaner import Options, clean

from .score import corpus_scores, fold, score_page, snippet_counts, snippet_f1

DEFAULT_BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
_C4_END = re.compile(r"[.!?\"'”’]\s*$")


def c4_filter(text: str) -> str:
    return "\n".join(line for line in text.splitlines()
                     if len(line.split()) >= 5 and _C4_END.search(line.strip()))


def run_scrapinghub(bench: Path, options: Options, show_worst: int = 0) -> dict[str, tuple]:
    truth = json.loads((bench / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    systems = {"keep everything": lambda t, u: t, "C4-style line filter": lambda t, u: c4_filter(t),
               "cleaner": lambda t, u: clean(t, url=u, kind="text", options=options).text}
    pages: dict[str, list] = {name: [] for name in systems}
    seconds = 0.0
    worst = []
    for page_id, gold in sorted(truth.items()):
        raw = (bench / "scrapinghub" / "text" / f"{page_id}.txt").read_text("utf-8")
        for name, system in systems.items():
            started = time.perf_counter()
            out = system(raw, gold["url"])
            if name == "cleaner":
                seconds += time.perf_counter() - started
            score = score_page(out, gold["articleBody"])
            pages[name].append(score)
            if name == "cleaner":
                worst.append((score.f1, page_id))
    results = {name: corpus_scores(scores) for name, scores in pages.items()}
    results["_pages_per_second"] = (len(truth) / seconds,)
    if show_worst:
        for f1, page_id in sorted(worst)[:show_worst]:
            print(f"  worst  F1 {f1:.3f}  {page_id}", file=sys.stderr)
    return results


def run_trafilatura_eval(bench: Path, options: Options) -> dict[str, dict]:
    """Snippet scores per system, plus `_metadata`: (right, pages with gold) for title, date, language."""
    snippets = json.loads((bench / "trafilatura-eval" / "snippets.json").read_text("utf-8"))
    counts: dict[str, list] = {"keep everything": [], "C4-style line filter": [], "cleaner": []}
    meta = {"title": [0, 0], "date": [0, 0], "language": [0, 0]}
    for page_id, info in sorted(snippets.items()):
        raw = (bench / "trafilatura-eval" / "text" / f"{page_id}.txt").read_text("utf-8")
        doc = clean(raw, url=info.get("url"), kind="text", options=options)
        outputs = {"keep everything": raw, "C4-style line filter": c4_filter(raw), "cleaner": doc.text}
        for name, out in outputs.items():
            counts[name].append(snippet_counts(out, info.get("with", []), info.get("without", [])))
        for field, gold, got in (("title", info.get("title"), doc.title), ("date", (info.get("date") or "")[:10],
                                 doc.date), ("language", info.get("lang"), doc.language)):
            if gold:
                meta[field][1] += 1
                meta[field][0] += fold(got or "") == fold(gold)
    results: dict[str, dict] = {name: snippet_f1(c) for name, c in counts.items()}
    results["_metadata"] = {field: tuple(v) for field, v in meta.items()}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--preset", default="balanced")
    parser.add_argument("--show-worst", type=int, default=0)
    parser.add_argument("--skip-eval", action="store_true", help="only the scrapinghub set")
    args = parser.parse_args(argv)
    options = Options(preset=args.preset)

    results = run_scrapinghub(args.bench_dir, options, args.show_worst)
    print("scrapinghub text dumps (181 pages), shingle P/R/F1:")
    print(f"  {'system':24} {'P':>6} {'R':>6} {'F1':>6}")
    for name, (p, r, f1) in ((k, v) for k, v in results.items() if not k.startswith("_")):
        print(f"  {name:24} {p:6.3f} {r:6.3f} {f1:6.3f}")
    print(f"  cleaner speed: {results['_pages_per_second'][0]:.0f} pages/s")
    if not args.skip_eval:
        print("trafilatura-eval text dumps (300 pages), snippets:")
        print(f"  {'system':24} {'with%':>6} {'w/o ok%':>8} {'F1':>6}")
        results = run_trafilatura_eval(args.bench_dir, options)
        metadata = results.pop("_metadata")
        for name, s in results.items():
            print(f"  {name:24} {s['with%']:6.1f} {s['w/o ok%']:8.1f} {100 * s['f1']:6.1f}")
        print("  cleaner metadata right / pages with gold: "
              + ", ".join(f"{field} {right}/{total}" for field, (right, total) in metadata.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
