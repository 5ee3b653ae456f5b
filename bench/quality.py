"""One quality benchmark over every dev set: cleaner beside its peers, HTML and text paths, in one run.

    python -m bench.quality [--bench-dir ../shared/bench] [--sets a,b] [--systems a,b]
                            [--html-only | --text-only] [--worst N] [--jobs 2] [--json OUT]

Sets (each scored with the metric its SOURCE.md states): scrapinghub (shingle P/R/F1, corpus means),
trafilatura-eval and wceb trafilatura_extra (snippet P/R/F1, micro), wceb cleaneval, dragnet and
l3s_gn1 (token P/R/F1, page means). Systems: for HTML cleaner, trafilatura (comments off),
readability-lxml and resiliparse (main content); for the text dumps cleaner, keep everything and a
C4-style line filter. Prints P/R/F1 per set, the macro mean of F1 over the sets, ms/page per system
(summed over the worker processes), the metadata shares (title, date, author) on the snippet sets'
pages that have gold, and cleaner's worst pages with their loss split (gold missed vs boilerplate kept).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from .score import PageScore, corpus_scores, score_page, snippet_counts, snippet_f1, token_page

DEFAULT_BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
SHINGLE, TOKEN, SNIPPET = "shingle", "token", "snippet"
SETS = {"scrapinghub": SHINGLE, "trafilatura-eval": SNIPPET, "cleaneval": TOKEN, "dragnet": TOKEN,
        "l3s_gn1": TOKEN, "trafilatura_extra": SNIPPET}
WCEB_SETS = ("cleaneval", "dragnet", "l3s_gn1", "trafilatura_extra")
HTML_SYSTEMS = ("cleaner", "trafilatura", "readability-lxml", "resiliparse")
TEXT_SYSTEMS = ("cleaner", "keep everything", "C4-style line filter")
PATHS = {"html": HTML_SYSTEMS, "text": TEXT_SYSTEMS}
META_FIELDS = ("title", "date", "author")
CHUNK = 40  # pages per worker task: small enough to balance two processes, large enough to amortise
_C4_END = re.compile(r"[.!?\"'”’]\s*$")


@dataclass(frozen=True)
class Page:
    """One dev-set page: where its input lies and what it is scored against."""

    set: str
    id: str
    url: str | None
    html: Path
    text: Path
    gold: str | None = None  # gold text (shingle and token sets)
    with_: tuple[str, ...] = ()  # snippets the output must hold (snippet sets)
    without: tuple[str, ...] = ()  # snippets it must not hold
    meta: tuple[tuple[str, str], ...] = ()  # gold title/date/author/lang where the set gives them


@dataclass
class PageResult:
    """One system's score on one page, with the loss split and the metadata it read."""

    set: str
    id: str
    f1: float
    precision: float | None
    recall: float | None
    missing: float  # share of the gold (text or `with` snippets) not in the output
    leaked: float  # share of the output that is not gold (snippet sets: share of `without` snippets kept)
    seconds: float
    counts: tuple[int, int, int, int] | None = None  # snippet sets: found, with, leaked, without
    meta: dict[str, str | None] = field(default_factory=dict)


def _http(url: str | None) -> str | None:
    return url if url and url.startswith("http") else None


def load_set(bench: Path, name: str) -> list[Page]:
    """The pages of one dev set, in a fixed order."""
    if name == "scrapinghub":
        folder = bench / name
        truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
        return [Page(name, i, _http(g["url"]), folder / "html" / f"{i}.html.gz", folder / "text" / f"{i}.txt",
                     gold=g["articleBody"]) for i, g in sorted(truth.items())]
    folder = bench / name if name == "trafilatura-eval" else bench / "wceb" / name
    if SETS[name] == SNIPPET:
        snippets = json.loads((folder / "snippets.json").read_text("utf-8"))
        return [Page(name, i, _http(s.get("url")), folder / "html" / f"{i}.html.gz", folder / "text" / f"{i}.txt",
                     with_=tuple(s.get("with", [])), without=tuple(s.get("without", [])),
                     meta=tuple((k, s[k]) for k in (*META_FIELDS, "lang") if s.get(k)))
                for i, s in sorted(snippets.items())]
    pages = json.loads((bench / "wceb" / "pages.json").read_text("utf-8"))[name]
    return [Page(name, i, _http(p.get("url")), folder / "html" / f"{i}.html.gz", folder / "text" / f"{i}.txt",
                 gold=(folder / "gold" / f"{i}.txt").read_text("utf-8")) for i, p in sorted(pages.items())]


# --- systems: (input text, url) -> (output text, metadata) -------------------------------------------

Output = tuple[str, dict[str, str | None]]


def _doc_meta(title: str | None, date: str | None, author: str | None, language: str | None = None) -> dict:
    return {"title": title, "date": date, "author": author, "lang": language}


def _cleaner(kind: str, preset: str) -> Callable[[str, str | None], Output]:
    from cleaner import Options, clean

    options = Options(preset=preset)

    def run(data: str, url: str | None) -> Output:
        doc = clean(data, url=url, kind=kind, options=options)
        return doc.text, _doc_meta(doc.title, doc.date, doc.author, doc.language)
    return run


def trafilatura_output(html: str, url: str | None) -> Output:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except (ValueError, TypeError):
        result = None
    if result is None:
        return "", {}
    return result.text or "", _doc_meta(result.title, result.date, result.author)


def readability_output(html: str, url: str | None) -> Output:
    from inscriptis import get_text
    from readability import Document as Readability

    summary = Readability(html, url=url).summary(html_partial=True)
    return (get_text(summary) if summary.strip() else ""), {}


def resiliparse_output(html: str, url: str | None) -> Output:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=True), {}


def c4_filter(text: str) -> str:
    """C4's line rule: keep lines of at least 5 words that end in terminal punctuation."""
    return "\n".join(line for line in text.splitlines()
                     if len(line.split()) >= 5 and _C4_END.search(line.strip()))


def system(path: str, name: str, preset: str = "balanced") -> Callable[[str, str | None], Output]:
    """The extractor called `name` on the `path` ("html" or "text") inputs."""
    if name == "cleaner":
        return _cleaner(path, preset)
    table: dict[str, Callable[[str, str | None], Output]] = {
        "trafilatura": trafilatura_output, "readability-lxml": readability_output, "resiliparse": resiliparse_output,
        "keep everything": lambda text, url: (text, {}),
        "C4-style line filter": lambda text, url: (c4_filter(text), {}),
    }
    if name not in PATHS[path]:
        raise ValueError(f"no system {name!r} for the {path} path (choose from {', '.join(PATHS[path])})")
    return table[name]


# --- scoring ------------------------------------------------------------------------------------------

def score(page: Page, output: str, seconds: float, meta: dict) -> PageResult:
    """One page's score with the metric of its set."""
    metric = SETS[page.set]
    if metric == SNIPPET:
        found, with_total, leaked, without_total = counts = snippet_counts(output, list(page.with_),
                                                                           list(page.without))
        precision = found / (found + leaked) if found + leaked else None
        recall = found / with_total if with_total else None
        p, r = precision or 0.0, recall or 0.0
        return PageResult(page.set, page.id, 2 * p * r / (p + r) if p + r else 0.0, precision, recall,
                          1 - (r if with_total else 1.0), leaked / without_total if without_total else 0.0,
                          seconds, counts, meta)
    if metric == SHINGLE:
        s = score_page(output, page.gold or "")
        return PageResult(page.set, page.id, s.f1, s.precision, s.recall, 1 - (s.recall or 0.0),
                          1 - (s.precision if s.precision is not None else 1.0), seconds, None, meta)
    p, r, f1 = token_page(output, page.gold or "")
    return PageResult(page.set, page.id, f1, p, r, 1 - r, 1 - p if output.strip() else 0.0, seconds, None, meta)


def _quiet() -> None:
    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)  # trafilatura, readability and htmldate log every odd page


def _read(page: Page, path: str) -> str:
    if path == "html":
        return gzip.decompress(page.html.read_bytes()).decode("utf-8", "replace")
    return page.text.read_text("utf-8")


def run_chunk(path: str, name: str, pages: list[Page], preset: str = "balanced") -> list[PageResult]:
    """Run one system over some pages and score each (the unit of work of a worker process)."""
    _quiet()
    extract = system(path, name, preset)
    results = []
    for page in pages:
        data = _read(page, path)
        started = time.perf_counter()
        output, meta = extract(data, page.url)
        seconds = time.perf_counter() - started
        results.append(score(page, output, seconds, meta))
    return results


@dataclass
class SetScore:
    """One system's figures on one set."""

    precision: float
    recall: float
    f1: float
    pages: int
    extra: dict[str, float] = field(default_factory=dict)  # snippet sets: with%, w/o ok%


def aggregate(name: str, results: list[PageResult]) -> SetScore:
    """A set's P/R/F1 from its pages, with the metric of its SOURCE.md."""
    metric = SETS[name]
    if metric == SNIPPET:
        s = snippet_f1([r.counts for r in results if r.counts is not None])
        return SetScore(s["precision"], s["recall"], s["f1"], len(results),
                        {"with%": s["with%"], "w/o ok%": s["w/o ok%"]})
    if metric == SHINGLE:
        p, r, f1 = corpus_scores([PageScore(x.precision, x.recall, x.f1) for x in results])
        return SetScore(p, r, f1, len(results))
    return pooled(results)


def pooled(results: list[PageResult]) -> SetScore:
    """Page means of token P/R/F1 (wceb's gold-text metric; also its 'all 555 pages' row)."""
    n = len(results) or 1
    return SetScore(sum(r.precision or 0.0 for r in results) / n, sum(r.recall or 0.0 for r in results) / n,
                    sum(r.f1 for r in results) / n, len(results))


@dataclass
class Run:
    """Everything one benchmark run measured: per path, system and set, the per-page results."""

    pages: dict[tuple[str, str, str], list[PageResult]] = field(default_factory=dict)
    gold_meta: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # (set, id) -> gold
    wall: float = 0.0

    def score(self, path: str, name: str, set_name: str) -> SetScore:
        return aggregate(set_name, self.pages[path, name, set_name])

    def sets(self, path: str, name: str) -> list[str]:
        return [s for (p, n, s) in self.pages if p == path and n == name]

    def macro(self, path: str, name: str) -> float:
        f1s = [self.score(path, name, s).f1 for s in self.sets(path, name)]
        return sum(f1s) / len(f1s) if f1s else 0.0

    def gold_pages(self, path: str, name: str) -> SetScore | None:
        """Page means over all wceb gold-text pages run (wceb's 'all 555 pages')."""
        results = [r for s in self.sets(path, name) if SETS[s] == TOKEN for r in self.pages[path, name, s]]
        return pooled(results) if results else None

    def ms_per_page(self, path: str, name: str) -> float:
        results = [r for s in self.sets(path, name) for r in self.pages[path, name, s]]
        return 1000 * sum(r.seconds for r in results) / max(1, len(results))

    def worst(self, path: str, name: str, n: int) -> list[PageResult]:
        results = [r for s in self.sets(path, name) for r in self.pages[path, name, s]]
        return sorted(results, key=lambda r: (r.f1, r.set, r.id))[:n]


def evaluate(bench: Path, sets: Iterable[str] = tuple(SETS), paths: Iterable[str] = ("html", "text"),
             systems: Iterable[str] | None = None, *, jobs: int = 2, preset: str = "balanced") -> Run:
    """Run the chosen systems over the chosen sets; `systems` None means every system of each path."""
    loaded = {name: load_set(bench, name) for name in sets}
    tasks = []
    for path in paths:
        for name in PATHS[path] if systems is None else [s for s in systems if s in PATHS[path]]:
            for set_name, pages in loaded.items():
                tasks += [(path, name, set_name, pages[i:i + CHUNK]) for i in range(0, len(pages), CHUNK)]
    run = Run(gold_meta={(p.set, p.id): dict(p.meta) for pages in loaded.values() for p in pages if p.meta})
    started = time.perf_counter()
    collected: dict[tuple[str, str, str], list[PageResult]] = defaultdict(list)
    if jobs <= 1:
        for path, name, set_name, chunk in tasks:
            collected[path, name, set_name] += run_chunk(path, name, chunk, preset)
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_quiet) as pool:
            futures = [(key[:3], pool.submit(run_chunk, key[0], key[1], key[3], preset)) for key in tasks]
            for key, future in futures:
                collected[key] += future.result()
    run.pages = dict(collected)
    run.wall = time.perf_counter() - started
    return run


@cache
def cached_evaluate(bench: Path, sets: tuple[str, ...], paths: tuple[str, ...], systems: tuple[str, ...],
                    preset: str = "balanced") -> Run:
    """`evaluate` once per process for the same arguments (tests share one run between modules)."""
    return evaluate(bench, sets, paths, systems, preset=preset)


# --- metadata -----------------------------------------------------------------------------------------

# Typographic and plain quotes, dashes and ellipses compare equal: the gold and the markup's sources
# (og:title, <h1>) write the same title with either.
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
                             "«": '"', "»": '"', "–": "-", "—": "-", "…": "..."})


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "").translate(_TYPOGRAPHY)
    return " ".join(text.casefold().split()).strip(" \"'")


def _norm_names(value: str | list | None) -> str:
    """Author names compared after folding; ';'-joined names read as comma-joined."""
    text = "; ".join(value) if isinstance(value, list) else value
    return _norm((text or "").replace(";", ","))


def meta_right(field_name: str, got: str | None, gold: str) -> bool:
    """Whether a metadata value matches the gold: titles and authors after case/space folding, dates
    on the day (YYYY-MM-DD), languages on the ISO 639-1 code."""
    if field_name == "date":
        return (got or "")[:10] == gold[:10]
    if field_name == "author":
        return _norm_names(got) == _norm_names(gold)
    return _norm(got) == _norm(gold)


def metadata_shares(run: Run, path: str, name: str, sets: Iterable[str] | None = None,
                    fields: Iterable[str] = META_FIELDS) -> dict[str, tuple[int, int]]:
    """(right, pages with gold) per field over the snippet sets' pages that give it."""
    out = {f: [0, 0] for f in fields}
    for set_name in sets or [s for s in run.sets(path, name) if SETS[s] == SNIPPET]:
        for result in run.pages.get((path, name, set_name), []):
            gold = run.gold_meta.get((set_name, result.id), {})
            for f in out:
                value = gold.get(f)
                if value:
                    out[f][1] += 1
                    out[f][0] += meta_right(f, result.meta.get(f), value)
    return {f: (right, total) for f, (right, total) in out.items()}


# --- report -------------------------------------------------------------------------------------------

def _fmt(s: SetScore, metric: str) -> str:
    if metric == SNIPPET:
        return f"{s.extra['with%']:5.1f} {s.extra['w/o ok%']:5.1f} {100 * s.f1:5.1f}"
    return f"{100 * s.precision:5.1f} {100 * s.recall:5.1f} {100 * s.f1:5.1f}"


def print_table(run: Run, path: str, out=sys.stdout) -> None:
    """Rows are sets, columns systems: P / R / F1 % (snippet sets: with% / w/o ok% / F1)."""
    systems = list(dict.fromkeys(n for (p, n, _s) in run.pages if p == path))
    if not systems:
        return
    sets = run.sets(path, systems[0])
    print(f"\n{path.upper()} path: P / R / F1 % per set (snippet sets: with% / w/o ok% / snippet F1)", file=out)
    print(f"  {'set':24}" + "".join(f" {name[:17]:>17}" for name in systems), file=out)
    for set_name in sets:
        label = f"{set_name} ({len(run.pages[path, systems[0], set_name])})"
        print(f"  {label:24}" + "".join(f" {_fmt(run.score(path, n, set_name), SETS[set_name]):>17}"
                                         for n in systems), file=out)
    gold = [run.gold_pages(path, n) for n in systems]
    if gold[0] is not None:
        print(f"  {f'wceb gold pages ({gold[0].pages})':24}" + "".join(f" {_fmt(g, TOKEN):>17}" for g in gold),
              file=out)
    print(f"  {f'macro F1 ({len(sets)} sets)':24}" + "".join(f" {100 * run.macro(path, n):17.1f}" for n in systems),
          file=out)
    print(f"  {'ms/page (all sets)':24}" + "".join(f" {run.ms_per_page(path, n):17.1f}" for n in systems), file=out)


def print_metadata(run: Run, out=sys.stdout) -> None:
    rows = [(p, n) for p, n in (("html", "cleaner"), ("html", "trafilatura"), ("text", "cleaner"))
            if any(SETS[s] == SNIPPET for s in run.sets(p, n))]
    if not rows:
        return
    sets = [s for s in run.sets(*rows[0]) if SETS[s] == SNIPPET]
    print(f"\nMetadata right / pages with gold ({', '.join(sets)}): title and author after case/space folding,"
          " date on the day", file=out)
    print(f"  {'system':22}" + "".join(f" {f:>16}" for f in META_FIELDS), file=out)
    for path, name in rows:
        shares = metadata_shares(run, path, name)
        cells = "".join(f" {r:5}/{t:<4} {100 * r / t if t else 0:4.1f}%" for r, t in shares.values())
        print(f"  {name + ' (' + path + ')':22}{cells}", file=out)


def print_worst(run: Run, path: str, n: int, out=sys.stdout) -> None:
    if n <= 0 or not run.sets(path, "cleaner"):
        return
    print(f"\n{path.upper()} path: cleaner's {n} worst pages (missed = gold not in the output; leaked = share of"
          " the output that is not gold, or of the `without` snippets kept)", file=out)
    for r in run.worst(path, "cleaner", n):
        counts = (f"  (with {r.counts[0]}/{r.counts[1]} found, without {r.counts[2]}/{r.counts[3]} kept)"
                  if r.counts else "")
        print(f"  {r.set:18} {r.id[:40]:40} F1 {100 * r.f1:5.1f}  missed {100 * r.missing:5.1f}%  "
              f"leaked {100 * r.leaked:5.1f}%{counts}", file=out)


def to_json(run: Run, worst: int) -> dict:
    """The table (and the worst pages) as plain data."""
    out: dict = {"wall_seconds": run.wall, "paths": {}}
    for path in PATHS:
        systems = list(dict.fromkeys(n for (p, n, _s) in run.pages if p == path))
        for name in systems:
            entry = {s: asdict(run.score(path, name, s)) for s in run.sets(path, name)}
            entry["macro_f1"] = run.macro(path, name)
            gold = run.gold_pages(path, name)
            if gold:
                entry["wceb_gold_pages"] = asdict(gold)
            entry["ms_per_page"] = run.ms_per_page(path, name)
            if name in ("cleaner", "trafilatura"):
                entry["metadata"] = metadata_shares(run, path, name)
            if name == "cleaner" and worst:
                entry["worst"] = [{"set": r.set, "id": r.id, "f1": r.f1, "missing": r.missing, "leaked": r.leaked}
                                  for r in run.worst(path, name, worst)]
            out["paths"].setdefault(path, {})[name] = entry
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, from {', '.join(SETS)}")
    parser.add_argument("--systems", default=None, help="comma-separated system names (default: all)")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--html-only", action="store_true")
    only.add_argument("--text-only", action="store_true")
    parser.add_argument("--preset", default="balanced")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--worst", type=int, default=20, help="cleaner's worst pages to list per path")
    parser.add_argument("--json", type=Path, default=None, help="save the table as JSON here")
    args = parser.parse_args(argv)
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in sets if s not in SETS]
    if unknown:
        parser.error(f"unknown sets {unknown}; choose from {', '.join(SETS)}")
    paths = ["html"] if args.html_only else ["text"] if args.text_only else ["html", "text"]
    systems = [s.strip() for s in args.systems.split(",")] if args.systems else None
    if systems:
        bad = [s for s in systems if not any(s in PATHS[p] for p in paths)]
        if bad:
            parser.error(f"unknown systems {bad}")
    _quiet()
    run = evaluate(args.bench_dir, sets, paths, systems, jobs=args.jobs, preset=args.preset)
    for path in paths:
        print_table(run, path)
    print_metadata(run)
    for path in paths:
        print_worst(run, path, args.worst)
    print(f"\nwall time {run.wall:.0f} s with {args.jobs} process(es)")
    if args.json:
        args.json.write_text(json.dumps(to_json(run, args.worst), indent=1, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
