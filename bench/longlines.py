"""Long-line benchmark: one line of n characters in a page of prose, on both paths, for ~100 line shapes.

    python -m bench.longlines [--big] [--bytes] [--only SUBSTR] [--timeout S]

Each shape (an unbroken token, CJK without spaces, emoji, mojibake runs, glued dates, title-case
words...) is repeated to n characters and stands as one line between paragraphs of prose: in a
text dump (`kind="text"`) and inside a `<p>` of a small article page (`kind="html"`). Prints the
CPU seconds at n = 10^3, 10^4, 10^5 (and 10^6 with --big) and the growth exponent k of time ~ n^k between
the two largest sizes. A pattern that retries a token from every start position shows k ~ 2.
"""

from __future__ import annotations

import argparse
import html
import math
import signal
import sys
import time
from collections.abc import Callable

from cleaner import clean

# Units repeated to the line's length: tokens without spaces first, then spaced ones.
UNBROKEN = [
    "a", "A", "aB3_", "0", "12345", "中文", "日本語", "한국어", "😀", "👍🏽", "-", "—", "|", "=", "_", ".",
    "/", "www.", "a.", "a-", "1.", "2024-01-01", "01/02/2024", "19.11.2019", "fooBar", "FooBar", "ABCDef",
    "e\u0301", "Ã©", "Œ", "Î", "â€™", "@", "a@", "a.b@", "x.jpg", "a.jpg.", "a=", "a=1;", "(", "()", "f(x)",
    "[", "<", ">", "»", "›", "#", "*", "+", "%20", "&amp;", "\\", "'", '"', "©", "$1,000", "1k", "٣", "ب", "ש",
    "ж", "ß", "Ä", "\u200b", "a1", ":", "::", "->", "Mar2024", "Jan1", "x@y.", "a.com",
]
SPACED = [
    "a ", "Word ", "word ", "the ", "By Jane ", "12 views ", "1 min ", "2 days ago ", "Home > ", "News | ", "a / ",
    "Copyright © ", "Tel: 1 ", "x.jpg ", "a = 1 ", "f(x) ", "Related: ", "www.a.com ", "a@b.com ", "English / ",
    "Photo: ", "中文 ", "Title Case Words ", "A. ", "- ", "• ", "2024-01-01 ", "Jan 1, 2024 ", "Ã© ", "e\u0301 ",
    "Of The ", "A1 B2 ", "(Getty Images) ", "Share ",
]
SHAPES = UNBROKEN + SPACED
PROSE = ("The council met on Tuesday to discuss the new budget, which has been debated for months. "
         "Members said the plan would fund schools and roads while keeping taxes where they are.")
SIZES = (1_000, 10_000, 100_000)
BIG = 1_000_000


def line_of(unit: str, n: int) -> str:
    """`unit` repeated to exactly n characters, without trailing space."""
    return (unit * (n // len(unit) + 1))[:n].rstrip() or unit


def text_page(line: str) -> str:
    return f"Headline of the story\n\n{PROSE}\n\n{PROSE}\n\n{line}\n\n{PROSE}\n\n{PROSE}\n"


def html_page(line: str) -> str:
    body = "".join(f"<p>{PROSE}</p>" for _ in range(2))
    return (f"<!doctype html><html><head><title>Headline of the story</title></head><body><article>"
            f"<h1>Headline of the story</h1>{body}<p>{html.escape(line, quote=False)}</p>{body}</article>"
            f"</body></html>")


class Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Timeout


def timed(call: Callable[[], object], timeout: float, repeat: int = 1) -> float:
    """Best CPU seconds of `call` over `repeat` runs (wall time on a shared machine swings 2x); inf when
    one run passes `timeout` seconds of wall time."""
    times = []
    for _ in range(repeat):
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        started = time.process_time()
        try:
            call()
        except Timeout:
            return math.inf
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.process_time() - started)
    return min(times)


def exponent(small: float, large: float, ratio: float) -> float:
    """k in time ~ n^k from two timings n and ratio*n apart."""
    if math.isinf(large):
        return math.inf
    return math.log(max(large, 1e-9) / max(small, 1e-9)) / math.log(ratio)


def run_path(kind: str, unit: str, n: int, as_bytes: bool, timeout: float) -> float:
    page = (text_page if kind == "text" else html_page)(line_of(unit, n))
    data: str | bytes = page.encode("utf-8") if as_bytes else page
    repeat = 5 if n <= 10_000 else 2 if n <= 100_000 else 1
    return timed(lambda: clean(data, kind=kind), timeout, repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also n = 10^6")
    parser.add_argument("--bytes", action="store_true", help="feed UTF-8 bytes (the batch runner's input)")
    parser.add_argument("--only", help="shapes whose repr contains this")
    parser.add_argument("--kind", choices=("text", "html"), help="one path only")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a run counts as too slow")
    args = parser.parse_args(argv)
    sizes = (*SIZES, BIG) if args.big else SIZES
    kinds = (args.kind,) if args.kind else ("text", "html")
    shapes = [s for s in SHAPES if not args.only or args.only in repr(s)]
    clean(text_page("warm up"), kind="text")
    clean(html_page("warm up"), kind="html")

    header = "shape".ljust(22) + "".join(
        f"{kind}@{n:.0e}".rjust(12) for kind in kinds for n in sizes) + "".join(f"k_{kind}".rjust(8) for kind in kinds)
    print(header)
    superlinear = {kind: 0 for kind in kinds}
    slowest = {kind: (0.0, "") for kind in kinds}
    slowest_big = {kind: (0.0, "") for kind in kinds}
    for unit in shapes:
        cells, ks = [], []
        for kind in kinds:
            times = []
            for n in sizes:
                seconds = math.inf if times and math.isinf(times[-1]) else run_path(kind, unit, n, args.bytes,
                                                                                     args.timeout)
                times.append(seconds)
                cells.append(f"{seconds:12.3f}" if not math.isinf(seconds) else f">{args.timeout:.0f}".rjust(12))
            k = exponent(times[-2], times[-1], sizes[-1] / sizes[-2])
            ks.append(f"{k:8.2f}")
            superlinear[kind] += k > 1.2
            at_1e5 = times[sizes.index(100_000)]
            if at_1e5 > slowest[kind][0]:
                slowest[kind] = (at_1e5, unit)
            if args.big and times[-1] > slowest_big[kind][0]:
                slowest_big[kind] = (times[-1], unit)
        print(repr(unit)[:22].ljust(22) + "".join(cells) + "".join(ks), flush=True)
    for kind in kinds:
        print(f"{kind}: {superlinear[kind]} of {len(shapes)} shapes grow faster than n^1.2; "
              f"slowest at 1e5: {slowest[kind][0]:.2f} s ({slowest[kind][1]!r})"
              + (f"; slowest at 1e6: {slowest_big[kind][0]:.2f} s ({slowest_big[kind][1]!r})" if args.big else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
