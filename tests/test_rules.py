"""The named rules, one family at a time, on lines of the kinds the issue lists."""

from __future__ import annotations

import pytest

from cleaner.decode import decode, repair
from cleaner.metadata.dates import find_date, short_year_date
from cleaner.rules import FAMILIES, RULES, classify


@pytest.mark.parametrize(("line", "reason"), [
    ("Skip to main content", "navigation"),
    ("Zum Inhalt springen", "navigation"),
    ("Home > MarketWatch > Industry News", "navigation"),
    ("About / Advertise / Tip Us / Contact", "navigation"),
    ("SubscribeSign InMenuSearchNewsletters", "navigation"),
    ("English / Español / 日本語 / Français", "language_picker"),
    ("This page may contain third-party content, which is provided for information purposes only.", "disclaimer"),
    ("This material does not constitute investment advice.", "disclaimer"),
    ("We use cookies to improve your experience.", "cookie_banner"),
    ("Diese Website verwendet Cookies.", "cookie_banner"),
    ("Share", "widget"), ("Repost", "widget"), ("0/400", "widget"), ("No comments", "widget"),
    ("5,453 views", "widget"), ("Transcript16 segments", "widget"), ("8 entities · 6 connections", "widget"),
    ("Hover · drag to explore", "widget"), ("Abstract generation in progress", "widget"),
    ("Scan to download Gate App", "promo"), ("Sign up for our newsletter", "promo"), ("Advertisement", "promo"),
    ("Copyright © 2021 example.com All Rights Reserved", "footer"), ("粤ICP备2022003949号-1", "footer"),
    ("TEL: 18117862238", "footer"), ("Email:someone@example.com", "footer"), ("LINKS", "footer"),
    ("26390384-Jzvfcd.jpg?auth_key=1766937599-", "media"), ("https://cdn.example.com/a/b/photo.png", "media"),
    ("Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left without paying.", "related"),
    ("Explore The 3 Top Spots in Detroit's Rivertown NeighborhoodVisiting Rivertown, or just looking to see more?",
     "related"),
    ("Mayor: ‘Despicable’ Move For Health Benefits Won’t StandWarren Mayor Jim Fouts says it was underhanded.",
     "related"),
    ("Related articles", "related"), ("You may also like", "related"), ("Lesen Sie auch", "related"),
    ("By Jane Doe", "metadata"), ("Time:2025-12-22", "metadata"), ("4 min read", "metadata"),
    ("On October 29, 2012 at 2:35am, Rosa said...", "comments"), ("Max schreibt:", "comments"),
    ("46 Comments on “Can 187,586 Buyers Be Wrong? Consumer Reports Thinks So...”", "comments"),
    ("3 Kommentare zu „Haltet unsere Gewässer sauber!“", "comments"),
])
def test_rule_flags_line(line: str, reason: str) -> None:
    found = classify(line)
    assert found is not None, line
    assert found.reason == reason, (line, found.name)


@pytest.mark.parametrize("line", [
    "Meta is quietly changing its AI strategy.",
    "01",
    "Google's Gemma",
    "Chapter 3",
    "Top 10 tips for a better winter garden",
    "The company shares its results with investors every quarter, and most of them like what they see.",
    "Zuckerberg personally grasped the project and changed the general",
    "On 5 March 2019 the firm was sold.",
    "Qwen was adopted by Meta to verify its strength, and Alibaba, Baidu, MiniMax, etc. may be revalued;",
    "6. Remove from canner and allow to cool.",
    "12 comments on the draft law were sent to the ministry before the deadline passed.",
    # camel-case names in a sentence are no teaser's seam
    "To celebrate 50 years, founding members Tom Johnston, Michael McDonald, Pat Simmons and John McFee will reunite.",
    "Using the Xbox SmartGlass native app as an abstraction layer, it manages the connections to the cloud services.",
    "On November 8 at 11 AM PDT, the AdWords experts will help you identify reasons your ads might not appear.",
])
def test_rule_leaves_body_line(line: str) -> None:
    assert classify(line) is None


def test_every_rule_has_a_known_family_and_a_doc() -> None:
    assert RULES
    for rule in RULES:
        assert rule.reason in FAMILIES
        assert rule.doc, rule.name


@pytest.mark.parametrize(("text", "iso"), [
    ("December 10, 2025", "2025-12-10"), ("Time:2025-12-22", "2025-12-22"), ("10 Dec 2025", "2025-12-10"),
    ("2025年12月22日", "2025-12-22"), ("22.12.2025", "2025-12-22"), ("Bloomberg PodcastsDecember 10, 20254 min",
                                                                       "2025-12-10"),
    ("10. Dezember 2025", "2025-12-10"), ("5 de diciembre de 2019", "2019-12-05"), ("le 3 mars 2021", "2021-03-03"),
    ("Nov 19, 2019, 10:31 pm CST", "2019-11-19"),
])
def test_dates(text: str, iso: str) -> None:
    found = find_date(text)
    assert found and found[0] == iso


@pytest.mark.parametrize(("text", "month_first", "iso"), [
    ("28.09.19 12:44", False, "2019-09-28"), ("30/10/23", True, "2023-10-30"), ("03/09/99", True, "1999-03-09"),
    ("03/09/99", False, "1999-09-03"),
    ("5/13/19", False, "2019-05-13"),  # the one valid reading, on a day-first page too (as find_date reads it)
    ("31.02.19", False, None), ("1.2.3.19", False, None),
])
def test_short_year_dates(text: str, month_first: bool, iso: str | None) -> None:
    assert short_year_date(text, month_first=month_first) == iso


def test_no_date() -> None:
    assert find_date("version 3 of 12 items") is None
    assert find_date("2019-13-45") is None


def test_mojibake_repair_keeps_curly_quotes() -> None:
    assert repair("πŸš€ launch") == "🚀 launch"
    assert repair("8 entities Β· 6 connections") == "8 entities · 6 connections"
    assert repair("Meta’s “Avocado”") == "Meta’s “Avocado”"
    assert repair("donâ€™t") == "don’t"
    assert repair("Ελληνικά κείμενα") == "Ελληνικά κείμενα"


def test_decode_boms_and_declared_charset() -> None:
    assert decode("\ufeffhello".encode("utf-8")) == "hello"
    assert decode("héllo wörld".encode("utf-16")) == "héllo wörld"
    page = '<html><head><meta charset="windows-1252"></head><body>caf\xe9</body></html>'.encode("cp1252")
    assert "café" in decode(page)


# --- the keyword gate in front of phrase lists (lexicon.GatedPhrases) -----------------------------------

def test_required_literals_reads_runs_groups_and_alternations() -> None:
    from cleaner.rules.lexicon import required_literals

    assert required_literals("we use cookies") == {"we use cookies"}
    assert required_literals(r"(accept|allow) (all )?cookies") == {"cookies"}  # the longest shortest key
    # a group of literal alternatives and the literals after it spell their keys together
    assert required_literals(r"(cookie|privacy) (all )?co") == {"cookie ", "privacy "}
    assert required_literals(r"(we|may) (earn|receive) (a )?(commission|affiliate)") == {"commission", "affiliate"}
    assert required_literals(r"^\s*(©|copyright\b)") == {"©", "copyright"}
    assert required_literals(r"[a-z]+\d?") is None
    assert required_literals(r"(skip|jump|go) to (the )?(content|menu)") == {"skip to ", "jump to ", "go to "}
    assert required_literals(r"\bcc[- ]by") == {"cc-by", "cc by"}  # across an anchor, through a class of literals
    assert required_literals(r"(©|\(c\))\s*(19|20)\d\d") == {"©", "(c)"}  # a digit tells half as much
    # a run spells 8 keys at most: (a|b)(c|d)(e|f) is offered alone, and "g xyz" or "h xyz" tells more
    assert required_literals("(a|b)(c|d)(e|f)(g|h) xyz") == {"g xyz", "h xyz"}


@pytest.mark.parametrize("name", ["disclaimer_phrases", "footer_phrases", "promo_phrases", "ui_phrases",
                                  "skip_phrases"])
def test_phrase_gate_never_hides_a_match(name: str) -> None:
    """The gate only skips lines the alternation would not match: same answers on the sample pages and on
    the lines the rule tests above use, and every phrase has keys (else the list has no gate)."""
    from pathlib import Path

    from cleaner.rules import lexicon
    from cleaner.rules.lexicon import _entries

    gated = lexicon.lowered_phrases(name)
    assert gated.gate is not None
    samples = Path(__file__).resolve().parent.parent / "samples"
    lines = {line.strip().lower() for path in samples.glob("*.txt") for line in path.read_text("utf-8").splitlines()}
    lines |= {entry.lower().replace("\\b", "").replace("?", "") for entry in _entries(name)}  # near-literal phrases
    hits = 0
    for line in lines:
        expected = gated.pattern.search(line) is not None
        assert (gated.search(line) is not None) == expected, line
        assert (gated.match(line) is not None) == (gated.pattern.match(line) is not None), line
        hits += expected
    assert hits > 0


def test_words_at_most_agrees_with_the_word_count() -> None:
    from cleaner.rules.line import Line

    texts = ["", "one", "one two", "a-b c_d e.f", "— … --", "Café déjà vu", "x" * 500, "word " * 30,
             "日本語のテキスト and words", "http://example.com/a/b?c=d e", "İstanbul ßtraße naïve", "12 345 6,7"]
    for text in texts:
        for n in range(0, 32):
            assert Line(text).words_at_most(n) == (Line(text).size <= n), (text, n)


def test_page_lines_makes_each_line_as_line_does() -> None:
    """page_lines asks _BULLET only of lines opening with a bullet mark or a digit (any \\d: str.isdecimal):
    its Lines are Line(raw, number), on the sample dumps and on lines at the edges of the marks."""
    from pathlib import Path

    from cleaner.rules import Line
    from cleaner.rules.line import page_lines

    edges = ["- item", "  * item", "• item", "1. item", "12) item", "123. no", "٣. item", "۱) item", "１. item",
             "½ cup", "-item", "—  dash", "– en", "» more", "› next", "·  dot", "", "   ", "\u2003- spaced", "7",
             "3.", "4) ", "² sup", "x - y", "\u00a0• nbsp"]
    texts = [path.read_text("utf-8") for path in sorted((Path(__file__).parent.parent / "samples").glob("*.txt"))]
    for text in [*texts, "\n".join(edges)]:
        made = page_lines(text)
        expected = [Line(raw, number) for number, raw in enumerate(text.split("\n"), 1)]
        assert [(line.raw, line.number, line.text, line.bullet, line.size) for line in made] == \
            [(line.raw, line.number, line.text, line.bullet, line.size) for line in expected]
    assert sum(line.bullet for line in page_lines("\n".join(edges))) >= 10
