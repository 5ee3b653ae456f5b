"""The datatrove step beside datatrove's own Trafilatura extractor on the same WARCs.

    python -m bench.datatrove_side [--bench-dir ../shared/bench] [--glob '*.warc.gz'] [--show 10]

Runs datatrove's WarcReader once into memory, then each extractor step over the same documents
(each in datatrove's sandbox process, as in a pipeline), and reports documents kept, time, and
`--show` documents side by side (the first characters of each text).
"""

from __future__ import annotations

import argparse
import copy
import time
from pathlib import Path

from datatrove.pipeline.extractors import Trafilatura
from datatrove.pipeline.readers import WarcReader

from cleaner.adapters.datatrove import CleanerExtractor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "bench")
    parser.add_argument("--glob", default="*.warc.gz")
    parser.add_argument("--show", type=int, default=10)
    parser.add_argument("--width", type=int, default=160)
    args = parser.parse_args()
    docs = list(WarcReader(str(args.bench_dir / "crawls"), glob_pattern=args.glob).run())
    print(f"{len(docs)} documents from datatrove's WarcReader ({args.glob})")
    results = {}
    for name, step in (("trafilatura (datatrove)", Trafilatura(timeout=10)), ("cleaner", CleanerExtractor(timeout=10)),
                       ("cleaner keep=all", CleanerExtractor(timeout=10, keep="all"))):
        started = time.perf_counter()
        kept = {d.id: d for d in step.run(iter(copy.deepcopy(docs)))}
        seconds = time.perf_counter() - started
        results[name] = kept
        words = sum(len(d.text.split()) for d in kept.values())
        print(f"  {name:24} kept {len(kept):4d} / {len(docs)}   {words:7d} words   {seconds:6.1f} s")
    ours, theirs = results["cleaner"], results["trafilatura (datatrove)"]
    only_ours = [i for i in ours if i not in theirs]
    only_theirs = [i for i in theirs if i not in ours]
    print(f"  kept by cleaner only: {len(only_ours)}; by trafilatura only: {len(only_theirs)}")
    dropped = results["cleaner keep=all"]
    if only_theirs:
        print("  pages trafilatura kept and cleaner dropped, by cleaner's page type:")
        types: dict[str, int] = {}
        for i in only_theirs:
            page_type = dropped[i].metadata.get("cleaner_page_type", "no text") if i in dropped else "no text"
            types[page_type] = types.get(page_type, 0) + 1
        print("   ", ", ".join(f"{k} {v}" for k, v in sorted(types.items())))
    shown = 0
    for doc in docs:
        if shown >= args.show or doc.id not in ours or doc.id not in theirs:
            continue
        shown += 1
        print(f"\n== {doc.metadata.get('url')}")
        for name, kept in (("trafilatura", theirs), ("cleaner", ours)):
            text = " ".join(kept[doc.id].text.split())
            print(f"  {name:12} {len(kept[doc.id].text.split()):5d} words | {text[:args.width]}")
        meta = ours[doc.id].metadata
        print(f"  {'':12} cleaner: title={meta.get('cleaner_title')!r} date={meta.get('cleaner_date')} "
              f"removed={meta.get('cleaner_removed')}")


if __name__ == "__main__":
    main()
