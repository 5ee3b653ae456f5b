"""Records out of web archives: WARC (any version warcio reads), ARC and WET files.

Every record is accounted for. `response`, `resource`, `conversion` (WET text) and `revisit` records
become one Record each: a page to clean, or skipped (with why), or a duplicate (a revisit, pointing at
its original). `request`, `metadata` and `warcinfo` records only describe other records (what was
asked, what the crawler noted, the crawl itself): they are counted in `counts`, not listed, so a
crawl's manifest has one line per fetched thing rather than three.

A page's data is its payload as the server sent it, once transfer and content encoding are undone
(warcio's `content_stream`); the HTTP status, content type and headers go along in `Record.meta`, so
the cleaner decodes the bytes itself, weighing the header's charset against the content.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from .payload import classify

PAGE_RECORDS = frozenset({"response", "resource", "conversion"})
COUNTED_RECORDS = frozenset({"request", "metadata", "warcinfo"})
CHUNK = 1 << 16


def is_arc(head: bytes) -> bool:
    """ARC files (the format before WARC) open with a `filedesc://` record."""
    return head.startswith(b"filedesc://")


def archive_records(item: Any, stream: IO[bytes], arc: bool, max_bytes: int,
                    counts: Counter | None = None) -> Iterator[Any]:
    """The Records of one WARC/ARC/WET file, in file order; `counts` gets the unlisted record types.

    Ids are `<rel>#<WARC-Record-ID>`; ARC records have no id of their own (warcio makes a random one
    when converting), so theirs is `<rel>#<record number>`, stable across runs.
    """
    from warcio.archiveiterator import ArchiveIterator

    from .sources import Record

    originals: dict[tuple[str, str], str] = {}  # (URL, payload digest) -> id, for revisits in this file
    by_record_id: dict[str, str] = {}  # WARC-Record-ID -> id
    for index, rec in enumerate(ArchiveIterator(stream, arc2warc=True)):
        rec_type = rec.rec_type
        if rec_type in COUNTED_RECORDS or rec_type not in PAGE_RECORDS | {"revisit"}:
            if counts is not None:
                counts[rec_type] += 1
            continue
        warc_id = rec.rec_headers.get_header("WARC-Record-ID")
        rid = f"{item.rel}#{index if arc or not warc_id else warc_id}"
        url = rec.rec_headers.get_header("WARC-Target-URI")
        base = {"source": item.rel, "index": index, "out_stem": f"{item.records_dir}/{index:06d}"}
        meta = _http_meta(rec)
        if rec_type == "revisit":
            original = _original(rec, originals, by_record_id)
            ref = rec.rec_headers.get_header("WARC-Refers-To") or rec.rec_headers.get_header(
                "WARC-Refers-To-Target-URI")
            why = (f"revisit of {original}" if original else
                   f"revisit; the original is not in this file ({ref or 'no WARC-Refers-To'})")
            yield Record(rid, url, None, None, meta, duplicate_of=original, duplicate=why, size=0,
                         sha256=None, **base)
            continue
        try:
            data, size, digest = _payload(rec, max_bytes)
        except Exception as exc:  # a payload whose content encoding does not undo
            yield Record(rid, url, None, None, meta, fail=f"cannot read payload: {type(exc).__name__}: {exc}",
                         **base)
            continue
        missing = getattr(rec.raw_stream, "limit", 0)
        if isinstance(missing, int) and missing > 0:  # the file ends inside this record: a cut download
            yield Record(rid, url, None, None, meta, size=size, sha256=digest,
                         fail=f"record cut off: the file ends {missing} bytes before the record's end", **base)
            continue
        payload_digest = rec.rec_headers.get_header("WARC-Payload-Digest")
        if url and payload_digest:
            originals.setdefault((url, payload_digest), rid)
        if warc_id:
            by_record_id.setdefault(warc_id, rid)
        verdict = classify(meta.get("content_type"), url, data[:65536] if data else b"", rec_type)
        if verdict.skip is not None:
            yield Record(rid, url, None, None, meta, skip=verdict.skip, size=size, sha256=digest, **base)
        elif data is None:
            yield Record(rid, url, None, None, meta, skip=f"page larger than {max_bytes} bytes", size=size,
                         sha256=digest, **base)
        else:
            kind = "text" if rec_type == "conversion" else verdict.kind
            yield Record(rid, url, data, kind, meta, **base)


def _http_meta(rec: Any) -> dict[str, Any]:
    """The record's type and, for HTTP answers, status, content type, headers and redirect target.

    A `resource` or `conversion` record has no HTTP envelope: its own Content-Type says what it holds.
    """
    from warcio.statusandheaders import StatusAndHeadersParser

    meta: dict[str, Any] = {"warc_type": rec.rec_type}
    url = rec.rec_headers.get_header("WARC-Target-URI") or ""
    if rec.rec_type in ("response", "revisit") and rec.http_headers is None and _is_http_block(rec) \
            and not url.lower().startswith("dns:"):
        # warcio parses HTTP headers only for http(s) URIs; crawls also hold other schemes
        try:
            rec.http_headers = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"]).parse(rec.raw_stream)
        except Exception:  # not an HTTP block after all: no headers
            rec.http_headers = None
    http = rec.http_headers if rec.rec_type in ("response", "revisit") else None
    if http is not None:
        status = http.get_statuscode()
        if status and str(status).isdigit():
            meta["http_status"] = int(status)
        headers: dict[str, str] = {}
        for name, value in http.headers:
            key = name.strip().lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        meta["headers"] = headers
        if headers.get("content-type"):
            meta["content_type"] = headers["content-type"]
        if 300 <= meta.get("http_status", 0) < 400 and headers.get("location"):
            meta["location"] = headers["location"]
    elif rec.rec_type != "response" or not _is_http_block(rec):
        ctype = rec.rec_headers.get_header("Content-Type")
        if ctype:
            meta["content_type"] = ctype
    return meta


def _is_http_block(rec: Any) -> bool:
    return (rec.rec_headers.get_header("Content-Type") or "").replace(" ", "").lower().startswith("application/http")


def _payload(rec: Any, max_bytes: int) -> tuple[bytes | None, int, str]:
    """The payload bytes (None past max_bytes), their size and SHA-256, transfer/content encoding undone."""
    stream = rec.content_stream()
    hasher = hashlib.sha256()
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        hasher.update(chunk)
        size += len(chunk)
        if size <= max_bytes:
            parts.append(chunk)
    return (b"".join(parts) if size <= max_bytes else None), size, hasher.hexdigest()


def _original(rec: Any, originals: dict[tuple[str, str], str], by_record_id: dict[str, str]) -> str | None:
    """The id of the record a revisit repeats: by WARC-Refers-To, else by URL and payload digest."""
    refers = rec.rec_headers.get_header("WARC-Refers-To")
    if refers and refers in by_record_id:
        return by_record_id[refers]
    digest = rec.rec_headers.get_header("WARC-Payload-Digest")
    for url in (rec.rec_headers.get_header("WARC-Refers-To-Target-URI"),
                rec.rec_headers.get_header("WARC-Target-URI")):
        if url and digest and (url, digest) in originals:
            return originals[(url, digest)]
    return None
