"""Check that a change leaves every dev-set output as it was: hash each page's result and compare.

    python -m bench.same_output --save ref.json        # on the base commit: the reference
    python -m bench.same_output --compare ref.json     # on the branch: "0 differ of N"
    python -m bench.same_output --kind text --speed    # pages/s (CPU) of each path, nothing compared

Every HTML page (as bytes, the batch runner's input) and every text dump under the bench folder
(`*/html`, `*/text`, `wceb/*/html`, `wceb/*/text`) is cleaned with the default options; the hash
covers the body text, and the metadata separately, so a report says which of the two changed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from pathlib import Path

from cleaner import clean

from .quality import DEFAULT_BENCH


def dev_files(bench: Path) -> list[tuple[str, Path]]:
    """(kind, path) of every dev-set page, in a fixed order."""
    out: list[tuple[str, Path]] = []
    for kind in ("html", "text"):
        for folder in sorted([*bench.glob(f"*/{kind}"), *bench.glob(f"wceb/*/{kind}")]):
            out.extend((kind, path) for path in sorted(folder.iterdir()) if path.is_file())
    return out


def _digest(value: object) -> str:
    return hashlib.sha1(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def fingerprint(kind: str, path: Path) -> dict[str, str]:
    """Hashes of one page's cleaned text, Markdown and metadata."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    doc = clean(data if kind == "html" else data.decode("utf-8", "replace"), kind=kind)
    meta = {"title": doc.title, "date": doc.date, "author": doc.author, "sitename": doc.sitename,
            "categories": doc.categories, "language": doc.language, "page_type": doc.page_type}
    return {"text": _digest(doc.text), "markdown": _digest(doc.markdown), "meta": _digest(meta)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--kind", choices=("html", "text"), help="only this path")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--speed", action="store_true", help="only report pages per CPU second of each path")
    group.add_argument("--save", type=Path, help="write the hashes here")
    group.add_argument("--compare", type=Path, help="compare with hashes saved earlier")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    hashes: dict[str, dict[str, str]] = {}
    cpu: dict[str, list[float]] = {}
    for kind, path in dev_files(args.bench_dir):
        if args.kind and kind != args.kind:
            continue
        before = time.process_time()
        hashes[f"{kind}:{path.relative_to(args.bench_dir)}"] = fingerprint(kind, path)
        cpu.setdefault(kind, []).append(time.process_time() - before)
    elapsed = time.perf_counter() - started
    for kind, seconds in cpu.items():
        print(f"{kind}: {len(seconds)} pages, {len(seconds) / sum(seconds):.1f} pages per CPU second "
              "(reading and hashing included; first page includes imports)")
    if args.speed:
        return 0
    if args.save:
        args.save.write_text(json.dumps(hashes, indent=0, sort_keys=True), "utf-8")
        print(f"{len(hashes)} pages hashed in {elapsed:.0f} s -> {args.save}")
        return 0
    reference = json.loads(args.compare.read_text("utf-8"))
    common = sorted(set(hashes) & set(reference))
    text_diff = [key for key in common if hashes[key]["text"] != reference[key]["text"]]
    meta_diff = [key for key in common if hashes[key]["meta"] != reference[key]["meta"]]
    # references saved before Markdown was hashed have no such hash: compared where both have one
    markdown_diff = [key for key in common if reference[key].get("markdown", hashes[key]["markdown"])
                     != hashes[key]["markdown"]]
    for key in text_diff:
        print("text differs:", key)
    for key in markdown_diff:
        print("markdown differs:", key)
    for key in meta_diff:
        print("metadata differs:", key)
    missing = len(set(reference) - set(hashes)) if not args.kind else 0
    print(f"{len(text_diff)} differ of {len(common)} (text); {len(markdown_diff)} differ (markdown); "
          f"{len(meta_diff)} differ (metadata); {missing} missing; {elapsed:.0f} s")
    return 1 if text_diff or markdown_diff or meta_diff or missing else 0


if __name__ == "__main__":
    sys.exit(main())
