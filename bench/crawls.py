"""Crawl check: run the real CLI over every file of ../shared/bench/crawls and account for each record.

    python -m bench.crawls [--crawls DIR] [--work /tmp/cleaner-crawls] [--jobs 2]

Per file: the records by WARC type (counted here with warcio, independently of the cleaner), the
manifest lines, statuses and page types; then the checks, each printed as OK or with the offending
ids, and the exit status is 1 when any fails:
- every record accounted for: manifest lines per record type + the records the run counted but did
  not list (request, metadata, warcinfo, from its summary) = the records in the file;
- no HTTP error or redirect answer (status >= 300) cleaned as an article;
- no non-page text cleaned as an article: robots.txt, sitemaps, scripts, stylesheets, XML, the
  crawler's own files (non-web URL schemes) -- told here by URL and content type, not by the cleaner;
- no mojibake markers in the written text (every page written: --keep-pages all). A marker that is
  already in the page's own bytes (a server that sent U+FFFD, read as UTF-8) is reported apart: no
  decoder can undo it, so it counts as "in the source", not as a failure of the cleaner's reading.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CRAWLS = Path(os.environ.get("CLEANER_BENCH", ROOT.parent / "shared" / "bench")) / "crawls"
ARCHIVE_NAMES = re.compile(r"\.(?:warc|arc)(?:\.wet)?(?:\.gz)?$|\.wet(?:\.gz)?$", re.I)
MOJIBAKE = ("â€", "Ã©", "Ã¨", "Ã¤", "Ã¶", "ï¿½", "\ufffd")
NON_PAGE_PATHS = re.compile(r"(?:/robots\.txt|sitemap[^/]*\.xml|\.(?:js|css|htc|xml|xspf|rss|atom|json))$", re.I)
WEB_SCHEMES = ("http", "https")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_NOT_LISTED = re.compile(r"not listed: \d+ archive records \(([^)]*)\)")


@dataclass
class FileReport:
    """What the check found in one crawl file."""

    name: str
    records: Counter = field(default_factory=Counter)
    lines: list[dict] = field(default_factory=list)
    unlisted: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    mojibake: list[tuple[str, str, bool]] = field(default_factory=list)  # (id, context, already in source)
    exit_code: int = 0


def count_records(path: Path) -> Counter:
    """Records by WARC type, read with warcio (ARC records count as warcio converts them)."""
    from warcio.archiveiterator import ArchiveIterator

    counts: Counter = Counter()
    with open(path, "rb") as handle:
        for rec in ArchiveIterator(handle, arc2warc=True):
            counts[rec.rec_type] += 1
    return counts


def run_cli(path: Path, out: Path, jobs: int) -> tuple[int, str]:
    """`cleaner clean FILE -o OUT --format jsonl --keep-pages all`; (exit code, stderr)."""
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", str(path), "-o", str(out), "--format",
                           "jsonl", "--keep-pages", "all", "-j", str(jobs), "--force"],
                          capture_output=True, text=True, timeout=1800, cwd=ROOT)
    return proc.returncode, proc.stderr


def is_non_page(line: dict) -> bool:
    """A record that is not a web page by its URL or declared type (judged here, not by the cleaner)."""
    url = line.get("url") or ""
    scheme = urlsplit(url).scheme.lower() if "://" in url or url.startswith(("dns:", "urn:")) else ""
    if scheme and scheme not in WEB_SCHEMES:
        return True
    if NON_PAGE_PATHS.search(urlsplit(url).path if scheme else url):
        return True
    mime = (line.get("content_type") or "").split(";")[0].strip().lower()
    return bool(mime) and mime not in PAGE_TYPES


def check_file(path: Path, work: Path, jobs: int = 2) -> FileReport:
    """Run the CLI on one crawl file and check its manifest and outputs."""
    report = FileReport(path.name, count_records(path))
    out = work / path.name
    report.exit_code, stderr = run_cli(path, out, jobs)
    if report.exit_code != 0:
        report.problems.append(f"exit status {report.exit_code}: {stderr.strip()[-300:]}")
    manifest = out / "manifest.jsonl"
    if not manifest.exists():
        report.problems.append("no manifest written")
        return report
    report.lines = [json.loads(line) for line in manifest.read_text("utf-8").splitlines()]
    match = _NOT_LISTED.search(stderr)
    if match:
        for part in match.group(1).split(", "):
            n, kind = part.split(" ", 1)
            report.unlisted[kind] += int(n)
    listed = Counter(line.get("warc_type", "?") for line in report.lines)
    accounted = listed + report.unlisted
    if accounted != report.records:
        report.problems.append(f"records {dict(report.records)} but listed {dict(listed)} + "
                               f"counted {dict(report.unlisted)}")
    for line in report.lines:
        if line["status"] != "cleaned":
            continue
        if (line.get("http_status") or 0) >= 300:
            report.problems.append(f"HTTP {line['http_status']} answer cleaned as an article: {line['id']}")
        if is_non_page(line):
            report.problems.append(f"non-page record cleaned as an article: {line['url']} ({line['id']})")
    hits: list[tuple[str, str, str]] = []
    for part in sorted(out.glob("part-*.jsonl")):
        for row in part.read_text("utf-8").splitlines():
            doc = json.loads(row)
            text = " ".join(str(doc.get(k) or "") for k in ("title", "text"))
            for marker in MOJIBAKE:
                at = text.find(marker)
                if at >= 0:
                    hits.append((doc["id"], marker, text[max(0, at - 30): at + 30]))
                    break
    sources = payloads(path, {doc_id for doc_id, _, _ in hits})
    for doc_id, marker, context in hits:
        report.mojibake.append((doc_id, context, marker in sources.get(doc_id, b"").decode("utf-8", "replace")))
    introduced = [m for m in report.mojibake if not m[2]]
    if introduced:
        report.problems.append(f"{len(introduced)} written pages with mojibake markers not in their source bytes")
    return report


def payloads(path: Path, ids: set[str]) -> dict[str, bytes]:
    """The payload bytes (encodings undone) of the records with these manifest ids."""
    from warcio.archiveiterator import ArchiveIterator

    found: dict[str, bytes] = {}
    if not ids:
        return found
    with open(path, "rb") as handle:
        for index, rec in enumerate(ArchiveIterator(handle, arc2warc=True)):
            for rid in (f"{path.name}#{rec.rec_headers.get_header('WARC-Record-ID')}", f"{path.name}#{index}"):
                if rid in ids:
                    found[rid] = rec.content_stream().read()
    return found


def crawl_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and ARCHIVE_NAMES.search(p.name))


def print_report(report: FileReport) -> None:
    lines = report.lines
    print(f"\n== {report.name}")
    print(f"   records: {sum(report.records.values())} {dict(sorted(report.records.items()))}")
    print(f"   manifest lines: {len(lines)}; counted, not listed: {dict(sorted(report.unlisted.items()))}")
    print(f"   statuses: {dict(Counter(line['status'] for line in lines).most_common())}")
    types = Counter(line["page_type"] for line in lines if line.get("page_type"))
    print(f"   page types: {dict(types.most_common())}")
    skipped = Counter(line["reason"] for line in lines if line["status"] == "skipped")
    if skipped:
        print(f"   skipped: {dict(skipped.most_common())}")
    for doc_id, context, in_source in report.mojibake[:10]:
        where = "already in the source bytes" if in_source else "INTRODUCED"
        print(f"   mojibake in {doc_id} ({where}): {context!r}")
    for problem in report.problems[:20]:
        print(f"   PROBLEM: {problem}")
    print("   OK: every record accounted for; no error/redirect or non-page text cleaned; no mojibake made"
          if not report.problems else f"   {len(report.problems)} problems")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--crawls", type=Path, default=DEFAULT_CRAWLS)
    parser.add_argument("--work", type=Path, default=None, help="Output folder (default: a temp folder)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    files = crawl_files(args.crawls)
    if not files:
        print(f"no crawl files in {args.crawls}")
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="cleaner-crawls-"))
    reports = [check_file(path, work, args.jobs) for path in files]
    for report in reports:
        print_report(report)
    total = Counter()
    for report in reports:
        total.update(report.records)
    bad = [r.name for r in reports if r.problems]
    marked = [m for r in reports for m in r.mojibake]
    print(f"\nmojibake markers in written pages: {len(marked)} pages, "
          f"{sum(m[2] for m in marked)} of them already in the source bytes, "
          f"{sum(not m[2] for m in marked)} introduced")
    print(f"\n{len(reports)} files, {sum(total.values())} records {dict(sorted(total.items()))}; "
          f"{sum(len(r.lines) for r in reports)} manifest lines; "
          f"{'all checks pass' if not bad else 'problems in ' + ', '.join(bad)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
