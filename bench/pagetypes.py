"""Page types on real crawls: cleaner's page_type against hand labels.

    python -m bench.pagetypes [--bench-dir ../shared/bench] [--show-wrong]

Reads every labelled HTML response (bench/data/crawl_pagetypes.json, keyed by file and
WARC-Record-ID) from the WARCs in <bench-dir>/crawls, runs clean() on the payload bytes with the
record's Content-Type, headers and HTTP status, and prints the confusion matrix and the share right.
Labels are article / index / error / redirect / login / other; `other` is right when cleaner says
`form` or `empty` (a search or settings form, a page with no text).
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from cleaner import clean

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = Path(os.environ.get("CLEANER_BENCH", ROOT.parent / "shared" / "bench"))
LABELS = Path(__file__).resolve().parent / "data" / "crawl_pagetypes.json"
LABEL_NAMES = ("article", "index", "error", "redirect", "login", "other")
OTHER_TYPES = frozenset({"form", "empty"})


@dataclass(frozen=True)
class Response:
    """One HTTP response as a crawler stored it."""

    file: str
    record_id: str
    url: str
    status: int
    content_type: str | None
    headers: dict[str, str]
    payload: bytes


def html_responses(path: Path) -> list[Response]:
    """Every HTML `response` record of a WARC file, payload with transfer/content encoding undone."""
    out = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type")
            if "html" not in (content_type or "").lower():
                continue
            out.append(Response(path.name, record.rec_headers.get_header("WARC-Record-ID"),
                                record.rec_headers.get_header("WARC-Target-URI"),
                                int(record.http_headers.get_statuscode()), content_type,
                                dict(record.http_headers.headers), record.content_stream().read()))
    return out


def load_labels() -> list[dict[str, object]]:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def predicted_label(page_type: str) -> str:
    """cleaner's page type in the label vocabulary."""
    return "other" if page_type in OTHER_TYPES else page_type


def run(bench_dir: Path) -> tuple[Counter[tuple[str, str]], list[tuple[dict[str, object], str]]]:
    """(confusion counts keyed by (label, predicted), the labelled records with their prediction)."""
    labels = load_labels()
    responses: dict[tuple[str, str], Response] = {}
    for name in sorted({str(entry["file"]) for entry in labels}):
        for response in html_responses(bench_dir / "crawls" / name):
            responses[(response.file, response.record_id)] = response
    confusion: Counter[tuple[str, str]] = Counter()
    results = []
    for entry in labels:
        response = responses[(str(entry["file"]), str(entry["record_id"]))]
        doc = clean(response.payload, url=response.url, content_type=response.content_type,
                    headers=response.headers, status=response.status)
        predicted = predicted_label(doc.page_type)
        confusion[(str(entry["label"]), predicted)] += 1
        results.append((entry, predicted))
    return confusion, results


def share_right(confusion: Counter[tuple[str, str]], label: str | None = None) -> float:
    """Share of pages (of one label, or all) whose prediction is the label."""
    cells = [(key, n) for key, n in confusion.items() if label is None or key[0] == label]
    total = sum(n for _, n in cells) or 1
    return sum(n for (gold, got), n in cells if gold == got) / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--show-wrong", action="store_true", help="list the pages typed wrong")
    args = parser.parse_args()
    confusion, results = run(args.bench_dir)
    predicted_names = sorted({got for _, got in confusion}, key=lambda n: (n not in LABEL_NAMES, n))
    width = max(len(n) for n in (*LABEL_NAMES, *predicted_names)) + 2
    print(f"{len(results)} labelled HTML responses; rows: label, columns: cleaner's page type")
    print("".ljust(width) + "".join(n.rjust(width) for n in predicted_names) + "right".rjust(width))
    for gold in LABEL_NAMES:
        if not any(key[0] == gold for key in confusion):
            continue
        row = "".join(str(confusion.get((gold, got), 0)).rjust(width) for got in predicted_names)
        print(gold.ljust(width) + row + f"{share_right(confusion, gold):.1%}".rjust(width))
    print(f"share right: {share_right(confusion):.1%}")
    if args.show_wrong:
        for entry, got in results:
            if entry["label"] != got:
                print(f"  {entry['label']:>8} -> {got:<8} {entry['file']} {entry['url']}")


if __name__ == "__main__":
    main()
