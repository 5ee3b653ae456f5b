"""Real crawler output through the real CLI: every record accounted for, no error/redirect answer or
non-page text cleaned as an article, no mojibake made (bench/crawls.py does the checking)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BENCH

from bench.crawls import check_file, crawl_files

CRAWLS = BENCH / "crawls"
FILES = crawl_files(CRAWLS) if CRAWLS.is_dir() else []


@pytest.mark.skipif(not FILES, reason=f"crawl files not found at {CRAWLS}")
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_crawl_file(path: Path, tmp_path: Path) -> None:
    report = check_file(path, tmp_path, jobs=2)
    assert report.exit_code == 0
    assert report.lines, "no manifest lines"
    assert not report.problems, report.problems
    # the HTTP answers of the crawl are all in the manifest with their status
    assert all("http_status" in line for line in report.lines if line.get("warc_type") == "response"
               and (line.get("url") or "").startswith("http"))


def test_crawl_check_sees_what_it_checks(tmp_path: Path) -> None:
    """The check is not vacuous: the crawls hold 404s, redirects, revisits, logs and a WET file."""
    if not FILES:
        pytest.skip(f"crawl files not found at {CRAWLS}")
    by_name = {p.name: p for p in FILES}
    report = check_file(by_name["pywb-dupes.warc.gz"], tmp_path)
    statuses = {line["status"] for line in report.lines}
    assert {"duplicate", "not_article"} <= statuses
    assert any(line.get("http_status") == 302 and line.get("location") for line in report.lines)
