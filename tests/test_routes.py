"""The same page by four routes gives the same text: loose file bytes, a WARC record's payload with
its Content-Type, a JSONL record's string as a scraper decoded it, and a str through the API.

Runs over every HTML response of the real crawls in <bench>/crawls (SOURCE.md there).
"""

from __future__ import annotations

import json
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from cleaner import clean
from cleaner.decode import http_charset


def _responses(folder: Path) -> list[tuple[str, str, dict[str, str], bytes]]:
    out = []
    for path in sorted(folder.glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                payload = record.content_stream().read()
                if "html" in content_type.lower() and payload.strip():
                    out.append((record.rec_headers.get_header("WARC-Target-URI"), content_type,
                                dict(record.http_headers.headers), payload))
    return out


def _scraper_str(payload: bytes, content_type: str) -> str | None:
    """What a naive scraper stores: the bytes decoded with the header's charset (ISO-8859-1 read as
    Latin-1, no charset as UTF-8); None when that loses bytes (U+FFFD), as nothing can recover them."""
    charset = http_charset(content_type) or "utf-8"
    try:
        return payload.decode("latin-1" if charset == "cp1252" else charset)
    except (UnicodeDecodeError, LookupError):
        return None


def _right_str(payload: bytes) -> str:
    """The page as a careful tool decodes it: UTF-8 when the bytes are UTF-8, else Windows-1252."""
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode("cp1252", errors="replace")


def test_four_routes_give_the_same_text(bench_dir: Path, tmp_path: Path) -> None:
    responses = _responses(bench_dir / "crawls")
    assert len(responses) >= 190  # every crawl file with HTML responses was read
    differing = []
    mojibake_repaired = 0
    for number, (url, content_type, headers, payload) in enumerate(responses):
        loose = tmp_path / f"page{number}.html"
        loose.write_bytes(payload)
        by_file = clean(loose.read_bytes()).text
        by_warc = clean(payload, url=url, content_type=content_type, headers=headers).text
        by_api = clean(_right_str(payload), url=url).text
        texts = {"file": by_file, "warc": by_warc, "api": by_api}
        scraped = _scraper_str(payload, content_type)
        if scraped is not None:
            record = json.loads(json.dumps({"url": url, "html": scraped}))
            texts["jsonl"] = clean(record["html"], url=url).text
            mojibake_repaired += scraped != _right_str(payload)
        if len(set(texts.values())) > 1:
            differing.append((url, sorted(name for name, text in texts.items() if text != by_warc)))
    assert differing == []
    # The crawls hold pages whose header charset is wrong: the JSONL route really was mojibake.
    assert mojibake_repaired >= 1


def test_wrong_header_charset_over_utf8_body() -> None:
    body = "<html><body><article><p>Yes — our list of the forum’s best posts is out, and the Archive’s " \
           "team wrote about each of them at length for readers.</p></article></body></html>"
    payload = body.encode("utf-8")
    by_warc = clean(payload, content_type="text/html; charset=ISO-8859-1").text
    scraped = clean(payload.decode("latin-1")).text
    scraped_1252 = clean(payload.decode("cp1252")).text
    assert by_warc == scraped == scraped_1252 == clean(body).text
    assert "Yes — our list" in by_warc and "forum’s" in by_warc and "â€" not in by_warc
    assert not any(marker in by_warc for marker in ("â€", "Ã", "ï¿½"))
