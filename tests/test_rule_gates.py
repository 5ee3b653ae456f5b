"""Page-level rule gates (registry.match_lines) and the numpy walk of language detection: faster, and
the very answers of the per-line path and of py3langid."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cleaner.rules import RULES, Line, match
from cleaner.rules.lexicon import fold
from cleaner.rules.registry import gate_masks, match_lines

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# Lines at the edges of the gates: case the folding must see through (İ, ſ, final sigma, Kelvin sign),
# names after digits, words at a line's start and end, separators without spaces.
EDGE_LINES = [
    "İSTANBUL COOKIE POLICY", "We uſe cookies", "ΟΔΗΓΟΣ ΧΡΗΣΗΣ ΣΕΛΙΔΑΣ", "1English / 2Español", "English|Deutsch",
    "  - BY JANE DOE", "READ MORE: Another story", "Posted by admin", "https://example.com/x", "www.EXAMPLE.com",
    "jane says:", "Rosa said…", "* * *", "___", "QR-Code", "q r", "二 维 码", "12 Comments on “A title”",
    "Photo: Jane Doe/Reuters", "(Getty Images)", "Tel. +49 30 1234567", "Address: 1 Main St", "4 min read",
    "Lesezeit: 3 Minuten", "2 days ago", "Home > News > Industry", "News | Sport | Weather", "ВОЙТИ",
    "Story By Jane Doe", "Source: Reuters", "Bild: dpa", "image.JPG", "Temps de lecture : 4 min", "Über den Autor",
    "KELVIN 5 K", "Notice: Undefined index: id in /var/www/index.php on line 12",
    # labels and headings behind a line-start gate: marks and digits before the first word, case, a second word
    "– ANZEIGE –", "Advertisement", "2024 Home", "» Sign in", "FOLLOW US:", "Related Articles", "12 Comments",
    ": Leave a Reply", "Kommentare (3)", "Das könnte Sie auch interessieren", "Read more »", "Share",
    "facebook twitter print email", "Permalink 34 Comments Back to top", "a Share Tweet", "1 2 Print Email",
]


def _sample_lines() -> list[Line]:
    lines = [Line(raw) for path in sorted(SAMPLES.glob("*.txt")) for raw in path.read_text("utf-8").splitlines()]
    return lines + [Line(raw) for raw in EDGE_LINES]


def test_match_lines_gives_match_of_every_line() -> None:
    """The same first rule as the per-line path, line by line (verdict cache cleared between the two)."""
    from cleaner.rules import registry

    lines = _sample_lines()
    registry._verdicts.clear()
    expected = [match(Line(line.raw)) for line in lines]
    registry._verdicts.clear()
    assert match_lines(lines) == expected
    assert any(found is not None for found in expected)


@pytest.mark.parametrize("found", [r for r in RULES if r.gate is not None], ids=lambda r: r.name)
def test_gate_holds_every_line_its_rule_flags(found) -> None:  # noqa: ANN001
    """A gate is a necessary condition: every line the rule flags holds it, alone or in a page."""
    lines = _sample_lines()
    bit = [(1, found.gate, found.gate_folded)]
    page = gate_masks(lines, bit)
    flagged = 0
    for line, mask in zip(lines, page, strict=True):
        if line.text and found.test(line):
            flagged += 1
            assert mask == 1, (found.name, line.text)
            assert gate_masks([line], bit) == [1], (found.name, line.text)
    assert flagged or found.name in {"qr-label"}, found.name  # the samples hold no QR label


@pytest.mark.parametrize("found", [r for r in RULES if r.gate_past is not None], ids=lambda r: r.name)
def test_narrower_gate_holds_every_long_line_its_rule_flags(found) -> None:  # noqa: ANN001
    """A rule's gate_past is a necessary condition past its words: every longer line the rule flags holds it."""
    words, narrower = found.gate_past
    filler = " and the quick brown fox jumps over the lazy dog" * 5
    lines = [Line(line.raw + filler) for line in _sample_lines() if line.text] + [
        Line("We use cookies to give you the best experience on our website." + filler),
        Line("The views expressed here are the author's own and do not reflect those of the site." + filler)]
    bit = [(1, narrower, found.gate_folded)]
    page = gate_masks(lines, bit)
    flagged = 0
    for line, mask in zip(lines, page, strict=True):
        if line.size > words and found.test(line):
            flagged += 1
            assert mask == 1, (found.name, line.text)
    assert flagged, found.name


def test_fold_is_one_character_per_character() -> None:
    text = "İSTANBUL ſ Σ K Straße ΟΔΟΣ"
    assert len(fold(text)) == len(text)
    assert fold("We uſe COOKIES") == "we use cookies"


def test_language_classify_is_py3langid_classify() -> None:
    """The numpy walk gives py3langid's label, on the sample pages and on random strings."""
    py3langid = pytest.importorskip("py3langid")
    from cleaner import language

    texts = [path.read_text("utf-8")[:5000] for path in sorted(SAMPLES.glob("*.txt"))]
    rnd = random.Random(7)
    texts += ["".join(chr(rnd.choice([rnd.randrange(32, 127), rnd.randrange(160, 0x3000)]))
                      for _ in range(rnd.randrange(0, 300))) for _ in range(40)]
    for text in texts:
        assert language.classify(text) == py3langid.classify(text)[0]


def test_compact_language_model_holds_py3langid_model_exactly() -> None:
    """Every row of the feature-by-language table comes back bit for bit, and the walk over the trie's
    nodes counts what py3langid's automaton counts, in its order, on pages and on random bytes: from a
    quarter of the memory."""
    pytest.importorskip("py3langid")
    import numpy as np
    from py3langid import langid

    from cleaner import language

    model = language._model()
    full = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)
    features = np.arange(len(full.nb_ptc))
    for part in np.array_split(features, 20):
        rows = model.score_rows(part)
        assert rows.dtype == np.float32
        assert np.array_equal(rows.view(np.uint32), full.nb_ptc[part].astype(np.float32).view(np.uint32))
    rnd = random.Random(11)
    pages = [path.read_text("utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    cuts = [page.encode()[start:start + rnd.randrange(0, 80)] for page in pages
            for start in rnd.sample(range(max(1, len(page.encode()) - 80)), 30)]
    noise = [bytes(rnd.randrange(256) for _ in range(rnd.randrange(0, 40))) for _ in range(500)]
    for data in [model.encode(page[:5000]) for page in pages] + cuts + noise + [b"", b"e"]:
        expected = langid.visit_counts(full.tk_nextmove, full._rowbase, full.tk_output, data)
        counted = model.visit_counts(data)
        if expected is None:
            assert counted is None
        else:
            assert counted[0].tolist() == list(expected) and counted[1].tolist() == list(expected.values())
    held = sum(value.nbytes for value in vars(model).values() if isinstance(value, np.ndarray))
    assert held < 0.25 * (full.nb_ptc.nbytes + len(full.tk_nextmove) * 4)


def test_code_gate_holds_every_code_like_line() -> None:
    """context.scores asks code_like only of the lines that hold classify.CODE_GATE."""
    from cleaner.text.classify import CODE_GATE, code_like

    lines = _sample_lines() + [Line(raw) for raw in (
        "  import os", "from x import y", "x = 1", "a -> b", "std::cout", "f(x)", "$ ls -la", ">>> 1 + 1",
        "<div class>", "#include <x>", "return;", "npm install", "  - def f():", "1. class A:")]
    masks = gate_masks(lines, [(1, CODE_GATE, False)])
    found = 0
    for line, mask in zip(lines, masks, strict=True):
        if line.text and code_like(line):
            found += 1
            assert mask == 1, line.raw
    assert found >= 10


def test_folded_gate_literals_must_be_folded() -> None:
    """A folded gate is searched as written: an upper-case literal would never be found, so it is refused;
    upper-case escapes (\\W, \\S) are no literals and stay as they are."""
    import re

    from cleaner.rules.registry import rule

    count = len(RULES)
    with pytest.raises(ValueError, match="folded"):
        rule("navigation", gate=re.compile("Cookie"), gate_folded=True)
    assert len(RULES) == count
    assert all(fold(r.gate.pattern.replace("\\W", "").replace("\\S", "")) == r.gate.pattern.replace("\\W", "")
               .replace("\\S", "") for r in RULES if r.gate is not None and r.gate_folded)


def test_leading_literals_leave_out_what_is_no_letter() -> None:
    """The line-start gates of anchored phrase lists: what every match starts with past digits, spaces and
    marks; None when a match may start with any letter or hold none."""
    from cleaner.rules.lexicon import leading_literals

    assert leading_literals(r"\d* ?(comments?|responses?|replies)( \(\d+\))?") == {"comment", "response", "replies"}
    assert leading_literals("(das|dieses) thema") == {"das", "dieses"}
    assert leading_literals("(zum )?weiterlesen") == {"zum ", "weiterlesen"}
    assert leading_literals("editor'?s picks") == {"editor"}
    assert leading_literals("[a-z]+ news") is None
    assert leading_literals(r"\d+ ?%") is None


def test_whole_trie_keeps_every_key() -> None:
    """With whole=True a key through which a longer one runs stays, so a test after the trie can ask where
    the key ends; the presence trie keeps the shorter key only."""
    import re

    from cleaner.rules.lexicon import trie_pattern

    whole = re.compile("(?:" + trie_pattern({"log", "login", "x"}, whole=True) + r")(?![a-z])")
    assert whole.match("login") and whole.match("log in") and whole.match("x")
    assert not whole.match("logo") and not whole.match("xy")
    assert trie_pattern({"log", "login"}) == "log"


def _match_starts(pattern, text: str) -> set[int]:  # noqa: ANN001
    """Every place a match of `pattern` starts in `text` (overlapping ones too)."""
    starts, found = set(), pattern.search(text)
    while found is not None:
        starts.add(found.start())
        found = pattern.search(text, found.start() + 1)
    return starts


def test_gate_scans_match_where_the_gate_matches() -> None:
    """A gate that opens with one of a few characters is searched by a scan per character (registry._scans):
    together their matches start at the very places of the gate's own, in the sample lines' page and its fold."""
    from cleaner.rules import registry

    texts = [line.text for line in _sample_lines() if line.text]
    page = "\n" + "\n".join(texts) + "\n"
    split = 0
    for gate in {id(r.gate): r.gate for r in RULES if r.gate is not None}.values():
        scans = registry._split_scans(gate)
        split += len(scans) > 1
        for hay in (page, fold(page)):
            assert set().union(*(_match_starts(scan, hay) for scan in scans)) == _match_starts(gate, hay), gate
    assert split >= 5


def test_anchored_scans_match_in_the_lines_the_gate_matches() -> None:
    """A gate of literal keys opening with many characters, after a lead or not (registry.led_gate), is searched
    by a scan per anchor character (registry._anchored_scans): together their matches fall in the very lines of
    the gate's own, in the sample lines' page and its fold, and in lines made of each key with characters (a
    letter, a space, a digit, a separator) before and after it, or less a character at either end."""
    from bisect import bisect_right

    from cleaner.rules import registry

    texts = [line.text for line in _sample_lines() if line.text]
    anchored = 0
    for gate in {id(r.gate): r.gate for r in RULES if r.gate is not None}.values():
        scans = registry._anchored_scans(gate)
        if scans is None:
            continue
        anchored += 1
        keys = sorted(registry._literal_keys(gate)[1])
        lines = texts + keys + [f"{edge}{key}{end}" for key in keys for edge in "x 1/" for end in ("", ".")]
        lines += [key[1:] for key in keys] + [key[:-1] for key in keys]
        page = "\n" + "\n".join(lines) + "\n"
        for hay in (page, fold(page)):
            breaks = [at for at, char in enumerate(hay) if char == "\n"]

            def held(starts: set[int], hay: str = hay, breaks: list[int] = breaks) -> set[int]:
                return {bisect_right(breaks, start) for start in starts}

            found = set().union(*(held(_match_starts(scan, hay)) for scan in scans))
            assert found == held(_match_starts(gate, hay)), gate.pattern[:80]
            assert len(found) > len(keys)
    assert anchored >= 3  # the rule-phrase gate, its narrower one past 40 words, the language names after a non-letter


def test_size_bounded_gates_match_every_line_of_any_size() -> None:
    """match_lines searches a gate only in lines its rules can flag by size (lines sorted by size): lines
    of every size around the rules' bounds, shuffled, get the very verdicts of match()."""
    from cleaner.rules import registry

    rnd = random.Random(5)
    filler = "the quick brown fox jumps over the lazy dog".split()
    lines = []
    for raw in EDGE_LINES + ["We use cookies to improve your experience", "Copyright 2021 Example Inc",
                             "Skip to main content", "Sign up for our newsletter", "Click to enlarge"]:
        for extra in (0, 3, 7, 11, 14, 26, 38, 45, 62, 118, 125):
            words = raw.split()
            at = rnd.randrange(len(words) + 1)
            lines.append(Line(" ".join(words[:at] + rnd.choices(filler, k=extra) + words[at:])))
    rnd.shuffle(lines)
    registry._verdicts.clear()
    expected = [match(Line(line.raw)) for line in lines]
    registry._verdicts.clear()
    assert match_lines(lines) == expected
    assert sum(found is not None for found in expected) > 50
