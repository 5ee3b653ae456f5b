"""Text-path speed benchmark: cleaner's pages/s on the scrapinghub text dumps, one process.

    python -m bench.text_bench [--bench-dir ../shared/bench] [--repeat N]

Quality over every dev set, beside keep-everything and the C4-style line filter, is
`python -m bench.quality --text-only`.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from cleaner import Options, clean

from .quality import DEFAULT_BENCH, load_set


def pages_per_second(bench: Path, options: Options, repeat: int = 1) -> float:
    """Best pages/s of cleaner over `repeat` timed passes, after one untimed warm-up pass."""
    pages = [(page.text.read_text("utf-8"), page.url) for page in load_set(bench, "scrapinghub")]
    best = 0.0
    for timed_pass in range(repeat + 1):
        gc.collect()
        started = time.perf_counter()
        for raw, url in pages:
            clean(raw, url=url, kind="text", options=options)
        if timed_pass:
            best = max(best, len(pages) / (time.perf_counter() - started))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--preset", default="balanced")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes (best is reported)")
    args = parser.parse_args(argv)
    speed = pages_per_second(args.bench_dir, Options(preset=args.preset), args.repeat)
    print(f"scrapinghub text dumps (181 pages): cleaner {speed:.0f} pages/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
