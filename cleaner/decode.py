"""bytes -> str, one decision whatever the route: BOM, valid UTF-8, the declared charsets weighed
(HTTP header, `<meta>`/XML declaration), Windows-1252 bytes inside UTF-8, then detection; then
mojibake repair, which `clean()` also runs on `str` input."""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Mapping
from functools import cache
from typing import Literal, overload

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 4096
# Control characters other than tab/newline/carriage return/form feed; a text with many is binary.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BINARY_SHARE = 0.05
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
# What servers send when nobody configured a charset; browsers read all of them as Windows-1252.
_DEFAULT_CHARSETS = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252"})
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def http_charset(content_type: str | None, headers: Mapping[str, str] | None = None) -> str | None:
    """The charset an HTTP Content-Type value (or the headers' Content-Type) names, normalised."""
    if content_type is None and headers:
        content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), None)
    match = _HTTP_CHARSET.search(content_type or "")
    return _codec(match.group(1)) if match else None


@overload
def decode(data: bytes, content_type: str | None = None, headers: Mapping[str, str] | None = None, *,
           with_bytes: Literal[False] = False) -> str: ...


@overload
def decode(data: bytes, content_type: str | None = None, headers: Mapping[str, str] | None = None, *,
           with_bytes: Literal[True]) -> tuple[str, bytes | None]: ...


def decode(data: bytes, content_type: str | None = None, headers: Mapping[str, str] | None = None, *,
           with_bytes: bool = False) -> str | tuple[str, bytes | None]:
    """Decode page bytes, repairing mojibake; raise InputError for binary data.

    Order: a BOM; valid UTF-8 (a body that decodes as UTF-8 is UTF-8, whatever a header or
    `<meta>` says: servers default to ISO-8859-1); the declared charsets, the document's own
    before a server default; UTF-8 with stray Windows-1252 bytes (bs4's detwingle); detection.

    With `with_bytes`, (text, `data` itself when the text is its UTF-8 reading unchanged, so that
    text.encode("utf-8") == data, else None): clean() hands the bytes on, and the page is not encoded again.
    """
    text, encoded = _decode(data, content_type, headers)
    return (text, encoded) if with_bytes else text


def _decode(data: bytes, content_type: str | None, headers: Mapping[str, str] | None) -> tuple[str, bytes | None]:
    """decode(..., with_bytes=True)."""
    if not data:
        return "", None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return repair(data.decode(encoding, errors="replace")), None
    head = data[:_SNIFF_BYTES]
    if len(_CONTROL.findall(head)) > _BINARY_SHARE * len(head):
        raise InputError(f"binary data, not a page ({_describe(head)})")
    try:
        text = data.decode("utf-8")
        fixed = repair(text)
    except UnicodeDecodeError:
        pass
    else:
        return fixed, data if fixed == text else None
    return _decode_not_utf8(data, content_type, headers), None


def _decode_not_utf8(data: bytes, content_type: str | None, headers: Mapping[str, str] | None) -> str:
    """The rest of decode's order, for bytes that are not valid UTF-8."""
    head = data[:_SNIFF_BYTES]
    text = _mostly_utf8(data)
    if text is not None:
        return repair(text)
    for encoding in _declared(data, http_charset(content_type, headers)):
        if encoding.startswith(("utf-16", "utf-32")) and b"\x00" not in head:
            continue  # ASCII markup in UTF-16/32 is half NUL bytes: without any, the declaration is wrong
        if encoding == "utf-8":
            text = _detwingled(data)
            if text is not None:
                return repair(text)
            continue
        try:
            return repair(data.decode(encoding))
        except (LookupError, UnicodeDecodeError):
            continue  # a wrong declaration is common; try the next
    text = _detwingled(data)
    if text is not None:
        return repair(text)
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 20]).best()  # detection on the first MiB is plenty
    if best is None:
        raise InputError("undecodable bytes: no text encoding fits")
    return repair(data.decode(best.encoding, errors="replace"))


UTF8_MIN_SEQUENCES, UTF8_MAX_BAD_SHARE = 8, 0.1


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad bytes (a download cut mid-character, a stray byte): read as UTF-8, the bad
    bytes as U+FFFD, when valid multi-byte sequences outnumber them tenfold. A declared charset that
    contradicts that many valid sequences is wrong ("café" read as Shift_JIS is "cafﾃｩ"); text really
    in a legacy charset forms almost no valid UTF-8 sequences by chance."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(_UTF8_MULTIBYTE.findall(data))
    return text if good >= UTF8_MIN_SEQUENCES and bad <= UTF8_MAX_BAD_SHARE * good else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    return "cp1252" if codec in _DEFAULT_CHARSETS else codec


def _declared(data: bytes, http: str | None) -> list[str]:
    """Charsets to try, in order: the HTTP one, unless it is a server default (ISO-8859-1) and the
    document declares another; the document's `<meta>` or XML declaration."""
    from bs4.dammit import EncodingDetector

    own = _codec(EncodingDetector.find_declared_encoding(data[:_SNIFF_BYTES * 4], is_html=True))
    order = [own, http] if http in (None, "cp1252") else [http, own]
    return list(dict.fromkeys(name for name in order if name))


def _detwingled(data: bytes) -> str | None:
    """UTF-8 text with Windows-1252 bytes pasted in (a page assembled from two sources), when the
    body holds real UTF-8 sequences and bs4's detwingle makes all of it valid UTF-8."""
    if not _UTF8_MULTIBYTE.search(data):
        return None
    from bs4.dammit import UnicodeDammit

    try:
        return UnicodeDammit.detwingle(data).decode("utf-8")
    except UnicodeDecodeError:
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


@cache
def _ftfy() -> tuple:
    """(fix_text, the page config, the config from the first "<" on): imported on first need, as
    most pages never need ftfy and `cleaner --help` should not pay for it."""
    import ftfy

    config = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False,
                                  normalization="NFC", max_decode_length=1_000_000)
    return ftfy.fix_text, config, config._replace(unescape_html=False)


REPAIR_MAX_LINE = 100_000  # longer lines are not prose and are dropped later; repairing them is wasted time


def repair(text: str) -> str:
    """Fix mojibake (ftfy, then mixed 1252/1253 runs) without touching curly quotes or valid text.

    Runs on decoded bytes and on `str` input alike, so a page gives the same text by every route.
    ftfy works line by line, so it runs only on the lines a cheap whole-page search finds suspect;
    the other lines get what ftfy would give them, NFC (see _FTFY_SUSPECT).
    """
    if text.isascii():
        return text
    if len(text) > REPAIR_MAX_LINE:
        return _repair_long(text)
    return _repair_page(text)


# Anything one of ftfy's fixes (as configured) could change: a Latin-1/1252 reading of a UTF-8
# lead byte followed by a continuation-byte character or a space, the 1251 reading of Cyrillic
# UTF-8 ("РїСЂ"), MacRoman lead characters ("¬†", "√©"), C1 and other control characters, line
# separators, ligatures, surrogates, U+FFFD, box drawing (UTF-8 read as code page 437: "Ma╠êrz");
# HTML entities before any markup. Text with none of
# these skips ftfy, the costly step, with the same output (checked on all dev-set pages and dumps).
_LEAD_1252 = "\u00c0-\u00ff"
_NEXT_1252 = ("\u0080-\u00bf \u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2026\u2030"
              "\u2039\u203a\u20ac\u2122")
_LEAD_1251, _NEXT_1251 = "\u0420\u0421", "\u0400-\u045f\u0490\u0491\u201a-\u203a"
_ALONE = ("\x00-\x08\x0b\x0e-\x1f\x7f\r\u0080-\u009f\u2028\u2029\u206a-\u206f\ufeff\ufff9-\ufffd\u00ac\u221a"
          "\u201a\u0132\u0133\u013f\u0140\u0149\u01c4-\u01cc\u01f1-\u01f3\ufb00-\ufb06\ud800-\udfff"
          "\U0001d173-\U0001d17a\U000e0000-\U000e007f\u2500-\u259f")
# One character class first, so the regex engine scans for it fast; lookbehinds then pick the rule.
_SUSPECT_FIRST = f"{_LEAD_1252}{_LEAD_1251}{_ALONE}"
_SUSPECT_RULES = f"(?<=[{_LEAD_1252}])[{_NEXT_1252}]|(?<=[{_LEAD_1251}])[{_NEXT_1251}]|(?<=[{_ALONE}])"
_FTFY_SUSPECT = re.compile(f"[{_SUSPECT_FIRST}](?:{_SUSPECT_RULES})")
# Both scans in one: a line with neither an ftfy suspect nor the start of a mixed-code-page run (two
# _MOJIBAKE_RUN characters in a row) needs no more than NFC, so _finish's own scan is spared on it.
_RUN_CHARS = _MOJIBAKE_RUN.pattern[1:_MOJIBAKE_RUN.pattern.index("]")]
_SUSPECT_OR_RUN = re.compile(f"[{_SUSPECT_FIRST}{_RUN_CHARS}](?:{_SUSPECT_RULES}|(?<=[{_RUN_CHARS}])[{_RUN_CHARS}])")
_ENTITY = re.compile(r"&#?\w+;")  # ftfy unescapes entities in the lines before the first "<" only


def _entity_lines(text: str) -> set[int]:
    """Numbers of the lines holding an HTML entity before their first "<"."""
    return _line_numbers(_ENTITY, text, before_markup=True)


def _line_numbers(pattern: re.Pattern[str], text: str, before_markup: bool = False) -> set[int]:
    """Numbers of the lines where `pattern` matches (no match spans a line break), or with
    `before_markup` where its first match on the line comes before the line's first "<" (a later one
    could not): one search per such line, each resuming at the next line."""
    found: set[int] = set()
    line = pos = 0
    while True:
        match = pattern.search(text, pos)
        if match is None:
            return found
        line += text.count("\n", pos, match.start())
        if not before_markup or text.find("<", text.rfind("\n", 0, match.start()) + 1, match.start()) < 0:
            found.add(line)
        pos = text.find("\n", match.end()) + 1
        if pos == 0:
            return found
        line += 1


# The ASCII characters _SUSPECT_OR_RUN can match (controls, "\r"), as UTF-8 bytes.
_ASCII_SUSPECTS = bytes([*range(0x09), 0x0B, 0x0D, *range(0x0E, 0x20), 0x7F])


def _hit_lines(text: str, lines: list[str], ascii_lines: bool = True) -> set[int]:
    """_line_numbers(_SUSPECT_OR_RUN, text), `lines` being text.split("\n") (without `ascii_lines`, only its
    lines outside ASCII). Unless the text holds one of the few ASCII characters the pattern matches, only
    lines outside ASCII can match: str.isascii skips the others in C, where the pattern's scan costs 7 ns a
    character (twice as long over HTML pages)."""
    if ascii_lines and _has_ascii_suspects(text):
        return _line_numbers(_SUSPECT_OR_RUN, text)
    return {n for n, line in enumerate(lines) if not line.isascii() and _holds_suspect(line)}


SPARSE_CHUNK = 512  # characters of a long line _holds_suspect looks at as one piece


def _holds_suspect(line: str) -> bool:
    """Whether _SUSPECT_OR_RUN matches in `line`. A long line holding no ASCII character the pattern matches is
    searched only in its pieces of SPARSE_CHUNK characters that hold a non-ASCII one (str.isascii of a slice
    tells in C): every match then opens on a non-ASCII character and spans two characters at most (its
    lookbehinds read its own first one; tests/test_decode.py checks both), so it lies in such a piece and the
    character after it. The pattern's scan costs 6 ns a character, and a long line of markup (a page's scripts
    and styles on one line) holds a few non-ASCII characters in tens of kilobytes."""
    search = _SUSPECT_OR_RUN.search
    if len(line) < WINDOWED_MIN_CHARS or _has_ascii_suspects(line):
        return search(line) is not None
    return any(search(line, start, start + SPARSE_CHUNK + 1) for start in range(0, len(line), SPARSE_CHUNK)
               if not line[start:start + SPARSE_CHUNK].isascii())


def _has_ascii_suspects(text: str, allowed: bytes = b"") -> bool:
    """Whether `text` holds an ASCII character _SUSPECT_OR_RUN matches, other than those of `allowed`."""
    return holds_any_byte(text.encode("utf-8", "surrogatepass"), _ASCII_SUSPECTS.translate(None, allowed))


def holds_any_byte(data: bytes, chars: bytes) -> bool:
    """Whether `data` holds one of the bytes of `chars`: deleting them in C and comparing lengths costs far
    less than a regex scan of the text. For UTF-8, a byte under 0x80 is always that ASCII character."""
    return len(data.translate(None, chars)) != len(data)


def _strip_crlf(text: str, lines: list[str], markup_line: int) -> bool:
    """In a text whose one ASCII suspect is the "\r" of "\r\n" line ends, drop that "\r" from the ASCII lines in
    place, which is all _repair_page would do to them (ftfy makes "\r\n" a "\n"), except where ftfy would
    unescape an entity (before the markup); True when it did. Spares a Python round per line of such pages."""
    if "\r" not in text or text.count("\r") != text.count("\r\n") or _has_ascii_suspects(text, b"\r"):
        return False
    for number in range(len(lines) - 1):  # the last line has no "\n" after it
        line = lines[number]
        if line[-1:] == "\r" and line.isascii() and not (number < markup_line and _ENTITY.search(line)):
            lines[number] = line[:-1]
    return True


def _splice(lines: list[str], fixed: dict[int, str], outside: list[int] | None = None) -> str:
    """The lines with `fixed` ones replaced; runs of the others, where _SUSPECT_OR_RUN found nothing, get
    _normalised in one call each. `outside`, when given, lists in order the numbers of the lines outside ASCII
    (those of `fixed` may be left out)."""
    out: list[str] = []
    start = 0
    for number in sorted(fixed):
        if start < number:
            out.append(_normalised_run(lines, start, number, outside))
        out.append(fixed[number])
        start = number + 1
    if start < len(lines):
        out.append(_normalised_run(lines, start, len(lines), outside))
    return "\n".join(out)


def _normalised_run(lines: list[str], start: int, stop: int, outside: list[int] | None) -> str:
    """_normalised of lines[start:stop] joined. With `outside`, the NFC check reads only the run's lines outside
    ASCII: NFC acts within lines ("\n" composes with nothing and bounds every reordering), so the run is NFC
    when each of them is, and a page's ASCII lines of markup are not read again."""
    text = "\n".join(lines[start:stop])
    if outside is None:
        return _normalised(text)
    return text if _all_nfc(lines, outside[bisect_left(outside, start):bisect_left(outside, stop)]) else _finish(text)


def _all_nfc(lines: list[str], numbers: list[int]) -> bool:
    """Whether the lines of these numbers are all NFC."""
    is_normalized = unicodedata.is_normalized
    return all(is_normalized("NFC", lines[number]) for number in numbers)


def _normalised(text: str) -> str:
    """_finish for text where _SUSPECT_OR_RUN finds nothing: no mixed-code-page run to undo, unless NFC makes
    one (a decomposed "é" beside a "©"), so only text that NFC changes needs the whole of _finish."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return _finish(text)


def _repair_page(text: str) -> str:
    """What ftfy.fix_text on the whole text would give: each line fixed on its own, HTML entities
    unescaped in the lines before the first one holding a "<"."""
    markup = text.find("<")
    lines = text.split("\n")
    markup_line = len(lines) if markup < 0 else text.count("\n", 0, markup)
    stripped = _strip_crlf(text, lines, markup_line)
    # After _strip_crlf, the ASCII lines left with a "\r" are entity lines, which `marked` holds anyway.
    # _hit_lines, inline: where only lines outside ASCII can hit, their list serves the NFC checks too.
    outside = None
    if not stripped and _has_ascii_suspects(text):
        hits = _line_numbers(_SUSPECT_OR_RUN, text)
    else:
        outside = [number for number, line in enumerate(lines) if not line.isascii()]
        hits = {number for number in outside if _holds_suspect(lines[number])}
    if not hits and not stripped and not _ENTITY.search(text, 0, len(text) if markup < 0 else markup):
        if outside is None:
            return _normalised(text)
        return text if _all_nfc(lines, outside) else _finish(text)  # _normalised_run of all the lines: `text`
    suspect = {n for n in hits if _FTFY_SUSPECT.search(lines[n])}
    marked = suspect | {n for n in range(markup_line) if _ENTITY.search(lines[n])}
    fixed = {n: _finish(lines[n]) for n in hits - marked}  # a mixed-code-page run only
    last = len(lines) - 1
    for number in marked:
        if number < last and _crlf_only(lines[number], number < markup_line):
            fixed[number] = _finish(lines[number][:-1])  # ftfy makes "\r\n" a "\n", and does no more
            continue
        # ftfy's segments keep their line break.
        segment = lines[number] + ("\n" if number < last else "")
        # ftfy stops unescaping entities at the first segment holding a "<".
        line = _fix_line(segment, number < markup_line)
        if number < last and line.endswith("\n"):
            line = line[:-1]
        fixed[number] = _MOJIBAKE_RUN.sub(_undo_mixed_codepage, line)
    return _splice(lines, fixed, outside)


def _repair_long(text: str) -> str:
    """A long text line by line, each line on its own (entities before the line's own first "<");
    lines over REPAIR_MAX_LINE are kept as they are."""
    lines = text.split("\n")
    fixed = {n: line for n, line in enumerate(lines) if len(line) > REPAIR_MAX_LINE} \
        if max(map(len, lines)) > REPAIR_MAX_LINE else {}
    # ASCII lines are left as they are: only the others are searched, for suspects and for entities before their
    # first "<" (_entity_lines of the line; a whole-text search spent a Python round on each line of markup holding
    # an "&amp;").
    outside = [number for number, line in enumerate(lines) if not line.isascii() and number not in fixed]
    hits = {number for number in outside if _holds_suspect(lines[number])}
    entities = {number for number in outside if _entity_before_markup(lines[number])}
    for number in hits | entities:
        line = lines[number]
        if number not in entities and not _FTFY_SUSPECT.search(line):
            fixed[number] = _finish(line)  # a mixed-code-page run only
        elif _crlf_only(line, True):
            # A "\r\n" line end, split at "\n": all ftfy would do is turn the "\r" into a line break.
            fixed[number] = _finish(line[:-1]) + "\n"
        else:
            fixed[number] = _repair(line)
    return _splice(lines, fixed, outside)


def _entity_before_markup(line: str) -> bool:
    """Whether an HTML entity stands before the line's first "<" (a match starting before it ends before it)."""
    markup = line.find("<")
    return _ENTITY.search(line, 0, len(line) if markup < 0 else markup) is not None


# The characters of _ALONE that one fix of ftfy's alone acts on: the line-break fix on "\r", the control-character
# removal on its controls (ftfy.chardata.CONTROL_CHARS, less the escape that opens a terminal escape, which another
# fix removes; tests/test_decode checks the list against ftfy's). _ALONE_BEYOND finds the other characters of _ALONE.
_FTFY_CONTROLS = "\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc"
_BREAK_OR_CONTROL = re.compile(f"[\r{_FTFY_CONTROLS}]")
_ALONE_BEYOND = re.compile(f"[{_ALONE}](?<![\r{_FTFY_CONTROLS}])")


def _fix_line(segment: str, unescape: bool) -> str:
    """ftfy.fix_text on one line (`unescape`: with the page config, HTML entities unescaped unless it holds a
    "<"), without running ftfy where it would only unescape entities and normalise (_unescaped_and_normal). Most
    suspect lines are suspect for a letter before a space ("café au lait", the shape of "à" whose UTF-8 lost its
    0xA0), and the lines of a page's text between its tags for their entities ("z&nbsp;klasą"), where ftfy spent a
    microsecond a character."""
    fix_text, page_config, markup_config = _ftfy()
    one_line = segment.find("\n") in (-1, len(segment) - 1)  # ftfy's own segment, as is_bad must see it
    if one_line:
        fixed = _unescaped_and_normal(segment, unescape and "<" not in segment)
        if fixed is not None:
            return fixed
    return fix_text(segment, config=page_config if unescape else markup_config)


def _unescaped_and_normal(segment: str, unescape: bool) -> str | None:
    """What ftfy's fix_and_explain gives `segment` when none of its rounds does more than unescape HTML entities
    (with `unescape`), turn a "\r" into a line break, drop control characters (a byte-order mark pasted in) and
    normalise to NFC; None when one would. A round unescapes, then runs the encoding fix, which changes a text only
    when `is_bad` finds mojibake in it, then the fixes that act only on the characters of _ALONE (those of
    _BREAK_OR_CONTROL each by one fix, in this order), then NFC; the rounds go on until one changes nothing (NFC
    can make an entity: "&amp\u037e" gives "&amp;"; unescaping can make one: "&amp;eacute;"). Reasoned on ftfy
    6.3's fix_and_explain."""
    unescape_html, fix_line_breaks, remove_control_chars = _ftfy_fixes()
    text = segment
    while True:
        before = text
        if unescape and "&" in text:  # every entity ftfy unescapes opens with "&"
            text = unescape_html(text)
        if _ALONE_BEYOND.search(text) or _is_bad(text):
            return None
        if _BREAK_OR_CONTROL.search(text):
            text = remove_control_chars(fix_line_breaks(text))
        text = unicodedata.normalize("NFC", text)
        if text == before:
            return text


@cache
def _ftfy_fixes() -> tuple[Callable[[str], str], Callable[[str], str], Callable[[str], str]]:
    """ftfy's unescape_html, fix_line_breaks and remove_control_chars."""
    from ftfy.fixes import fix_line_breaks, remove_control_chars, unescape_html

    return unescape_html, fix_line_breaks, remove_control_chars


@cache
def _ftfy_is_bad() -> Callable[[str], bool]:
    from ftfy.badness import is_bad

    return is_bad


# Every match of ftfy 6's badness pattern (ftfy.badness.BADNESS_RE, all is_bad searches) holds a non-ASCII
# character and spans at most BAD_SPAN characters (tests/test_decode.py checks both on the ftfy installed).
BAD_SPAN = 7
WINDOWED_MIN_CHARS = 4_096  # _holds_suspect searches shorter lines whole: its pieces would save too little
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _is_bad(text: str) -> bool:
    """ftfy's is_bad, on a line read only within BAD_SPAN characters of its non-ASCII ones: a match lies within
    one such window, whole, so the windows joined hold one exactly when the line does (a window at the line's
    start stays at the joined text's start, for the pattern's "^"). A long line of markup has a few non-ASCII
    characters in tens of kilobytes: the pattern's scan costs 7 ns a character. Short lines are windowed too:
    over the 2,100 lines under 4,096 characters the dev pages send here, the windows took 58 ms, whole lines
    134 ms (a line of prose is mostly ASCII as well)."""
    is_bad = _ftfy_is_bad()
    windows: list[list[int]] = []
    for run in _NON_ASCII_RUN.finditer(text):
        start, stop = max(run.start() - BAD_SPAN, 0), run.end() + BAD_SPAN
        if windows and start <= windows[-1][1]:
            windows[-1][1] = stop
        else:
            windows.append([start, stop])
    return is_bad("".join(text[start:stop] for start, stop in windows))


def _crlf_only(line: str, entities: bool) -> bool:
    """The line's one suspect is the "\r" of a "\r\n" line end (entities count when ftfy unescapes)."""
    return line.endswith("\r") and not _FTFY_SUSPECT.search(line, 0, len(line) - 1) and \
        not (entities and _entity_lines(line))


def _repair(text: str) -> str:
    if text.isascii():
        return text
    markup = text.find("<")
    if _FTFY_SUSPECT.search(text) or _ENTITY.search(text, 0, len(text) if markup < 0 else markup):
        return _MOJIBAKE_RUN.sub(_undo_mixed_codepage, _fix_line(text, True))
    return _finish(text)


def _finish(text: str) -> str:
    """What _repair gives text that ftfy leaves alone: NFC, then mixed-code-page runs undone."""
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _MOJIBAKE_RUN.sub(_undo_mixed_codepage, text)


def _undo_mixed_codepage(match: re.Match[str]) -> str:
    """Re-encode a run char by char (1253, else 1252) and decode each clean UTF-8 sequence in it.

    Every char maps to one byte, so the walk is linear; a char that does not start a
    valid, printable UTF-8 sequence is kept as it is.
    """
    run = match.group(0)
    if _one_script_word(run):
        return run  # valid text ("ΑΘΉΝΑ"): mojibake mixes scripts or symbols ("πŸš€", "Β·")
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


def _one_script_word(run: str) -> bool:
    """Letters only, all of one script: a word as written, not bytes read in the wrong code page."""
    if not run.isalpha():
        return False
    scripts = {unicodedata.name(char, "?").split(" ", 1)[0] for char in run}
    return len(scripts) == 1


def _utf8_width(lead: int) -> int:
    """Length of the UTF-8 sequence a lead byte opens (0 for a non-lead byte)."""
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


# A run of spaces after a word, but for the one plain space most words are followed by: replacing that with
# itself was most of this step's cost (a match at every word). Each pattern opens with the class of its first
# character, so the search scans for it in C; the lookbehinds then check what stands before: a word for a run
# (then more spaces, or a first one that is no plain space), a line's start for indentation.
_SPACES = re.compile(r"[ \t\u2000-\u200a\u3000\u202f\u205f](?<=\S.)(?:[ \t\u2000-\u200a\u3000\u202f\u205f]+|(?<=[^ ]))")
_LEADING = re.compile(r"[\t\u2000-\u200a\u3000\u202f\u205f](?<![^\n].)[\t\u2000-\u200a\u3000\u202f\u205f]*")


# The spaces _SPACES and _LEADING match other than the plain one. Without them, what _SPACES replaces is a run
# of two plain spaces or more after a word: found from its literal "  " (_SPACES tried every single space).
# The page is asked for each (a scan in C, answered at once for the ones wider than its widest character), not
# searched for their class, which tests every character of the page against it.
_ODD_SPACES = ("\t", *map(chr, range(0x2000, 0x200B)), "\u3000", "\u202f", "\u205f")
_DOUBLE_SPACES = re.compile(r"  (?<=\S  ) *")
# Indentation, a "\n" and the spaces after it: _DOUBLE_SPACES, from its "  ", tried every space of it but the last
# (no word before them: its lookbehind fails), most of this step's cost on a browser-like dump.
_INDENT = re.compile(r"(\n +)")
_JOIN = "\x00"  # stands for the indentation while the rest is searched: no space, never a line's start


def _collapse_spaces(text: str) -> str:
    """_DOUBLE_SPACES.sub(" ", text), searched in the text without its indentation: each run of spaces after a
    "\n" is taken out (re.split), the rest joined by _JOIN, searched once and put back between the runs. A match
    is spaces after a word, none of them after a "\n", so it lies in one piece, whose first character is no space:
    the same matches."""
    if "\n " not in text or _JOIN in text:
        return _DOUBLE_SPACES.sub(" ", text)
    pieces = _INDENT.split(text)  # text, indentation, text, ...
    rest = _DOUBLE_SPACES.sub(" ", _JOIN.join(pieces[::2])).split(_JOIN)
    pieces[::2] = rest
    return "".join(pieces)


def normalise_whitespace(text: str) -> str:
    """Unify line ends and odd spaces; keep line structure and leading indentation.

    Browser-like dumps indent blocks by their nesting, which tells the body's column.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "").replace("\u00ad", "")  # soft hyphens
    # plain spaces only (nearly every page): no indentation to redo, and a run to collapse is two spaces
    if not any(map(text.__contains__, _ODD_SPACES)):
        return unicodedata.normalize("NFC", _collapse_spaces(text))
    text = _LEADING.sub(lambda m: " " * len(m.group(0)), text)
    text = _SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def has_surrogates(text: str) -> bool:
    """Whether `text` holds a lone surrogate (so it cannot be encoded as UTF-8)."""
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def scrub(text: str) -> str:
    """`text` with lone surrogates (a JSON record's "\\ud83d", an undecodable file name, a `str` handed
    to `clean()`) replaced by U+FFFD, so it encodes as UTF-8; text that already does is returned as is."""
    if not has_surrogates(text):
        return text
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")
