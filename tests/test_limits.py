"""Limits inside the library (issue 11, item 3) and the single pages that used to break it.

No test here times anything: the time budget runs on a fake clock, and size and tree limits are
checked by their outcome (refused before the costly step, or the tree bounded)."""

from __future__ import annotations

import threading

import pytest

from cleaner import Options, clean, limits
from cleaner import api as api_module
from cleaner.errors import InputError, TimeBudgetExceeded
from cleaner.html.parse import MAX_ATTRIBUTES, MAX_ELEMENTS, parse_html

PROSE = ("The council approved the new budget on Tuesday after a long debate about schools, roads and "
         "the future of the old harbour, which many residents want to keep open for small boats. ")
PAGE = f"<html><head><title>Budget</title></head><body><article><h1>Budget</h1><p>{PROSE * 3}</p>" \
       f"<p>{PROSE * 2}</p></article></body></html>"


# --- input size --------------------------------------------------------------------------------------

def test_size_is_checked_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_decode(*args: object, **kwargs: object) -> str:
        raise AssertionError("decoded an input over the size limit")

    monkeypatch.setattr(api_module, "decode", no_decode)
    monkeypatch.setattr(api_module, "repair", no_decode)
    small = Options(max_input_size=1_000)
    with pytest.raises(InputError, match="too large"):
        clean(b"<p>" + b"x" * 2_000 + b"</p>", options=small)
    with pytest.raises(InputError, match="too large"):
        clean("x" * 2_000, options=small)


def test_default_size_limit_refuses_100_mib_at_once() -> None:
    data = b"a" * (100 * 1024 * 1024)
    with pytest.raises(InputError, match="too large"):
        clean(data)
    assert limits.MAX_INPUT_SIZE == Options().max_input_size


def test_bad_limits_are_refused() -> None:
    with pytest.raises(ValueError):
        Options(max_input_size=0)
    with pytest.raises(ValueError):
        Options(time_budget=0)
    with pytest.raises(ValueError):
        Options(time_budget="10")  # type: ignore[arg-type]


# --- time budget -------------------------------------------------------------------------------------

class _FakeClock:
    """A monotonic clock that advances `step` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 1000.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_time_budget_gives_an_empty_document_with_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits.time, "monotonic", _FakeClock(step=10.0))
    for kind in ("html", "text"):
        data = PAGE if kind == "html" else PROSE * 5
        doc = clean(data, options=Options(time_budget=5.0))
        assert doc.text == "" and doc.page_type == "empty" and doc.kind == kind
        assert doc.empty_reason is not None and "time budget of 5 s exceeded" in doc.empty_reason


def test_time_budget_raises_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits.time, "monotonic", _FakeClock(step=10.0))
    with pytest.raises(TimeBudgetExceeded, match="time budget"):
        clean(PAGE, options=Options(time_budget=5.0, budget_raises=True))


def test_time_budget_works_in_a_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits.time, "monotonic", _FakeClock(step=10.0))
    results: list[object] = []

    def worker() -> None:
        try:
            clean(PAGE, options=Options(time_budget=5.0, budget_raises=True))
            results.append("finished")
        except TimeBudgetExceeded as exc:
            results.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert len(results) == 1 and isinstance(results[0], TimeBudgetExceeded)


def test_a_page_within_budget_is_untouched_and_the_budget_does_not_leak() -> None:
    plain = clean(PAGE)
    budgeted = clean(PAGE, options=Options(time_budget=600.0))
    assert budgeted.text == plain.text and budgeted.text
    limits.check("after")  # no deadline is left behind in this context


# --- tree size ---------------------------------------------------------------------------------------

def test_a_quarter_million_sibling_paragraphs_are_refused_after_parsing() -> None:
    doc = clean("<html><body>" + "<p>x</p>" * 250_000 + "</body></html>")
    assert doc.page_type == "empty" and "tree too large" in (doc.empty_reason or "")
    assert MAX_ELEMENTS <= 100_000


def test_an_attribute_flood_loses_its_attributes_but_not_its_text() -> None:
    flood = " ".join(f"a{i}=x" for i in range(100_000))
    root = parse_html(f"<html><body><div {flood} class=story><p>{PROSE}</p></div></body></html>")
    div = root.find(".//div")
    assert div is not None and len(div.attrib) == 0
    assert PROSE.strip() in root.text_content()
    doc = clean(f"<html><body><article {flood}><p>{PROSE * 3}</p></article></body></html>")
    assert PROSE.split(",")[0] in doc.text


@pytest.mark.parametrize("stray", ["a50000<2=x", "<", "<i"])
def test_an_attribute_flood_with_a_stray_lt_inside_loses_its_attributes(stray: str) -> None:
    # bench.fuzz seed 27: libxml2 reads a "<" inside a start tag as part of an attribute's name, so the tag
    # goes on to its ">" and its 20,000 attributes took seconds to parse and to read back.
    flood = " ".join(f"a{i}=x" for i in range(100_000))
    cut = len(flood) // 2
    root = parse_html(f"<html><body><p>1 < 2</p><div {flood[:cut]} {stray} {flood[cut:]}><p>{PROSE}</p></div>"
                      "</body></html>")
    div = root.find(".//div")
    assert div is not None and len(div.attrib) == 0
    assert PROSE.strip() in root.text_content() and "1 < 2" in root.text_content()


def test_a_long_attribute_value_and_many_normal_attributes_are_kept() -> None:
    many = " ".join(f"data-a{i}=x" for i in range(MAX_ATTRIBUTES - 1))
    root = parse_html(f"<div {many} title='{'y' * 50_000}'>text</div>")
    div = root.find(".//div")
    assert div is not None and len(div.attrib) == MAX_ATTRIBUTES


# --- single pages that broke the library ---------------------------------------------------------------

@pytest.mark.parametrize("control", ["\x01", "\x08", "\x1b", "\x0b", "\x1f", "\ufffe", "\uffff"])
def test_one_control_character_in_a_paragraph_keeps_the_article(control: str) -> None:
    cut = len(PROSE) // 2
    page = PAGE.replace(PROSE * 3, PROSE[:cut] + control + PROSE[cut:] + PROSE * 2)
    for data in (page, page.encode("utf-8")):
        doc = clean(data)
        assert "council approved the new budget" in doc.text, repr(control)
        assert control not in doc.text


def test_a_form_feed_inside_html_text_is_whitespace() -> None:
    doc = clean(PAGE.replace("schools, roads", "schools,\froads"))
    assert "council approved" in doc.text and "\f" not in doc.text


@pytest.mark.parametrize("kind", ["html", "text"])
def test_a_lone_surrogate_never_reaches_the_output(kind: str) -> None:
    data = PAGE.replace("Tuesday", "Tuesday \ud83d") if kind == "html" else (PROSE + "\ud83d ") * 4
    doc = clean(data, kind=kind)
    assert "council approved" in doc.text
    doc.text.encode("utf-8")  # raises on a surrogate
    assert "\ud83d" not in doc.text


CAFE = ("<html><head><meta charset='{charset}'><title>Café</title></head><body><article><p>"
        + "Le café était très bon, nous avons mangé une crêpe délicieuse près de la rivière. " * 5
        + "</p></article></body></html>")


@pytest.mark.parametrize("charset", ["utf-16", "shift_jis", "utf-32", "koi8-r"])
@pytest.mark.parametrize("damage", [b"\x81", b"\xe9", b"\xff", b"\xe2\x82"])  # a stray byte, a cut character
def test_a_wrong_declared_charset_over_utf8_with_one_bad_byte(charset: str, damage: bytes) -> None:
    data = CAFE.format(charset=charset).encode("utf-8") + damage
    assert "café était très bon" in clean(data).text
    header = CAFE.format(charset="utf-8").encode("utf-8") + damage
    assert "café était très bon" in clean(header, content_type=f"text/html; charset={charset}").text


def test_a_real_legacy_page_still_follows_its_declaration() -> None:
    page = ("<html><head><meta charset='koi8-r'></head><body><article><p>"
            + "Правительство объявило сегодня новые меры для экономики страны. " * 8 + "</p></article></body></html>")
    assert "Правительство объявило" in clean(page.encode("koi8-r")).text
    sentence = "政府は今日、新しい経済対策を発表しました。東京の市場は上昇しました。"
    japanese = ("<html><head><meta charset='shift_jis'></head><body><article><p>"
                + sentence * 8 + "</p></article></body></html>")
    assert "新しい経済対策" in clean(japanese.encode("shift_jis")).text


@pytest.mark.parametrize("kwargs", [
    {"url": 123}, {"url": b"https://example.com/"}, {"url": "http://[::1/x"}, {"url": "http://x:99999/"},
    {"content_type": 5}, {"headers": {"Content-Type": 1}}, {"headers": ["Content-Type"]}, {"status": "200"},
    {"options": {"preset": "precision"}}, {"kind": 1},
])
def test_argument_misuse_raises_input_error(kwargs: dict) -> None:
    for data in (PAGE, PROSE * 3):
        with pytest.raises(InputError):
            clean(data, **kwargs)


def test_a_good_url_with_odd_characters_is_accepted() -> None:
    doc = clean(PAGE, url="https://例え.jp/パス?q=1#f")
    assert doc.url == "https://例え.jp/パス?q=1#f" and doc.text


def test_an_html_str_over_the_parser_bound_is_refused_before_repair(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_repair(*args: object, **kwargs: object) -> str:
        raise AssertionError("repaired an HTML str the parser refuses")

    monkeypatch.setattr(api_module, "repair", no_repair)
    page = "<html><body><p>" + "é" * (limits.MAX_HTML_CHARS + 1) + "</p></body></html>"
    doc = clean(page)
    assert doc.page_type == "empty" and "too large" in (doc.empty_reason or "")
