"""Web archives end to end: every record of a WARC, ARC or WET file accounted for, with its HTTP facts."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path

from test_batch_run import config, manifest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.batch import run

ARTICLE = ("<html><head><title>Prize list</title></head><body><nav><a href='/'>Home</a></nav><article>"
           "<h1>This year's prize list</h1><p>Yes \u2014 our list is out: the committee chose three novels "
           "and two collections of stories after reading more than four hundred books this year.</p>"
           "<p>The winners will read from their work at the town library on the first Friday of June, "
           "and the readings are free for everyone who wants to come.</p></article></body></html>")
NOT_FOUND = ("<html><head><title>Not found</title></head><body><h1>Page not found</h1><p>The page you asked "
             "for is not here. It may have moved, or the address may be mistyped.</p></body></html>")
LOG = ("2024-04-25 09:24:44 URL:https://a.example/ [87229/87229] -> \"a.example/index.html\" [1]\n"
       "2024-04-25 09:24:45 URL:https://a.example/b [2720] -> \"a.example/b\" [1]\n"
       "2024-04-25 09:24:46 FINISHED --2024-04-25 09:24:46--\n")


def _response(writer: WARCWriter, url: str, status: str, headers: list[tuple[str, str]], body: bytes):
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
    writer.write_record(record)
    return record


def write_crawl(path: Path) -> bytes:
    """A WARC as a crawler writes it: warcinfo, request+response pairs, a revisit, the crawler's log."""
    utf8 = ARTICLE.encode("utf-8")
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test-crawler"}))
        for url in ("https://news.example/prizes", "https://news.example/old", "https://news.example/gone"):
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True)))
        # the header says ISO-8859-1 over a UTF-8 body, and the body is gzip content-encoded
        original = _response(writer, "https://news.example/prizes", "200 OK",
                             [("Content-Type", "text/html; charset=ISO-8859-1"), ("Content-Encoding", "gzip")],
                             gzip.compress(utf8))
        _response(writer, "https://news.example/old", "302 Found",
                  [("Content-Type", "text/html"), ("Location", "https://news.example/prizes")],
                  b"<html><body><p>Moved <a href='/prizes'>here</a>.</p></body></html>")
        _response(writer, "https://news.example/gone", "404 Not Found", [("Content-Type", "text/html")],
                  NOT_FOUND.encode())
        _response(writer, "https://news.example/logo.png", "200 OK", [("Content-Type", "image/png")],
                  b"\x89PNG\r\n\x1a\n" + bytes(40))
        revisit = writer.create_revisit_record(
            "https://news.example/prizes", original.rec_headers.get_header("WARC-Payload-Digest"),
            "https://news.example/prizes", original.rec_headers.get_header("WARC-Date"),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"))
        writer.write_record(revisit)
        writer.write_record(writer.create_warc_record(
            "metadata://crawler/log", "resource", payload=io.BytesIO(LOG.encode()),
            warc_content_type="text/plain"))
    return utf8


def test_every_record_accounted_for_with_http_facts(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    payload = write_crawl(src / "crawl.warc.gz")
    result = run(config([src], out, fmt="jsonl"))
    lines = manifest(out)
    assert result.tally.unlisted == {"warcinfo": 1, "request": 3}
    assert len(lines) == 6  # 4 responses, 1 revisit, 1 resource: one line each
    by_url = {line["url"]: line for line in lines if line["status"] != "duplicate"}
    page = by_url["https://news.example/prizes"]
    assert page["status"] == "cleaned" and page["http_status"] == 200
    assert page["content_type"] == "text/html; charset=ISO-8859-1"
    # size and hash describe the payload as served, content encoding undone
    assert page["size"] == len(payload) and page["sha256"] == hashlib.sha256(payload).hexdigest()
    revisit = next(line for line in lines if line["status"] == "duplicate")
    assert revisit["duplicate_of"] == page["id"] and revisit["warc_type"] == "revisit"

    moved, gone = by_url["https://news.example/old"], by_url["https://news.example/gone"]
    assert (moved["status"], moved["page_type"], moved["reason"]) == ("not_article", "redirect", "HTTP 302")
    assert moved["location"] == "https://news.example/prizes"
    assert (gone["status"], gone["page_type"], gone["reason"]) == ("not_article", "error", "HTTP 404")
    assert by_url["https://news.example/logo.png"]["reason"] == "image (image/png)"
    assert by_url["https://news.example/logo.png"]["sha256"] is not None
    assert by_url["metadata://crawler/log"]["status"] == "skipped"

    # only the article is written by default
    rows = [json.loads(row) for part in sorted(out.glob("part-*.jsonl")) for row in part.read_text().splitlines()]
    assert [row["id"] for row in rows] == [page["id"]]
    assert "Yes \u2014 our list" in rows[0]["text"]  # the body's UTF-8, whatever the header said


def test_keep_pages_all_writes_error_and_redirect_pages(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    write_crawl(src / "crawl.warc.gz")
    run(config([src], out, fmt="jsonl", keep="all"))
    written = {line["url"] for line in manifest(out) if line["output"]}
    assert written == {"https://news.example/prizes", "https://news.example/old", "https://news.example/gone"}


def test_wet_and_arc_files_are_read(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    text = "Prize list\nYes \u2014 our list is out: the committee chose three novels and two collections.\n"
    with open(src / "crawl.warc.wet.gz", "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.wet.gz", {"software": "test"}))
        writer.write_record(writer.create_warc_record(
            "https://news.example/prizes", "conversion", payload=io.BytesIO(text.encode()),
            warc_content_type="text/plain"))
    body = ARTICLE.encode("utf-8")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    desc = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = (b"filedesc://crawl.arc 0.0.0.0 20080430204825 text/plain %d\n" % len(desc) + desc + b"\n"
           + b"https://news.example/prizes 1.2.3.4 20080430204826 text/html %d\n" % len(http) + http + b"\n")
    (src / "crawl.arc").write_bytes(arc)
    run(config([src], out, fmt="jsonl"))
    lines = {line["input"]: line for line in manifest(out)}
    assert lines["crawl.warc.wet.gz"]["status"] == "cleaned"
    assert lines["crawl.warc.wet.gz"]["warc_type"] == "conversion"
    assert lines["crawl.arc"]["status"] == "cleaned" and lines["crawl.arc"]["id"] == "crawl.arc#1"
    assert lines["crawl.arc"]["http_status"] == 200
