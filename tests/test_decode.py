"""Decoding: the declared charsets weighed with the bytes; mojibake repaired on bytes and str alike;
valid text in any script left alone."""

from __future__ import annotations

from cleaner import clean
from cleaner.decode import decode, http_charset, repair
from cleaner.re_syntax import sre_parse


def test_valid_utf8_wins_over_a_latin1_header_and_meta() -> None:
    data = '<html><head><meta charset="iso-8859-1"></head><body>Yes — café</body></html>'.encode()
    assert "Yes — café" in decode(data, "text/html; charset=ISO-8859-1")


def test_declared_charset_decodes_non_utf8_bytes() -> None:
    data = '<html><head><meta charset="windows-1251"></head><body>Привет мир</body></html>'.encode("cp1251")
    assert "Привет мир" in decode(data)
    # A server default (ISO-8859-1) does not override the document's own declaration.
    assert "Привет мир" in decode(data, "text/html; charset=ISO-8859-1")
    assert "Привет мир" in decode("<p>Привет мир</p>".encode("koi8-r"), "text/html; charset=KOI8-R")


def test_windows_1252_bytes_inside_utf8() -> None:
    data = "Crème brûlée — ".encode() + "“quoted”".encode("cp1252") + b" and more"
    assert decode(data) == "Crème brûlée — “quoted” and more"


def test_http_charset_from_headers() -> None:
    assert http_charset(None, {"content-type": "text/html; charset=UTF-8"}) == "utf-8"
    assert http_charset("text/html; charset=iso-8859-1") == "cp1252"
    assert http_charset("text/html") is None


def test_str_input_is_repaired_like_bytes() -> None:
    text = "A forum’s long paragraph — with enough words to be the article body of this page, and more. " * 3
    wrong = text.encode().decode("cp1252")
    assert "â€" in wrong
    assert clean(wrong).text == clean(text).text == clean(text.encode()).text


def test_valid_greek_capitals_pass_unchanged() -> None:
    for word in ("ΑΘΉΝΑ", "ΚΥΒΈΡΝΗΣΗ", "ΔΙΆΣΚΕΨΗ", "Η ΚΥΒΈΡΝΗΣΗ ΣΤΗΝ ΑΘΉΝΑ", "Ελληνικά «κείμενο» Ή Ό"):
        assert repair(word) == word


def test_mixed_codepage_mojibake_still_repaired() -> None:
    assert repair("πŸš€ launch") == "🚀 launch"
    assert repair("8 entities Β· 6 connections") == "8 entities · 6 connections"
    assert repair("Yes â€” our list") == "Yes — our list"


def test_cheap_gate_gives_what_ftfy_gives() -> None:
    import ftfy

    from cleaner.decode import _MOJIBAKE_RUN, _ftfy, _repair, _undo_mixed_codepage

    _FTFY_CONFIG = _ftfy()[1]

    samples = ["caf√© and ¬†spaces", "ﬁne ligatures Ĳssel", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "РїСЂРёРІРµС‚", "a\r\nb\u2028c",
               "Tom &amp; Jerry — ok\n<p>x</p>", "plain Ελληνικά and 日本語 and café", "\ufeffBOM inside",
               "bad \x85 break", "lone \ud800 surrogate"]
    for text in samples:
        expected = _MOJIBAKE_RUN.sub(_undo_mixed_codepage, ftfy.fix_text(text, config=_FTFY_CONFIG))
        assert _repair(text) == expected


def test_line_selective_repair_gives_what_ftfy_on_the_whole_page_gives() -> None:
    """repair() runs ftfy on suspect lines only: the result must equal ftfy over the whole text."""
    import ftfy

    from cleaner.decode import _MOJIBAKE_RUN, _ftfy, _undo_mixed_codepage

    lines = ["Tom &amp; Jerry café", "caf√© line\r", "<html><p>Ã©tÃ© &amp; more</p>", "plain Ελληνικά",
             "after markup &amp; entity", "a\u2028b", "Yes â€” our list", "", "end ﬁne"]
    for i in range(len(lines)):
        text = "\n".join(lines[i:] + lines[:i])
        expected = _MOJIBAKE_RUN.sub(_undo_mixed_codepage, ftfy.fix_text(text, config=_ftfy()[1]))
        assert repair(text) == expected, i


def test_ftfy_skipped_only_where_it_would_just_normalise() -> None:
    """_fix_line answers without ftfy for lines ftfy would only NFC; every line must come out as ftfy gives it."""
    from cleaner.decode import _fix_line, _ftfy

    fix_text, page_config, markup_config = _ftfy()
    lines = ["café au lait, à la carte\n", "voilÃ le travail\n", "Ã  la\n", "e\u0301 decomposed é \n",
             "café &amp\u037e x\n", "café &eacute; menu\n", "<p>café &amp; thé</p>\n", "Â· dot\n", "ä ö ü ß \n",
             "x\r\n", "ﬁne é \n", "two é \nlines Ã \n", "1\nÃ y\n", "naïve café"]
    for line in lines:
        for unescape in (True, False):
            want = fix_text(line, config=page_config if unescape else markup_config)
            assert _fix_line(line, unescape) == want, (line, unescape)


def test_lines_without_suspects_or_runs_get_nfc_only() -> None:
    """repair() skips the mixed-code-page pass where the joint scan finds no run, unless NFC makes one."""
    assert repair("e\u0301© and plain é text") == "é© and plain é text"
    assert repair("a ’ b\nYes â€” our list\nplain é") == "a ’ b\nYes — our list\nplain é"


def test_hit_lines_by_line_gives_the_whole_text_scan() -> None:
    from cleaner.decode import _SUSPECT_OR_RUN, _hit_lines, _line_numbers

    for text in ["<p>ascii</p>\ncafé au lait\nplain\nYes â€” ok\n© ®\n", "a\r\nb é \n", "x\x0by\nz Ã©\n",
                 "\ud83d lone\nascii", "one line ¬† only", ""]:
        assert _hit_lines(text, text.split("\n")) == _line_numbers(_SUSPECT_OR_RUN, text), text


def test_suspect_matches_open_on_a_non_ascii_character_and_span_two_at_most() -> None:
    """decode._holds_suspect reads a long line only in its pieces holding a non-ASCII character, unless the line
    holds one of _ASCII_SUSPECTS: it relies on these two facts about _SUSPECT_OR_RUN."""
    from cleaner.decode import _ASCII_SUSPECTS, _SUSPECT_OR_RUN

    assert sre_parse.parse(_SUSPECT_OR_RUN.pattern).getwidth()[1] <= 2
    seconds = [chr(c) for c in range(128)] + ["é", "\u00a0", "©", "€", "\u2019", "Я", "\ufffd", "ﬁ"]
    for first in range(128):
        if any(_SUSPECT_OR_RUN.match(chr(first) + second) for second in seconds):
            assert first in _ASCII_SUSPECTS, hex(first)


def test_holds_suspect_answers_what_the_search_of_the_whole_line_answers() -> None:
    """Suspects at the start, the end, astride two pieces' border, in the last short piece, or none at all."""
    from cleaner.decode import _SUSPECT_OR_RUN, SPARSE_CHUNK, WINDOWED_MIN_CHARS, _holds_suspect

    filler = "<div class=\"x\">plain ascii markup</div>" * (WINDOWED_MIN_CHARS // 20)
    for inner in ["café au lait", "é", "Ã©", "a ’ b", "â€” dash", "©®", "naïve", "ГўВ", "\ufeff", "\u2028", "Я"]:
        for cut in (0, 1, SPARSE_CHUNK - 1, SPARSE_CHUNK, 3 * SPARSE_CHUNK - 1, len(filler) - 1, len(filler)):
            for line in (filler[:cut] + inner + filler[cut:], filler[:cut] + inner, filler[:cut] + inner + "\r"):
                assert _holds_suspect(line) == (_SUSPECT_OR_RUN.search(line) is not None), (inner, cut)
    assert not _holds_suspect(filler) and not _holds_suspect(filler + "é")


def test_fix_line_gives_what_ftfy_gives_lines_of_entities() -> None:
    """_fix_line unescapes, breaks lines at a "\\r", drops ftfy's control characters and normalises without ftfy,
    round after round as ftfy does, and leaves to ftfy the lines where unescaping makes what another of its fixes
    acts on (a C1 control, a line separator, mojibake), or that hold a terminal escape."""
    import ftfy
    from ftfy.chardata import CONTROL_CHARS

    from cleaner.decode import _BREAK_OR_CONTROL, _fix_line, _ftfy

    assert {c for c in range(0x10000) if _BREAK_OR_CONTROL.match(chr(c))} == set(CONTROL_CHARS) - {0x1B} | {0x0D}
    _, page_config, markup_config = _ftfy()
    for line in ["\t\tKontakt z&nbsp;klasą robotniczą &bdquo;Kleru&rdquo; i&nbsp;&ndash; sens&oacute;w", "&amp;eacute;",
                 "&amp;amp;lt;b&amp;gt;", "&lt;b&gt; bold &amp; more", "P&EACUTE;REZ BUNDESSTRA&SZLIG;E", "&#128; c1",
                 "&#x2028; separator", "&#xFEFF;bom", "&#x1F600; &#65; &#x41;", "Ã©&amp;", "&amp\u037e",
                 "e\u0301&nbsp;x", "this&not that &notanentity; &amp", "caf&eacute; &Atilde;&copy;", "&amp;#x2028;",
                 "&#13;&#10;", "&amp;shy; &shy;", "plain line, no entity", "&Jscr;ohn &HilbertSpace;ancock",
                 "B&#252;ro\r", "\r\r\r<noscript>\r<p>Diese Seite\r\r", "a\rb &amp; c\r", "&#13;x", "é\r\u0301",
                 "Ã\r©", "x\r\x85", "\ufeff<p>pasted</p>\ufeff", "e\ufeff\u0301 &amp\ufeff;",
                 "\x1b[31mred\x1b[0m", "a\x00b\x7f", "\u206atext\ufff9", "Ã\ufeff© x", "\ufeff\r\u2028"]:
        for segment in (line, line + "\n"):
            assert _fix_line(segment, True) == ftfy.fix_text(segment, config=page_config), segment
            assert _fix_line(segment, False) == ftfy.fix_text(segment, config=markup_config), segment


def test_crlf_page_repair_gives_what_ftfy_on_the_whole_page_gives() -> None:
    """The "\\r" of "\\r\\n" line ends dropped in bulk from ASCII lines: still ftfy's result for the whole text."""
    import ftfy

    from cleaner.decode import _MOJIBAKE_RUN, _ftfy, _undo_mixed_codepage

    lines = ["Tom &amp; Jerry", "plain ascii", "café au lait", "<html><p>x &amp; y</p>", "Yes â€” our list",
             "ascii after", "", "end ﬁne"]
    for i in range(len(lines)):
        for ends in (["\r\n"], ["\r\n", "\n"]):  # mixed line ends too: a "\n" alone keeps the line's last character
            turned = lines[i:] + lines[:i]
            text = "".join(line + ends[n % len(ends)] for n, line in enumerate(turned[:-1])) + turned[-1]
            expected = _MOJIBAKE_RUN.sub(_undo_mixed_codepage, ftfy.fix_text(text, config=_ftfy()[1]))
            assert repair(text) == expected, (i, ends)


def test_badness_pattern_matches_hold_a_non_ascii_character_within_bad_span() -> None:
    """decode._is_bad reads a long line only around its non-ASCII characters; it relies on two facts about ftfy's
    badness pattern that an ftfy release could change: no match is longer than BAD_SPAN, and each of its
    alternatives needs a non-ASCII character (a literal or a class of non-ASCII characters only)."""
    from ftfy.badness import BADNESS_RE

    from cleaner.decode import BAD_SPAN

    tree = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert tree.getwidth()[1] <= BAD_SPAN

    def non_ascii_only(op: object, value: object) -> bool:
        if op is sre_parse.LITERAL:
            return value > 127  # type: ignore[operator]
        if op is not sre_parse.IN:
            return False
        return all((kind is sre_parse.LITERAL and item > 127) or (kind is sre_parse.RANGE and item[0] > 127)  # type: ignore
                   for kind, item in value)  # type: ignore[union-attr]

    [(op, (_, branches))] = tree.data
    assert op is sre_parse.BRANCH and len(branches) > 20
    for branch in branches:
        assert any(non_ascii_only(kind, value) for kind, value in branch.data), branch.data
    assert not any(BADNESS_RE.search(chr(a) + chr(b)) for a in range(128) for b in range(128))


def test_windowed_is_bad_answers_what_is_bad_answers() -> None:
    """Mojibake at the start, in the middle, at the end, split over two windows' join, or none at all."""
    from ftfy.badness import is_bad

    from cleaner.decode import WINDOWED_MIN_CHARS, _is_bad

    filler = "<div class=\"x\">plain ascii markup</div>" * (WINDOWED_MIN_CHARS // 30)
    for inner in ["Ã© at the start", "café au lait", "voilÃ  la", "ok é and ü", "Â· dot", "â€” dash", "x ÃÂ y",
                  "ГўВЂВ”a", "ØØ§Ù„", "naïve ©2024 ®", "\x85 c1", "Ã\u00a0tail"]:
        for text in (inner + filler, filler + inner + filler, filler + inner, inner[:2] + filler[:5] + inner[2:]
                     + filler, filler + inner[:3] + "       " + inner[3:] + filler, inner, inner + " " + inner,
                     "a" + inner[:3] + " x " + inner[3:] + ".", filler[:40] + inner + filler[:9]):
            assert _is_bad(text) == is_bad(text), (inner, len(text))


def test_normalise_whitespace_drops_soft_hyphens() -> None:
    from cleaner.decode import normalise_whitespace

    assert normalise_whitespace("Mit\u00adtel\u00adal\u00adter\n  Wein\u00adbau") == "Mittelalter\n  Weinbau"


def test_normalise_whitespace_keeps_indentation_and_single_spaces() -> None:
    """Indentation of tabs and wide spaces becomes as many spaces; a run after a word, or one tab or wide space,
    becomes one space; a plain space stays, and so do leading plain spaces."""
    from cleaner.decode import normalise_whitespace

    text = "\ta  b\tc\u2003d e\n\t\u3000x  \n  y \u202fz\u3000"
    assert normalise_whitespace(text) == " a b c d e\n  x \n  y z "


def test_collapse_spaces_is_the_double_space_substitution() -> None:
    """_collapse_spaces searches the text without its indentation: the very text _DOUBLE_SPACES.sub gives, on the
    sample dumps and on texts at its edges (indentation first, lines of spaces alone, runs before a line's end,
    other white space after indentation, the joining character in the text)."""
    from pathlib import Path

    from cleaner.decode import _DOUBLE_SPACES, _collapse_spaces

    samples = Path(__file__).resolve().parent.parent / "samples"
    texts = [path.read_text("utf-8") for path in sorted(samples.glob("*.txt"))]
    texts += ["   a  b\n    c   d  \n\n      \n  e", "x  \n  y", "\n  \n  \x0b  z  w", " a\x00  b\n  c  d",
              "\n\n   ", "a  b", "  ", "\n ", "é  ü\n  ‘x’  y\n\t  z", "a \n  b  \n   \n c"]
    for text in texts:
        assert _collapse_spaces(text) == _DOUBLE_SPACES.sub(" ", text), text[:40]
    assert any("\n  " in text and "  " in _collapse_spaces(text) for text in texts)
