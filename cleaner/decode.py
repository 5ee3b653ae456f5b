"""bytes -> str: BOM, declared charset, then charset-normalizer; then mojibake repair."""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
_SNIFF_BYTES = 4096
# Control characters other than tab/newline/carriage return/form feed; a text with many is binary.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BINARY_SHARE = 0.05


def decode(data: bytes) -> str:
    """Decode page bytes, repairing mojibake; raise InputError for binary data."""
    if not data:
        return ""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return repair(data.decode(encoding, errors="replace"))
    head = data[:_SNIFF_BYTES]
    if len(_CONTROL.findall(head)) > _BINARY_SHARE * len(head):
        raise InputError(f"binary data, not a page ({_describe(head)})")
    declared = _declared_charset(head)
    if declared:
        try:
            return repair(data.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to detection
    try:
        return repair(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[: 1 << 20]).best()  # detection on the first MiB is plenty
    if best is None:
        raise InputError("undecodable bytes: no text encoding fits")
    return repair(data.decode(best.encoding, errors="replace"))


def _declared_charset(head: bytes) -> str | None:
    match = _DECLARED.search(head)
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _describe(head: bytes) -> str:
    magic = {b"\x89PNG": "PNG image", b"%PDF": "PDF document", b"PK\x03\x04": "ZIP archive",
             b"\x1f\x8b": "gzip data", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image"}
    for prefix, name in magic.items():
        if head.startswith(prefix):
            return name
    return "control characters in the first bytes"


# --- mojibake ------------------------------------------------------------------------------------

# Runs of characters that Windows-1252 or Windows-1253 give for bytes 0x80-0xFF.
_MOJIBAKE_RUN = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                           "\u0384-\u03ce\u2013-\u2026\u2030\u2039\u203a\u20ac\u2122]{2,}")
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False,
                                    normalization="NFC", max_decode_length=1_000_000)


REPAIR_MAX_LINE = 100_000  # longer lines are not prose and are dropped later; repairing them is wasted time


def repair(text: str) -> str:
    """Fix mojibake (ftfy, then mixed 1252/1253 runs) without touching curly quotes."""
    if text.isascii():
        return text
    if len(text) > REPAIR_MAX_LINE:
        return "\n".join(_repair(line) if len(line) <= REPAIR_MAX_LINE else line for line in text.split("\n"))
    return _repair(text)


def _repair(text: str) -> str:
    if text.isascii():
        return text
    text = ftfy.fix_text(text, config=_FTFY_CONFIG)
    return _MOJIBAKE_RUN.sub(_undo_mixed_codepage, text)


def _undo_mixed_codepage(match: re.Match[str]) -> str:
    """Re-encode a run char by char (1253, else 1252) and decode each clean UTF-8 sequence in it.

    Every char maps to one byte, so the walk is linear; a char that does not start a
    valid, printable UTF-8 sequence is kept as it is.
    """
    run = match.group(0)
    raw = bytearray()
    for char in run:
        for codec in ("cp1253", "cp1252", "latin-1"):
            try:
                raw += char.encode(codec)
                break
            except UnicodeEncodeError:
                continue
        else:
            raw += b"\x00"  # no single byte: never part of a sequence
    out: list[str] = []
    i = 0
    while i < len(run):
        width = _utf8_width(raw[i])
        if width and i + width <= len(raw):
            try:
                char = raw[i:i + width].decode("utf-8")
            except UnicodeDecodeError:
                char = ""
            if char and unicodedata.category(char[0]) not in ("Cc", "Co", "Cn", "Cs"):
                out.append(char)
                i += width
                continue
        out.append(run[i])
        i += 1
    return "".join(out)


def _utf8_width(lead: int) -> int:
    """Length of the UTF-8 sequence a lead byte opens (0 for a non-lead byte)."""
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


_SPACES = re.compile(r"(?<=\S)[ \t\u2000-\u200a\u3000\u202f\u205f]+")
_LEADING = re.compile(r"^[\t\u2000-\u200a\u3000\u202f\u205f]+", re.M)


def normalise_whitespace(text: str) -> str:
    """Unify line ends and odd spaces; keep line structure and leading indentation.

    Browser-like dumps indent blocks by their nesting, which tells the body's column.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    text = _LEADING.sub(lambda m: " " * len(m.group(0)), text)
    text = _SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)
