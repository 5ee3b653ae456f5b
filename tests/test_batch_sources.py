"""Reading every input kind from real files: pages, text dumps, JSON/JSONL records, WARC, compressed."""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import json
import lzma
from collections import Counter
from pathlib import Path

import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.batch.sources import Fields, read_records, walk

HTML = ("<html><head><title>Harbour news</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>New ferry line opens</h1><p>The harbour authority opened a new ferry line on Monday, "
        "linking the old town with the islands for the first time in a decade.</p></article></body></html>")
TEXT = "Home > News\nNew ferry line opens\nThe harbour authority opened a new ferry line on Monday.\n"


def records(folder: Path, fields: Fields | None = None) -> list:
    return [r for item in walk([str(folder)]) for r in read_records(item, fields or Fields())]


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], gz: bool = True) -> None:
    """A WARC with a warcinfo record, and per page a request and a response record."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, body, ctype in pages:
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True)))
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_page_files_plain_and_compressed(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(HTML)
    (tmp_path / "b.htm.gz").write_bytes(gzip.compress(HTML.encode()))
    (tmp_path / "c.txt.zst").write_bytes(zstandard.ZstdCompressor().compress(TEXT.encode()))
    (tmp_path / "d.md.bz2").write_bytes(bz2.compress(TEXT.encode()))
    (tmp_path / "e.xz").write_bytes(lzma.compress(HTML.encode()))
    (tmp_path / "page").write_text(HTML)
    got = {r.id: r for r in records(tmp_path)}
    assert sorted(got) == ["a.html", "b.htm.gz", "c.txt.zst", "d.md.bz2", "e.xz", "page"]
    assert got["b.htm.gz"].data == HTML.encode()
    assert got["c.txt.zst"].data == TEXT.encode()
    assert got["d.md.bz2"].data == TEXT.encode()
    assert got["e.xz"].data == HTML.encode()
    assert {r.out_stem for r in got.values()} == {"a", "b", "c", "d", "e", "page"}
    assert all(r.skip is None and r.fail is None for r in got.values())


def test_compression_is_sniffed_from_content_not_name(tmp_path: Path) -> None:
    (tmp_path / "misnamed.html").write_bytes(gzip.compress(HTML.encode()))
    (only,) = records(tmp_path)
    assert only.data == HTML.encode()


def test_jsonl_records_with_fields(tmp_path: Path) -> None:
    lines = [{"url": "https://news.example/a", "html": HTML, "title": "From the scraper", "date": "2024-05-01"},
             {"url": "https://news.example/b", "text": TEXT},
             {"url": "https://news.example/c"},
             {"url": "https://news.example/d", "html": ["not", "text"]}]
    body = "\n".join(json.dumps(x) for x in lines) + "\n{broken\n\n"
    (tmp_path / "crawl.jsonl.gz").write_bytes(gzip.compress(body.encode()))
    got = records(tmp_path)
    assert [r.id for r in got] == [f"crawl.jsonl.gz#{i}" for i in range(5)]
    assert got[0].url == "https://news.example/a" and got[0].kind_hint == "html" and got[0].data == HTML
    assert got[0].meta == {"title": "From the scraper", "date": "2024-05-01"}
    assert got[1].data == TEXT and got[1].kind_hint is None
    assert got[2].skip.startswith("no page field")
    assert "not text" in got[3].skip
    assert got[4].fail.startswith("bad JSON on line 5")
    assert got[0].out_stem == "crawl.jsonl/000000"


def test_record_field_names_are_configurable(tmp_path: Path) -> None:
    (tmp_path / "x.ndjson").write_text(json.dumps({"page": HTML, "where": "https://x.example/"}) + "\n")
    assert records(tmp_path)[0].skip
    (got,) = records(tmp_path, Fields(content=("page",), url=("where",)))
    assert got.data == HTML and got.url == "https://x.example/"


def test_json_files_arrays_objects_and_golden_files(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"content": TEXT}, {"body": HTML}]))
    (tmp_path / "one.json").write_text(json.dumps({"raw_html": HTML, "url": "https://one.example/"}))
    (tmp_path / "page.expected.json").write_text(json.dumps({"text": "golden", "removed": []}))
    (tmp_path / "output.json").write_text(json.dumps({"text": "cleaned", "page_type": "article", "removed": []}))
    (tmp_path / "config.json").write_text(json.dumps({"retries": 3}))
    got = {r.id: r for r in records(tmp_path)}
    assert got["list.json#0"].data == TEXT and got["list.json#1"].data == HTML
    assert got["one.json"].url == "https://one.example/"
    assert "golden" in got["page.expected.json"].skip
    assert "cleaner output" in got["output.json"].skip
    assert got["config.json"].skip.startswith("no page field")


def test_warc_responses_become_pages(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", [
        ("https://news.example/a", HTML.encode("utf-8"), "text/html; charset=utf-8"),
        ("https://news.example/logo.png", b"\x89PNG\r\n", "image/png"),
        ("https://news.example/b", HTML.encode("latin-1"), "text/html"),
    ])
    counts: Counter = Counter()
    got = [r for item in walk([str(tmp_path)]) for r in read_records(item, Fields(), counts)]
    assert len(got) == 3  # warcinfo and request records are not pages: counted, not yielded
    assert counts == {"warcinfo": 1, "request": 3}
    # the payload bytes as sent: the cleaner decodes them, weighing the header's charset
    assert got[0].url == "https://news.example/a" and got[0].data == HTML.encode() and got[0].kind_hint == "html"
    assert got[0].id.startswith("crawl.warc.gz#<urn:uuid:")
    assert got[0].meta["http_status"] == 200
    assert got[0].meta["content_type"] == "text/html; charset=utf-8"
    assert got[0].meta["headers"]["content-type"] == "text/html; charset=utf-8"
    assert got[1].skip == "image (image/png)" and got[1].size == 6
    assert got[1].sha256 == hashlib.sha256(b"\x89PNG\r\n").hexdigest()
    assert got[2].data == HTML.encode("latin-1")


def test_warc_response_with_a_non_http_uri(tmp_path: Path) -> None:
    write_warc(tmp_path / "odd.warc.gz", [("hard::example.com-page.html", HTML.encode(), "text/html")])
    (got,) = records(tmp_path)
    assert got.skip is None and got.data == HTML.encode() and got.url == "hard::example.com-page.html"


def test_uncompressed_and_zstd_wrapped_warc(tmp_path: Path) -> None:
    write_warc(tmp_path / "plain.warc", [("https://a.example/", HTML.encode(), "text/html")], gz=False)
    raw = (tmp_path / "plain.warc").read_bytes()
    (tmp_path / "wrapped.warc.zst").write_bytes(zstandard.ZstdCompressor().compress(raw))
    got = records(tmp_path)
    assert [r.data for r in got] == [HTML.encode(), HTML.encode()]


def test_bad_files_are_accounted_for(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "style.css").write_text("body { color: red }")
    (tmp_path / "cut.html.gz").write_bytes(gzip.compress(HTML.encode() * 50)[:200])
    (tmp_path / "fake.warc").write_text("not a warc")
    got = {r.id.split("#")[0]: r for r in records(tmp_path)}
    assert got["logo.png"].skip == "binary file (png image)"
    assert got["style.css"].skip.startswith("not a page file")
    assert got["cut.html.gz"].fail.startswith("cannot read")
    assert got["fake.warc"].skip.startswith("not a WARC or ARC file")


def test_walk_is_sorted_skips_hidden_and_excluded(tmp_path: Path) -> None:
    for rel in ("b/2.html", "b/1.html", "a.html", ".hidden/x.html", ".tmpfile", "out/z.html", "c.html", "c.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(HTML)
    listed = list(walk([str(tmp_path)], exclude=[tmp_path / "out"]))
    found = [f for f in listed if f.skip is None]
    assert [f.rel for f in found] == ["a.html", "c.html", "c.txt", "b/1.html", "b/2.html"]
    # hidden entries are listed, not read (one line for a hidden folder, none for its contents)
    assert {f.rel: f.skip.split(" (")[0] for f in listed if f.skip} == {".hidden": "hidden folder",
                                                                         ".tmpfile": "hidden file"}
    assert [f.out_stem for f in found] == ["a", "c.html", "c.txt", "b/1", "b/2"]  # c.html and c.txt would clash


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(walk([str(tmp_path / "nope")]))


def test_tiny_and_empty_compressed_files(tmp_path: Path) -> None:
    (tmp_path / "tiny.txt.zst").write_bytes(zstandard.ZstdCompressor().compress(b"Hi"))
    (tmp_path / "empty.html.gz").write_bytes(gzip.compress(b""))
    got = {r.id: r for r in records(tmp_path)}
    assert got["tiny.txt.zst"].data == b"Hi" and got["empty.html.gz"].data == b""


def test_large_page_read_whole_after_sniffing(tmp_path: Path) -> None:
    body = (HTML * 2000).encode()  # far past the sniffed head
    (tmp_path / "big.html.zst").write_bytes(zstandard.ZstdCompressor().compress(body))
    (only,) = records(tmp_path)
    assert only.data == body


@pytest.mark.parametrize("opener", [lambda b: b, gzip.compress, bz2.compress, lzma.compress,
                                    lambda b: zstandard.ZstdCompressor().compress(b)])
def test_page_and_json_size_limits_read_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opener) -> None:
    """A page (or .json file) one byte over its limit is skipped (failed), one at its limit read whole, across
    read chunks much smaller than the file and the sniffed head."""
    from cleaner.batch import sources

    monkeypatch.setattr(sources, "_READ_CHUNK", 1000)
    limit = 3 * sources.SNIFF_BYTES + 1234
    monkeypatch.setattr(sources, "MAX_PAGE_BYTES", limit)
    monkeypatch.setattr(sources, "MAX_JSON_BYTES", limit)
    page = (HTML * (limit // len(HTML) + 1)).encode()
    doc = json.dumps({"url": "https://example.org/a", "html": HTML * (limit // len(HTML) + 1)}).encode()
    (tmp_path / "at.html").write_bytes(opener(page[:limit]))
    (tmp_path / "over.html").write_bytes(opener(page[:limit + 1]))
    (tmp_path / "at.json").write_bytes(opener(doc[:limit - 2] + b'"}'))
    (tmp_path / "over.json").write_bytes(opener(doc[:limit - 1] + b'"}'))
    got = {r.source: r for r in records(tmp_path)}
    assert got["at.html"].data == page[:limit] and got["over.html"].skip == f"page larger than {limit} bytes"
    assert got["at.json"].fail is None and got["at.json"].data == json.loads(doc[:limit - 2] + b'"}')["html"]
    assert got["over.json"].fail == f"JSON file larger than {limit} bytes; write it as JSONL"
