"""Find inputs and read pages out of them, lazily: files, folders, stdin; HTML, text dumps,
JSON/JSONL scraper records and web archives (WARC, ARC, WET; see archives.py), any of them compressed.

Everything here yields; nothing holds a list of all pages. A file that is not a page source is
still yielded, as a Record with `skip` set, so every input is accounted for in the manifest.
"""

from __future__ import annotations

import bz2
import errno
import gzip
import hashlib
import io
import json
import lzma
import os
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..decode import has_surrogates, scrub
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
MAX_LINE_BYTES = 100 * 1024 * 1024  # one JSONL line (one record) is read whole up to this


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
    skip: str | None = None  # why this entry is not read (a FIFO, a link out of the input...)
    failed: bool = False  # `skip` is an error: a PATH the user gave that cannot be read
    records_stem: str = ""  # output folder of the pages it holds, when it is a JSONL, JSON or WARC file

    @property
    def records_dir(self) -> str:
        return self.records_stem or self.out_stem


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


def walk(paths: list[str], exclude: list[Path] | None = None, follow_links: bool = False) -> Iterator[InputFile]:
    """Every entry under the given paths, in a stable order (sorted names, files before folders).

    Every entry is yielded: what is not read comes with `skip` saying why, so the manifest lists it.
    Not read: hidden files and folders (names starting with '.': version control, temp files of
    atomic writes, resume state; one line per hidden entry, its contents are not walked), FIFOs,
    sockets and devices (never opened: a FIFO would block the walk, /dev/zero never ends), dangling
    links, link loops, unreadable folders, and symbolic links whose target lies outside the given
    paths or is a folder, unless `follow_links`. A given PATH is the user's choice: it is followed.
    `exclude` folders (an output folder inside an input) are not read and not listed.
    """
    walker = _Walker({(st.st_dev, st.st_ino) for st in map(_stat_or_none, exclude or []) if st is not None},
                     [os.path.realpath(p) for p in paths], follow_links)
    names = _Names(reserved=RESERVED_OUTPUTS)
    roots: list[tuple[Path, str, str, os.stat_result | None, str | None]] = []  # path, rel, kind, stat, why
    for given, prefix in zip(paths, _root_prefixes(paths), strict=True):
        root = Path(given)
        rel = prefix or safe_name(root.name)
        try:
            st = root.stat()
        except FileNotFoundError:
            if not root.is_symlink():
                raise FileNotFoundError(f"no such file or folder: {given}") from None
            roots.append((root, rel, "skip", None, "dangling symbolic link"))
            continue
        except OSError as exc:
            roots.append((root, rel, "skip", None, _os_reason(exc)))
            continue
        kind = "folder" if stat.S_ISDIR(st.st_mode) else "file" if stat.S_ISREG(st.st_mode) else "skip"
        roots.append((root, rel, kind, st, None if kind != "skip" else _special(st.st_mode)))
    if len(roots) == 1 and roots[0][2] == "folder":  # one PATH: its entries share the top of DIR with the manifest
        yield from walker.folder(roots[0][0], "", "", names)
        return
    # the given paths are the entries of the top of DIR: claimed as a folder's entries are
    outs = {rel: names.file(rel) for _, rel, kind, _, _ in roots if kind == "file"}
    outs.update({rel: names.folder(rel) for _, rel, kind, _, _ in roots if kind == "folder"})
    records = {rel: names.records(rel) for _, rel, kind, _, _ in roots if kind == "file"}
    for root, rel, kind, st, why in roots:
        if kind == "folder":
            yield from walker.folder(root, rel, outs[rel])
        elif kind == "file" and st is not None:
            yield InputFile(root, rel, outs[rel], st.st_size, records_stem=records[rel])
        else:  # a FIFO or /dev/zero given as PATH: that PATH fails, the others are read
            yield _skipped(root, rel, str(why), failed=True)


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _root_prefixes(paths: list[str]) -> list[str]:
    """With one PATH ids are relative to it; with several, each gets its folder name in front."""
    if len(paths) == 1:
        return [""]
    seen: dict[str, int] = {}
    out = []
    for given in paths:
        name = safe_name(Path(given).resolve().name) or "root"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}~{seen[name]}")
    return out


RESERVED_OUTPUTS = frozenset({"manifest.jsonl"})  # what the run itself writes at the top of DIR
MIRROR_EXTENSIONS = (".json", ".txt", ".md")  # what a page's output name may end in (output.EXTENSIONS)


MAX_STEM_BYTES = 200  # NAME_MAX is 255 bytes: room for "~N", an output extension and a temp file's affixes


def _fit(name: str, room: int) -> str:
    """`name` cut to `room` UTF-8 bytes when longer, with a hash of the whole name so cut names stay
    apart: an input name near the file system's limit gets an output name that can be written."""
    raw = name.encode("utf-8")
    if len(raw) <= room:
        return name
    digest = hashlib.sha1(raw).hexdigest()[:10]
    return raw[: room - 11].decode("utf-8", "ignore") + "~" + digest


class _Names:
    """The output names taken in one output folder, so that two inputs never share an output path
    whatever their names (`a.html`, `a.txt`, `a.html.txt`; `x.html` beside a folder `x.json/`).

    A folder's entries claim names in three rounds: page files their stem with each output
    extension, then subfolders their name, then each file the folder its records would go in
    (the pages of a JSONL or WARC file). A name already taken gets `~N`."""

    def __init__(self, reserved: frozenset[str] = frozenset()) -> None:
        self.taken: set[str] = set(reserved)

    def _claim(self, name: str, free) -> str:  # type: ignore[no-untyped-def]
        candidate, n = name, 1
        while not free(candidate):
            n += 1
            candidate = f"{name}~{n}"
        return candidate

    def file(self, stem: str) -> str:
        """A free output stem for a page file: no output extension on it is taken."""
        stem = _fit(stem, MAX_STEM_BYTES)
        name = self._claim(stem, lambda c: not any(c + ext in self.taken for ext in MIRROR_EXTENSIONS))
        self.taken.update(name + ext for ext in MIRROR_EXTENSIONS)
        return name

    def folder(self, name: str) -> str:
        """A free output name for a subfolder, or for the records of a file."""
        name = self._claim(_fit(name, MAX_STEM_BYTES), lambda c: c not in self.taken)
        self.taken.add(name)
        return name

    records = folder


def safe_name(name: str) -> str:
    """A file name as it goes into ids, the manifest and output names: bytes that are not UTF-8
    (held as surrogates by os.fsdecode) become %XX, and '#' (which separates a file from its record
    in ids) becomes %23, so every id and output name is valid UTF-8. Two names that meet this way in
    one folder are told apart by the walk (`~N`)."""
    if "#" not in name and not has_surrogates(name):
        return name
    out = []
    for ch in name:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"%{code - 0xDC00:02X}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("%3F")
        elif ch == "#":
            out.append("%23")
        else:
            out.append(ch)
    return "".join(out)




def _special(mode: int) -> str:
    """Why a file system entry that is neither a file nor a folder is not read."""
    for test, what in ((stat.S_ISFIFO, "named pipe (FIFO)"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device")):
        if test(mode):
            return f"{what}, not a file: not read"
    return "not a regular file: not read"


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read: {exc.strerror or exc}"


def _skipped(path: Path, rel: str, why: str, failed: bool = False) -> InputFile:
    return InputFile(path, rel, rel, 0, skip=why, failed=failed)


class _Walker:
    def __init__(self, excluded: set[tuple[int, int]], roots: list[str], follow_links: bool) -> None:
        self.excluded = excluded
        self.roots = [r.rstrip("/") + "/" for r in roots]
        self.follow_links = follow_links
        self.walking: set[tuple[int, int]] = set()  # (device, inode) of the folders being walked: loops

    def _inside(self, target: str) -> bool:
        return any((target + "/").startswith(root) for root in self.roots)

    def _look(self, entry: os.DirEntry) -> tuple[str, os.stat_result | None, str | None]:
        """('file' | 'folder' | 'skip', stat, why) for one folder entry, never opening it."""
        hidden = entry.name.startswith(".")
        try:
            if entry.is_symlink():
                try:
                    st = os.stat(entry.path)
                except FileNotFoundError:
                    return "skip", None, "dangling symbolic link"
                except OSError as exc:
                    return "skip", None, _os_reason(exc)
                if hidden:
                    return "skip", st, "hidden (name starts with '.'): not read"
                if not self.follow_links:
                    if stat.S_ISDIR(st.st_mode):
                        return "skip", st, "symbolic link to a folder: not followed (--follow-links follows it)"
                    if not self._inside(os.path.realpath(entry.path)):
                        return "skip", st, ("symbolic link out of the input: not followed "
                                            "(--follow-links follows it)")
            else:
                st = entry.stat(follow_symlinks=False)
                if hidden:
                    kind = "folder" if stat.S_ISDIR(st.st_mode) else "file"
                    return "skip", st, f"hidden {kind} (name starts with '.'): not read"
        except OSError as exc:
            return "skip", None, _os_reason(exc)
        if stat.S_ISREG(st.st_mode):
            return "file", st, None
        if stat.S_ISDIR(st.st_mode):
            return "folder", st, None
        return "skip", st, _special(st.st_mode)

    def folder(self, folder: Path, prefix: str, out_prefix: str, names: _Names | None = None) -> Iterator[InputFile]:
        """The entries under `folder`, depth first, with a stack rather than recursion: a tree nested
        thousands of folders deep is walked like any other."""
        stack: list[tuple] = [(folder, prefix, out_prefix, names)]
        while stack:
            top = stack.pop()
            if len(top) == 1:  # done with a folder: it is no longer an ancestor
                self.walking.discard(top[0])
                continue
            items, subfolders, ident = self._list(*top)
            yield from items
            if ident is not None:
                stack.append((ident,))
                stack.extend((path, rel, out, None) for path, rel, out in reversed(subfolders))

    def _list(self, folder: Path, prefix: str, out_prefix: str, names: _Names | None
              ) -> tuple[list[InputFile], list[tuple[Path, str, str]], tuple[int, int] | None]:
        """One folder: its files and skipped entries, its subfolders (path, rel, output name), and its
        (device, inode) while it is being walked (None when it is not walked)."""
        try:
            st = folder.stat()
            ident = (st.st_dev, st.st_ino)
            if ident in self.excluded:
                return [], [], None
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            return [_skipped(folder, prefix or ".", f"unreadable folder: {exc.strerror or exc}")], [], None
        if ident in self.walking:
            return [_skipped(folder, prefix or ".", "symbolic link loop (a folder inside itself)")], [], None
        self.walking.add(ident)
        names = names or _Names()
        rels: set[str] = set()

        def rel_of(name: str) -> str:
            base, n = safe_name(name), 1
            candidate = base
            while candidate in rels:
                n += 1
                candidate = f"{base}~{n}"
            rels.add(candidate)
            return f"{prefix}/{candidate}" if prefix else candidate

        def out(name: str) -> str:
            return f"{out_prefix}/{name}" if out_prefix else name

        looked = [(e, *self._look(e)) for e in entries]
        files = [(e, st, rel_of(e.name)) for e, kind, st, _ in looked if kind == "file"]
        skipped = [(e, rel_of(e.name), why) for e, kind, _, why in looked if kind == "skip"]
        folders = [(e, rel_of(e.name)) for e, kind, _, _ in looked if kind == "folder"]
        stems = Counter(_strip_suffixes(rel.rsplit("/", 1)[-1]) for _, _, rel in files)
        bases = []  # a.html beside a.txt: both keep their full names
        for _, _, rel in files:
            name = rel.rsplit("/", 1)[-1]
            bases.append(name if stems[_strip_suffixes(name)] > 1 else _strip_suffixes(name))
        outs = [names.file(base) for base in bases]
        folder_outs = [names.folder(rel.rsplit("/", 1)[-1]) for _, rel in folders]
        records = [names.records(base) for base in bases]
        items = [_skipped(Path(entry.path), rel, str(why)) for entry, rel, why in skipped]
        items += [InputFile(Path(entry.path), rel, out(stem), entry_st.st_size, records_stem=out(records_stem))
                  for (entry, entry_st, rel), stem, records_stem in zip(files, outs, records, strict=True)]
        subfolders = [(Path(entry.path), rel, out(name)) for (entry, rel), name in zip(folders, folder_outs,
                                                                                          strict=True)]
        return items, subfolders, ident


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
        if len(first) > SNIFF_BYTES - 1024:  # a first line longer than the sniffed bytes: cut, not JSON
            return ("page", None) if suffix in HTML_SUFFIXES | TEXT_SUFFIXES else ("jsonl", None)
        try:
            json.loads(first)
            return "jsonl", None
        except (ValueError, RecursionError):
            if suffix in HTML_SUFFIXES | TEXT_SUFFIXES:
                return "page", None
            return "json", None
    if suffix == ".json":  # a number, a string, or not JSON: reading it says which
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
    type instead of being yielded. Ids are unique: a WARC-Record-ID met twice in one file gets `@2`.
    """
    base = {"source": item.rel, "out_stem": item.out_stem}
    if item.skip is not None:
        why = {"fail": item.skip} if item.failed else {"skip": item.skip}
        yield Record(item.rel, None, None, None, size=item.size, **why, **base)
        return
    seen: set[str] | None = None  # ids yielded, kept for archives only: JSON ids are numbered
    for record in _read_file(item, fields, counts, base):
        if seen is None and "#" in record.id and not record.id.rpartition("#")[2].isdigit():
            seen = set()
        if seen is not None:
            rid, n = record.id, 1
            while rid in seen:
                n += 1
                rid = f"{record.id}@{n}"
            record.id = rid
            seen.add(rid)
        yield record


def _read_file(item: InputFile, fields: Fields, counts: Counter | None, base: dict) -> Iterator[Record]:
    try:
        stream = open_decompressed(item.path)
    except OSError as exc:
        yield Record(item.rel, None, None, None, fail=f"cannot open: {exc.strerror or exc}", **base)
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
        return self.rest.readinto(buffer)  # into the reader's buffer, not through a bytes object


def _sniffable(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    """The first SNIFF_BYTES of a (possibly non-seekable, decompressing) stream, and the whole stream."""
    head = stream.read(SNIFF_BYTES)
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=SNIFF_BYTES)


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


_READ_CHUNK = 1 << 20


def _read_at_most(stream: IO[bytes], limit: int) -> bytes:
    """The stream's bytes up to `limit` + 1 (one past the limit says it is over). Read a chunk at a time:
    `read(limit + 1)` makes a buffer of the limit's size for every file (50 MiB for a page), which cost the
    batch's reading process several times the read itself."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(_READ_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _page_record(item: InputFile, stream: IO[bytes]) -> Record:
    data = _read_at_most(stream, MAX_PAGE_BYTES)
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
    out_stem = f"{item.records_dir}/{index:06d}" if index is not None else item.out_stem
    base = {"source": item.rel, "index": index, "out_stem": out_stem}
    if not isinstance(obj, dict):
        return Record(rid, None, None, None, skip=f"record is a JSON {type(obj).__name__}, not an object", **base)
    if "page_type" in obj and "removed" in obj:
        return Record(rid, None, None, None, skip="cleaner output, not a scraped page", **base)
    _, url = _first(obj, fields.url)
    url = scrub(url) if isinstance(url, str) else None
    name, content = _first(obj, fields.content)
    if name is None:
        return Record(rid, url, None, None, skip=f"no page field (looked for {', '.join(fields.content)})", **base)
    if not isinstance(content, str):
        return Record(rid, url, None, None, skip=f"field {name!r} holds a {type(content).__name__}, not text",
                      **base)
    if len(content) > MAX_PAGE_BYTES:
        return Record(rid, url, None, None, skip=f"page larger than {MAX_PAGE_BYTES} characters", **base)
    content = scrub(content)  # a lone surrogate ("\\ud83d") is valid JSON but not text: U+FFFD
    meta = {}
    for key, names in (("title", fields.title), ("date", fields.date)):
        _, value = _first(obj, names)
        if isinstance(value, str) and value.strip():
            meta[key] = scrub(value.strip())
    return Record(rid, url, content, "html" if "html" in name.lower() else None, meta, **base)


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) of a stream, each read in bounded memory; a line longer than
    MAX_LINE_BYTES comes as None, its rest skipped in chunks (a compressed file that inflates to
    gigabytes without a newline never sits in memory)."""
    lineno = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        lineno += 1
        if len(line) <= MAX_LINE_BYTES:
            yield lineno, line
            continue
        while not line.endswith(b"\n"):
            line = stream.readline(1 << 20)
            if not line:
                break
        yield lineno, None


def _jsonl_records(item: InputFile, stream: IO[bytes], fields: Fields) -> Iterator[Record]:
    index = 0
    for lineno, line in _lines(stream):
        if line is not None and not line.strip():
            continue
        rid = f"{item.rel}#{index}"
        if line is None:
            yield Record(rid, None, None, None, source=item.rel, index=index,
                         fail=f"line {lineno} longer than {MAX_LINE_BYTES} bytes")
            index += 1
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:  # RecursionError: JSON nested past Python's stack
            why = "nested too deep" if isinstance(exc, RecursionError) else _short(exc)
            yield Record(rid, None, None, None, source=item.rel, index=index,
                         fail=f"bad JSON on line {lineno}: {why}")
        else:
            yield record_from_dict(obj, rid, index, item, fields)
        del line
        index += 1


def _json_records(item: InputFile, stream: IO[bytes], fields: Fields) -> Iterator[Record]:
    raw = _read_at_most(stream, MAX_JSON_BYTES)
    if len(raw) > MAX_JSON_BYTES:
        yield Record(item.rel, None, None, None, source=item.rel,
                     fail=f"JSON file larger than {MAX_JSON_BYTES} bytes; write it as JSONL")
        return
    try:
        obj = json.loads(raw)
    except RecursionError:
        yield Record(item.rel, None, None, None, source=item.rel, fail="bad JSON: nested too deep")
        return
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
    if not isinstance(obj, list):  # a number, a string, true/false/null: not a scraper's file
        what = {"int": "a number", "float": "a number", "str": "a string", "bool": "true or false",
                "NoneType": "null"}.get(type(obj).__name__, type(obj).__name__)
        yield Record(item.rel, None, None, None, source=item.rel, out_stem=item.out_stem,
                     fail=f"JSON file holds {what}, not page records")
        return
    if not obj:
        yield Record(item.rel, None, None, None, source=item.rel, out_stem=item.out_stem,
                     skip="JSON list holds no records")
    for index, entry in enumerate(obj):
        yield record_from_dict(entry, f"{item.rel}#{index}", index, item, fields)
