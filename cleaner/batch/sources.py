"""Find inputs and read pages out of them, lazily: files, folders, stdin; HTML, text dumps,
JSON/JSONL scraper records and web archives (WARC, ARC, WET; see archives.py), any of them compressed.

Everything here yields; nothing holds a list of all pages. A file that is not a page source is
still yielded, as a Record with `skip` set, so every input is accounted for in the manifest.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..sniff import sniff_kind
from .archives import archive_records, is_arc

COMPRESSION_MAGIC = {b"\x1f\x8b": "gz", b"BZh": "bz2", b"\xfd7zXZ\x00": "xz", b"\x28\xb5\x2f\xfd": "zst"}
COMPRESSION_SUFFIXES = {".gz": "gz", ".bz2": "bz2", ".xz": "xz", ".zst": "zst", ".zstd": "zst"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cfm", ".cgi", ".pl", ""}
TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
RECORD_SUFFIXES = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".arc": "warc"}
BINARY_MAGIC = {b"\x89PNG": "png image", b"\xff\xd8\xff": "jpeg image", b"GIF8": "gif image",
                b"%PDF": "pdf document", b"PK\x03\x04": "zip archive", b"RIFF": "riff media",
                b"\x00\x00\x01\x00": "icon"}
GOLDEN_SUFFIX = ".expected.json"  # golden test files beside samples: cleaner output, not pages
SNIFF_BYTES = 65536
MAX_PAGE_BYTES = 50 * 1024 * 1024  # a bigger "page" is a dump, not a page: skipped with a reason
MAX_JSON_BYTES = 256 * 1024 * 1024  # a .json file is parsed whole; past this, JSONL is the way


@dataclass(frozen=True)
class Fields:
    """Field names looked for in JSON/JSONL scraper records, first match wins."""

    content: tuple[str, ...] = ("html", "raw_html", "content", "body", "text")
    url: tuple[str, ...] = ("url", "source_url", "target_uri", "link")
    title: tuple[str, ...] = ("title",)
    date: tuple[str, ...] = ("date", "published", "publish_date")


@dataclass(frozen=True)
class InputFile:
    """One file found under a PATH: where it is and its stable relative name."""

    path: Path
    rel: str  # posix path relative to its root: the stable part of every record id
    out_stem: str  # rel without compression and page extensions, for mirrored output names
    size: int


@dataclass
class Record:
    """One page (or one would-be page that is skipped) read from an input."""

    id: str  # rel path, plus "#index" or "#<WARC-Record-ID>" for files holding many pages
    url: str | None
    data: bytes | str | None  # None when `skip` says why there is no page
    kind_hint: str | None  # "html" when the source says so; None lets the cleaner sniff
    meta: dict[str, Any] = field(default_factory=dict)  # title/date from records, http status...
    source: str = ""  # rel path of the input file
    index: int | None = None  # position in a multi-page file
    out_stem: str = ""  # output name without extension (mirror mode)
    skip: str | None = None  # reason this is not a page to clean
    fail: str | None = None  # reason reading it failed (bad JSON line, truncated gzip...)
    size: int | None = None  # bytes of what was skipped (a whole file, an archive record's payload)
    sha256: str | None = None  # hash of a skipped archive record's payload
    duplicate: str | None = None  # a WARC revisit: why this repeats another record
    duplicate_of: str | None = None  # ... and the id of the record it repeats, when it is in the input


def walk(paths: list[str], exclude: list[Path] | None = None) -> Iterator[InputFile]:
    """Every file under the given paths, in a stable order (sorted names, depth first).

    Hidden files and folders (names starting with '.') are ours or the system's: temp files of
    atomic writes, resume state. `exclude` folders (an output folder inside an input) are not read.
    """
    excluded = {p.resolve() for p in (exclude or [])}
    prefixes = _root_prefixes(paths)
    for given, prefix in zip(paths, prefixes, strict=True):
        root = Path(given)
        if root.is_file():
            yield _input(root, prefix or root.name, root.name)
        elif root.is_dir():
            yield from _walk_dir(root, prefix, excluded)
        else:
            raise FileNotFoundError(f"no such file or folder: {given}")


def _root_prefixes(paths: list[str]) -> list[str]:
    """With one PATH ids are relative to it; with several, each gets its folder name in front."""
    if len(paths) == 1:
        return [""]
    seen: dict[str, int] = {}
    out = []
    for given in paths:
        name = Path(given).resolve().name or "root"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}~{seen[name]}")
    return out


def _walk_dir(folder: Path, prefix: str, excluded: set[Path]) -> Iterator[InputFile]:
    if folder.resolve() in excluded:
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    files = [e for e in entries if not e.name.startswith(".") and e.is_file()]
    stems = [_strip_suffixes(e.name) for e in files]
    counts = Counter(stems)  # a.html beside a.txt: both keep their full names in outputs
    for entry, stem in zip(files, stems, strict=True):
        rel = f"{prefix}/{entry.name}" if prefix else entry.name
        yield _input(Path(entry.path), rel, entry.name if counts[stem] > 1 else stem)
    for entry in entries:
        if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
            yield from _walk_dir(Path(entry.path), f"{prefix}/{entry.name}" if prefix else entry.name, excluded)


def _input(path: Path, rel: str, out_name: str) -> InputFile:
    parent = rel.rsplit("/", 1)[0] + "/" if "/" in rel else ""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return InputFile(path, rel, parent + out_name, size)


def _strip_suffixes(name: str) -> str:
    """'a.html.gz' -> 'a'; 'b.txt' -> 'b'; record files keep their name ('c.jsonl' -> 'c.jsonl')."""
    base, ext = os.path.splitext(name)
    if ext.lower() in COMPRESSION_SUFFIXES:
        name, (base, ext) = base, os.path.splitext(base)
    if ext.lower() in HTML_SUFFIXES | TEXT_SUFFIXES and base:
        return base
    return name


def inner_suffix(name: str) -> str:
    """The extension under any compression extension: 'x.warc.gz' -> '.warc'."""
    base, ext = os.path.splitext(name.lower())
    if ext in COMPRESSION_SUFFIXES:
        ext = os.path.splitext(base)[1]
    return ext


def open_decompressed(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when its magic bytes (then its extension) say so."""
    raw = open(path, "rb")  # noqa: SIM115 - handed to the caller, who closes it
    head = raw.read(6)
    raw.seek(0)
    method = next((m for magic, m in COMPRESSION_MAGIC.items() if head.startswith(magic)), None)
    if method is None:
        return raw
    if method == "gz":
        return gzip.GzipFile(fileobj=raw)
    if method == "bz2":
        return bz2.BZ2File(raw)
    if method == "xz":
        return lzma.LZMAFile(raw)
    import zstandard

    return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw, closefd=True))


def sniff_source(head: bytes, name: str) -> tuple[str, str | None]:
    """(kind, skip reason): kind is warc, arc, json, jsonl, page or skip. Content first, extension second."""
    if name.lower().endswith(GOLDEN_SUFFIX) or name.lower().endswith(GOLDEN_SUFFIX + ".gz"):
        return "skip", "golden file (*.expected.json), cleaner output, not a page"
    if head.startswith(b"WARC/"):
        return "warc", None
    if is_arc(head):
        return "arc", None
    suffix = inner_suffix(name)
    is_page_name = suffix in HTML_SUFFIXES | TEXT_SUFFIXES and suffix != ""
    for magic, what in BINARY_MAGIC.items():
        if head.startswith(magic):
            # a page by its name but binary inside: the cleaner rejects it, and that is a failure
            return ("page", None) if is_page_name else ("skip", f"binary file ({what})")
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ("page", None) if is_page_name else ("skip", "binary file (NUL bytes)")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        if suffix in (".jsonl", ".ndjson"):
            return "jsonl", None
        if suffix == ".json":
            return "json", None
        first = stripped.split(b"\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl", None
        except ValueError:
            if suffix in HTML_SUFFIXES | TEXT_SUFFIXES:
                return "page", None
            return "json", None
    if suffix in (".warc", ".arc"):
        return "skip", "not a WARC or ARC file (no WARC/ or filedesc:// header)"
    if suffix in HTML_SUFFIXES | TEXT_SUFFIXES:
        return "page", None
    if sniff_kind(head.decode("utf-8", "replace")) == "html":
        return "page", None
    return "skip", f"not a page file ({suffix or 'no extension'})"


def read_records(item: InputFile, fields: Fields = Fields(), counts: Counter | None = None) -> Iterator[Record]:
    """The pages in one input file, lazily; a file that cannot be read yields one failed Record.

    Archive records that are never pages (request, metadata, warcinfo) are counted into `counts` by
    type instead of being yielded.
    """
    base = {"source": item.rel, "out_stem": item.out_stem}
    try:
        stream = open_decompressed(item.path)
    except OSError as exc:
        yield Record(item.rel, None, None, None, fail=f"cannot open: {exc}", **base)
        return
    with stream:
        try:
            head, stream = _sniffable(stream)
            kind, why = sniff_source(head, item.path.name)
            if kind == "skip":
                yield Record(item.rel, None, None, None, skip=why, size=item.size, **base)
            elif kind == "page":
                yield _page_record(item, stream)
            elif kind == "jsonl":
                yield from _jsonl_records(item, stream, fields)
            elif kind == "json":
                yield from _json_records(item, stream, fields)
            else:
                yield from archive_records(item, stream, kind == "arc", MAX_PAGE_BYTES, counts)
        except (OSError, EOFError, lzma.LZMAError, ValueError) as exc:
            # corrupt or truncated compression, unreadable WARC: one failure for the rest of the file
            yield Record(f"{item.rel}#read-error", None, None, None, fail=f"cannot read: {_short(exc)}", **base)
        except Exception as exc:  # zstandard.ZstdError and WARC parser errors have no common base
            yield Record(f"{item.rel}#read-error", None, None, None,
                         fail=f"cannot read: {type(exc).__name__}: {_short(exc)}", **base)


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read for sniffing: serves them, then the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head, self.rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _sniffable(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    """The first SNIFF_BYTES of a (possibly non-seekable, decompressing) stream, and the whole stream."""
    head = stream.read(SNIFF_BYTES)
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=SNIFF_BYTES)


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _page_record(item: InputFile, stream: IO[bytes]) -> Record:
    data = stream.read(MAX_PAGE_BYTES + 1)
    base = {"source": item.rel, "out_stem": item.out_stem}
    if len(data) > MAX_PAGE_BYTES:
        return Record(item.rel, None, None, None, skip=f"page larger than {MAX_PAGE_BYTES} bytes", **base)
    return Record(item.rel, None, data, None, **base)


def _first(record: dict, names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        if name in record and record[name] is not None:
            return name, record[name]
    return None, None


def record_from_dict(obj: Any, rid: str, index: int | None, item: InputFile, fields: Fields) -> Record:
    """One scraper record (a JSON object) as a Record, or a skipped one saying what is missing."""
    out_stem = f"{item.out_stem}/{index:06d}" if index is not None else item.out_stem
    base = {"source": item.rel, "index": index, "out_stem": out_stem}
    if not isinstance(obj, dict):
        return Record(rid, None, None, None, skip=f"record is a JSON {type(obj).__name__}, not an object", **base)
    if "page_type" in obj and "removed" in obj:
        return Record(rid, None, None, None, skip="cleaner output, not a scraped page", **base)
    _, url = _first(obj, fields.url)
    url = url if isinstance(url, str) else None
    name, content = _first(obj, fields.content)
    if name is None:
        return Record(rid, url, None, None, skip=f"no page field (looked for {', '.join(fields.content)})", **base)
    if not isinstance(content, str):
        return Record(rid, url, None, None, skip=f"field {name!r} holds a {type(content).__name__}, not text",
                      **base)
    if len(content) > MAX_PAGE_BYTES:
        return Record(rid, url, None, None, skip=f"page larger than {MAX_PAGE_BYTES} characters", **base)
    meta = {}
    for key, names in (("title", fields.title), ("date", fields.date)):
        _, value = _first(obj, names)
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    return Record(rid, url, content, "html" if "html" in name.lower() else None, meta, **base)


def _jsonl_records(item: InputFile, stream: IO[bytes], fields: Fields) -> Iterator[Record]:
    index = 0
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        rid = f"{item.rel}#{index}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield Record(rid, None, None, None, source=item.rel, index=index,
                         fail=f"bad JSON on line {lineno}: {_short(exc)}")
        else:
            yield record_from_dict(obj, rid, index, item, fields)
        index += 1


def _json_records(item: InputFile, stream: IO[bytes], fields: Fields) -> Iterator[Record]:
    raw = stream.read(MAX_JSON_BYTES + 1)
    if len(raw) > MAX_JSON_BYTES:
        yield Record(item.rel, None, None, None, source=item.rel,
                     fail=f"JSON file larger than {MAX_JSON_BYTES} bytes; write it as JSONL")
        return
    try:
        obj = json.loads(raw)
    except ValueError as exc:
        if "Extra data" in str(exc):  # one object per line under a .json name
            yield from _jsonl_records(item, io.BytesIO(raw), fields)
            return
        yield Record(item.rel, None, None, None, source=item.rel, fail=f"bad JSON: {_short(exc)}")
        return
    del raw
    if isinstance(obj, dict):
        listed = next((obj[k] for k in ("records", "pages", "items", "data") if isinstance(obj.get(k), list)), None)
        if listed is None:
            yield record_from_dict(obj, item.rel, None, item, fields)
            return
        obj = listed
    if not isinstance(obj, list):
        yield Record(item.rel, None, None, None, source=item.rel, out_stem=item.out_stem,
                     skip=f"JSON {type(obj).__name__}, not page records")
        return
    if not obj:
        yield Record(item.rel, None, None, None, source=item.rel, out_stem=item.out_stem,
                     skip="JSON list holds no records")
    for index, entry in enumerate(obj):
        yield record_from_dict(entry, f"{item.rel}#{index}", index, item, fields)
