"""Write the hostile-input corpus of issue 11 into a folder: nothing large is committed, everything is
made here, in seconds (the bombs are repeated compressed members, the long line compressed too).

    python tests/hostile/make_corpus.py DIR [--small]

Beside DIR it writes `DIR.outside/` (a file a link points at, with a canary string that must never
reach an output). `EXPECTED` says, per top-level entry of DIR, which statuses its manifest lines may
have: `tests/hostile/test_corpus.py` runs the batch over the corpus and checks each of them.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import random
import socket
import sys
from pathlib import Path

import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CANARY = "CANARY-7f3a9c-never-in-any-output"
PROSE = ("The council met on Tuesday to discuss the budget for the new library, and the mayor said the plan "
         "would be put to a vote before the summer. Residents asked about the ferry timetable and the bridge.")
ARTICLE = (f"<html><head><title>Library budget</title></head><body><article><h1>Library budget</h1>"
           f"<p>{PROSE}</p><p>{PROSE}</p></article></body></html>")
MB = 1024 * 1024

ANY = frozenset({"cleaned", "empty", "not_article", "skipped", "duplicate", "failed"})
READ = ANY - {"skipped"}  # read and judged, whatever the verdict
PAGE = frozenset({"cleaned", "empty", "not_article"})
RECORDS = PAGE | {"failed", "skipped"}  # a file of records: good ones read, bad ones failed or skipped

# entry -> statuses its manifest lines may have (every entry must have at least one line)
EXPECTED: dict[str, frozenset[str]] = {
    "empty.html": frozenset({"empty", "failed", "not_article"}),
    "zero-bytes.txt": frozenset({"empty", "failed", "not_article"}),
    "png.html": frozenset({"failed"}),
    "pdf.html": frozenset({"failed"}),
    "elf.html": frozenset({"failed"}),
    "zip.html": frozenset({"failed"}),
    "random.html": frozenset({"failed"}),
    "nul-after-4k.html": READ,
    "invalid-utf8.html": PAGE,
    "utf16-bom.html": PAGE,
    "utf16-no-bom.html": READ,
    "wrong-charset.html": PAGE,
    "huge-100mb.html": frozenset({"skipped"}),
    "nested-1e5.html": READ,
    "nested-1e6.html": READ,
    "siblings-1e6.html": READ,
    "attributes-1e5.html": READ,
    "attribute-10mb.html": READ,
    "script-10mb.html": READ,
    "comment-10mb.html": READ,
    "unclosed-comment.html": READ,
    "unclosed-cdata.html": READ,
    "billion-laughs.html": READ,
    "external-entity.html": READ,
    "urls-never-fetched.html": PAGE,
    "bomb.html.gz": frozenset({"skipped"}),
    "bomb.html.bz2": frozenset({"skipped"}),
    "bomb.html.xz": frozenset({"skipped"}),
    "bomb.html.zst": frozenset({"skipped"}),
    "broken-lines.jsonl": RECORDS,
    "long-line.jsonl.gz": RECORDS,
    "deep.jsonl": RECORDS,
    "cut.warc": RECORDS,
    "number.json": frozenset({"failed"}),
    "escape-ids.jsonl": PAGE,
    "escape-ids.warc": PAGE,
    "name with spaces.html": PAGE,
    "name\nwith\nnewlines.html": PAGE,
    os.fsdecode(b"caf\xe9-latin1.html"): PAGE,
    "-leading-dash.html": PAGE,
    "loop": frozenset({"skipped"}),
    "link-outside.html": frozenset({"skipped"}),
    "link-dev-zero.html": frozenset({"skipped"}),
    "fifo.html": frozenset({"skipped"}),
    "socket.html": frozenset({"skipped"}),
    "unreadable.html": READ,  # as root, chmod 000 does not stop the read
    ".hidden.html": frozenset({"skipped"}),
    "manifest.jsonl": PAGE,
    "x.html": PAGE,
    "x.json": PAGE,  # a folder, named like x.html's output
}
SMALL_SKIPS = {"huge-100mb.html", "nested-1e6.html", "siblings-1e6.html", "long-line.jsonl.gz"}


def _repeat_members(compress, chunk: bytes, times: int) -> bytes:
    """A bomb without the work: one compressed member of `chunk`, concatenated `times` times."""
    return compress(chunk) * times


def warc_bytes(records: list[tuple[str, bytes]], record_id: str | None = None) -> bytes:
    """An uncompressed WARC of HTML responses; `record_id` gives every record the same id."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for url, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        if record_id:
            rec.rec_headers.replace_header("WARC-Record-ID", record_id)
        writer.write_record(rec)
    return buf.getvalue()


def make(folder: Path, small: bool = False) -> dict[str, frozenset[str]]:
    """Write the corpus into `folder` (and `folder.outside/`); the expectations of what was written."""
    folder.mkdir(parents=True, exist_ok=True)
    outside = folder.with_name(folder.name + ".outside")
    outside.mkdir(exist_ok=True)
    (outside / "secret.html").write_text(f"<html><body><p>{CANARY} {PROSE}</p></body></html>")
    rng = random.Random(11)

    def put(name: str, data: bytes | str) -> None:
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    put("empty.html", "")
    put("zero-bytes.txt", b"")
    put("png.html", b"\x89PNG\r\n\x1a\n" + rng.randbytes(4096))
    put("pdf.html", b"%PDF-1.7\n" + rng.randbytes(4096))
    put("elf.html", b"\x7fELF\x02\x01\x01" + bytes(9) + rng.randbytes(4096))
    put("zip.html", b"PK\x03\x04" + rng.randbytes(4096))
    put("random.html", rng.randbytes(8192))
    put("nul-after-4k.html", ARTICLE.encode() + b" " * (4096 - len(ARTICLE)) + b"\x00" * 64 + ARTICLE.encode())
    put("invalid-utf8.html", ARTICLE.encode().replace(b"mayor", b"may\xff\xfeor"))
    put("utf16-bom.html", ARTICLE.encode("utf-16"))
    put("utf16-no-bom.html", ARTICLE.encode("utf-16-le"))
    put("wrong-charset.html", ARTICLE.replace("<head>", '<head><meta charset="utf-16">').replace(
        "mayor", "mayor café").encode("utf-8"))
    if not small:
        with open(folder / "huge-100mb.html", "wb") as handle:
            handle.write(b"<html><body><p>" + (PROSE.encode() + b" ") * (100 * MB // (len(PROSE) + 1)))
    n = 10_000 if small else 100_000
    put("nested-1e5.html", "<div>" * n + PROSE + "</div>" * n)
    if not small:
        put("nested-1e6.html", "<div>" * 1_000_000 + PROSE)
        put("siblings-1e6.html", "<html><body>" + "<p>a</p>" * 1_000_000 + f"<p>{PROSE}</p></body></html>")
    put("attributes-1e5.html", "<html><body><p " + " ".join(f"a{i}='{i}'" for i in range(n)) + f">{PROSE}</p>"
                               "</body></html>")
    put("attribute-10mb.html", f"<html><body><p title='{'x' * 10 * MB}'>{PROSE}</p></body></html>")
    put("script-10mb.html", f"<html><body><script>{'var a=1;' * (10 * MB // 8)}</script><p>{PROSE}</p></body></html>")
    put("comment-10mb.html", f"<html><body><!-- {'c' * 10 * MB} --><p>{PROSE}</p></body></html>")
    put("unclosed-comment.html", f"<html><body><p>{PROSE}</p><!-- never closed {PROSE}")
    put("unclosed-cdata.html", f"<html><body><p>{PROSE}</p><![CDATA[ never closed {PROSE}")
    laughs = '<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
                                             .replace("&lol0;", "&lol;") for i in range(1, 10))
    put("billion-laughs.html", f'<?xml version="1.0"?><!DOCTYPE html [{laughs}]><html><body><p>&lol9;</p>'
                               f"<p>{PROSE}</p></body></html>")
    put("external-entity.html", f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM '
                                f'"file://{outside / "secret.html"}">]><html><body><p>&xxe;</p><p>{PROSE}</p>'
                                "</body></html>")
    put("urls-never-fetched.html", ARTICLE.replace("<head>", '<head><base href="http://127.0.0.1:9/">'
                                                   '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/r">'
                                                   '<link rel="stylesheet" href="http://127.0.0.1:9/s.css">').replace(
        "</article>", '<img src="http://127.0.0.1:9/i.png"></article>'))
    # bombs: 2.25 GB of zeros behind a small file, for each compression
    zeros = bytes(64 * MB)
    put("bomb.html.gz", _repeat_members(lambda b: gzip.compress(b, compresslevel=9), zeros, 36))
    put("bomb.html.bz2", _repeat_members(lambda b: bz2.compress(b, 9), bytes(8 * MB), 288))
    put("bomb.html.xz", _repeat_members(lzma.compress, zeros, 36))
    put("bomb.html.zst", _repeat_members(zstandard.ZstdCompressor(level=19).compress, zeros, 36))
    good = json.dumps({"url": "https://e.example/news/a", "html": ARTICLE})
    put("broken-lines.jsonl", "\n".join([good, '{"html": "<p>cut', good.replace("/a", "/b"), "not json at all",
                                         "{}", good.replace("/a", "/c")]) + "\n")
    if not small:  # one 200 MB line (compressed: ~200 KB), then a good record
        line = gzip.compress(b'{"html": "' + b"a" * (8 * MB), compresslevel=9)
        put("long-line.jsonl.gz", line * 25 + gzip.compress(b'"}\n' + good.encode() + b"\n"))
    put("deep.jsonl", good + "\n" + "[" * 100_000 + "\n" + good.replace("/a", "/d") + "\n")
    warc = warc_bytes([("https://e.example/w1", ARTICLE.encode()), ("https://e.example/w2", ARTICLE.encode())])
    put("cut.warc", warc[:-300])
    put("number.json", "42\n")
    put("escape-ids.jsonl", json.dumps({"id": "../../x", "url": "../../../../etc/x", "html": ARTICLE}) + "\n")
    put("escape-ids.warc", warc_bytes([("../../x", ARTICLE.encode())], record_id="../../../x"))
    for name in ("name with spaces.html", "name\nwith\nnewlines.html", "-leading-dash.html"):
        put(name, ARTICLE.replace("Library", f"Library {len(name)}"))
    (folder / os.fsdecode(b"caf\xe9-latin1.html")).write_bytes(ARTICLE.replace("budget", "budget caf").encode())
    os.symlink("loop", folder / "loop")
    os.symlink(outside / "secret.html", folder / "link-outside.html")
    os.symlink("/dev/zero", folder / "link-dev-zero.html")
    os.mkfifo(folder / "fifo.html")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "socket.html"))
    sock.close()  # the socket file stays
    put("unreadable.html", ARTICLE)
    (folder / "unreadable.html").chmod(0)
    put(".hidden.html", ARTICLE)
    put("manifest.jsonl", good + "\n")
    put("x.html", ARTICLE)
    (folder / "x.json").mkdir()
    (folder / "x.json" / "y.html").write_text(ARTICLE.replace("Library", "Museum"))
    expected = dict(EXPECTED)
    if small:
        for name in SMALL_SKIPS:
            expected.pop(name)
    return expected


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    made = make(Path(sys.argv[1]), small="--small" in sys.argv)
    print(f"{len(made)} entries in {sys.argv[1]}")
