"""Properties of `clean()` on generated input (issue 11, item 4), with hypothesis.

- it raises nothing but InputError, on any str or bytes, and its output is always UTF-8 JSON;
- it never invents text: every word of the output occurs in the input, once the input is read as the
  library reads it (entities decoded, mojibake repaired, NFC, tags out of the way);
- valid text in any script passes through unchanged;
- a page's result does not depend on what was cleaned before it, nor on how many threads clean.

Examples per property: 100 by default (the suite stays fast); `CLEANER_EXAMPLES=5000` for a long run.
"""

from __future__ import annotations

import html
import json
import os
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Options, clean
from cleaner.api import sanitise
from cleaner.decode import repair
from cleaner.errors import InputError
from cleaner.options import PRESETS

EXAMPLES = int(os.environ.get("CLEANER_EXAMPLES", "100"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, derandomize=os.environ.get("CLEANER_EXAMPLES") is None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Words in several scripts; the Greek capitals with tonos are the ones a code-page repair once rewrote.
WORDS = {
    "el": "η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία της χώρας ΑΘΉΝΑ ΚΥΒΈΡΝΗΣΗ ΔΙΆΣΚΕΨΗ Ώρα "
          "Έλληνες Άρειος Ήπειρος Όλυμπος Ύδρα".split(),
    "ru": "правительство объявило сегодня новые меры для экономики страны Москва Ёлка объём съезд".split(),
    "uk": "уряд оголосив сьогодні нові заходи для економіки країни Київ їжак ґанок".split(),
    "zh": ["政府", "今天", "宣布", "了", "新的", "经济", "措施", "北京", "市场", "上涨"],
    "ja": ["政府は", "今日", "新しい", "経済対策を", "発表しました", "東京の", "市場は", "上昇しました"],
    "ko": "정부는 오늘 경제를 위한 새로운 조치를 발표했습니다 서울".split(),
    "ar": "أعلنت الحكومة اليوم عن إجراءات جديدة للاقتصاد في البلاد القاهرة".split(),
    "he": "הממשלה הודיעה היום על צעדים חדשים לכלכלה ירושלים".split(),
    "hi": "सरकार ने आज अर्थव्यवस्था के लिए नए उपायों की घोषणा की दिल्ली".split(),
    "vi": "Chính phủ hôm nay công bố các biện pháp mới cho nền kinh tế Việt Nam Hà Nội người được".split(),
    "tr": "Hükümet bugün ekonomi için yeni önlemler açıkladı İstanbul Iğdır ılık şehir çağrı".split(),
    "is": "Ríkisstjórnin kynnti í dag nýjar aðgerðir fyrir efnahagslífið Þingvellir Ísland ör".split(),
    "de": "Die Regierung hat heute neue Maßnahmen für die Wirtschaft angekündigt Größe Übermut".split(),
    "fr": "Le gouvernement a annoncé aujourd'hui de nouvelles mesures pour l'économie Noël œuvre".split(),
    "pl": "Rząd ogłosił dziś nowe środki dla gospodarki kraju Łódź źdźbło".split(),
    "cs": "Vláda dnes oznámila nová opatření pro hospodářství země Příbram čtvrť".split(),
    "ro": "Guvernul a anunțat astăzi noi măsuri pentru economia țării București".split(),
    "th": ["รัฐบาล", "ประกาศ", "มาตรการ", "ใหม่", "สำหรับ", "เศรษฐกิจ", "วันนี้"],
    "en": "The government announced new measures for the economy today in the capital city".split(),
}
LANGUAGES = sorted(WORDS)


# --- strategies --------------------------------------------------------------------------------------

def sentences(lang: str, min_words: int = 8, max_words: int = 25, most: int = 5) -> st.SearchStrategy[str]:
    """A run of sentences made of one language's words, the way a paragraph is written."""
    gap = "" if lang in ("zh", "ja", "th") else " "
    stop = "。" if lang in ("zh", "ja") else "."
    sentence = st.lists(st.sampled_from(WORDS[lang]), min_size=min_words, max_size=max_words).map(
        lambda words: gap.join(words) + stop)
    return st.lists(sentence, min_size=1, max_size=most).map(" ".join)


ODD = st.sampled_from(["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\u200b", "\u202e", "\ufeff",
                       "\ufffd", "\ufffe", "\u2028", "\u0301", "🚀", "Ã©", "Â·", "πŸš€", "\ud83d", "\r", "\f",
                       "&amp;", "&#1;", "&#xD800;", "&bogus;", "&#x1F680;", "<", ">", "]]>", "<!--", "<p",
                       "</div>", "<![CDATA[", "<?xml version='1.0' encoding='utf-16'?>"])
TAGS = st.sampled_from(["p", "div", "span", "a", "article", "main", "nav", "footer", "h1", "h2", "li", "ul",
                        "table", "td", "blockquote", "script", "style", "b", "em", "section", "header", "aside"])
ATTRS = st.sampled_from(["", " class=content", " class=nav", " id=footer", " hidden", " style='display:none'",
                         " href='https://example.com/a'", " class='article-body'", " role=navigation"])


def markup(words: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """HTML pages: nested tags with attributes around runs of text, now and then something odd."""
    leaf = st.one_of(words, words, ODD)
    tree = st.recursive(leaf, lambda inner: st.builds(
        lambda tag, attrs, kids, closed: f"<{tag}{attrs}>{''.join(kids)}" + (f"</{tag}>" if closed else ""),
        TAGS, ATTRS, st.lists(inner, max_size=4), st.booleans()), max_leaves=12)
    return st.builds(lambda title, body: f"<html><head><title>{title}</title></head><body>{body}</body></html>",
                     words, st.lists(tree, min_size=1, max_size=4).map("".join))


# Small pages keep the suite fast; bench/fuzz.py generates the large ones.
ANY_WORDS = st.sampled_from(LANGUAGES).flatmap(lambda lang: sentences(lang, min_words=3, max_words=15, most=3))
PAGES = st.one_of(markup(ANY_WORDS), st.lists(st.one_of(ANY_WORDS, ODD, st.just("")), max_size=20).map("\n".join))
# Bytes: a generated page in some encoding (maybe lying about it), or arbitrary bytes.
ENCODED = st.builds(lambda page, charset: page.encode(charset, errors="replace"),
                    PAGES.map(lambda page: re.sub("[\ud800-\udfff]", "", page)),
                    st.sampled_from(["utf-8", "utf-16", "cp1252", "shift_jis", "gb18030", "koi8-r", "cp1253"]))


# --- 1. nothing escapes but InputError ---------------------------------------------------------------

def _contract(data: str | bytes, **kwargs: object) -> None:
    try:
        doc = clean(data, **kwargs)  # type: ignore[arg-type]
    except InputError:
        return
    json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")  # valid UTF-8 JSON, no lone surrogate
    assert not re.search("[\x00-\x08\x0b\x0e-\x1f]", doc.text)


@PROPERTY
@given(st.one_of(st.text(), st.binary(), PAGES, ENCODED))
def test_only_input_error_escapes(data: str | bytes) -> None:
    _contract(data)


@PROPERTY
@given(PAGES, st.sampled_from(["html", "text", None]), st.sampled_from(PRESETS),
       st.one_of(st.none(), st.text(max_size=40), st.sampled_from(["https://example.com/", "http://[::1/x"])),
       st.one_of(st.none(), st.text(max_size=40), st.just("text/html; charset=utf-16")))
def test_only_input_error_escapes_whatever_the_arguments(page: str, kind: str | None, preset: str,
                                                         url: str | None, content_type: str | None) -> None:
    _contract(page, kind=kind, url=url, content_type=content_type,
              options=Options(preset=preset, include_comments=True, include_links=True, include_images=True))


# --- 2. no invented text -----------------------------------------------------------------------------

# Two readings of where a tag ends: at the next ">" (how a parser reads "<p text ... </p>") or, for
# well-formed markup, with no "<" inside; comments and CDATA run to their own end.
_TAGS = (re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[^>]*>", re.S), re.compile(r"<[^<>]*>"))
_PUNCTUATION = re.compile(r"[^\w\u0300-\u036f]+")  # \w keeps letters, digits and most marks of every script
_INVISIBLE = re.compile("[\u200b\ufeff\u00ad\u200e\u200f\u202a-\u202e]")


def _as_read(page: str) -> str:
    """The input as the library reads it: controls out, mojibake repaired, entities decoded, NFC."""
    text = sanitise(repair(sanitise(page)))
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", html.unescape(text)))


def _invented(page: str, output: str) -> list[str]:
    """Output words that occur nowhere in the input, with and without its tags.

    A word is checked piece by piece between punctuation: "end.<span class=nav>menu</span>Next" has no
    space in the source, so "end.Next" is faithful to it; letters glued to letters are not split."""
    read = _as_read(page)
    readings = [" ".join(read.split())] + [" ".join(tag.sub(gap, read).split()) for tag in _TAGS for gap in ("", " ")]
    words = (_INVISIBLE.sub("", word) for word in output.split())
    pieces = (piece for word in words for piece in _PUNCTUATION.split(word))
    return [piece for piece in pieces if any(ch.isalnum() for ch in piece) and not any(piece in r for r in readings)]


@PROPERTY
@given(PAGES)
def test_no_invented_words(page: str) -> None:
    try:
        doc = clean(page)
    except InputError:
        return
    assert not _invented(page, doc.text)


@PROPERTY
@given(PAGES.map(lambda page: re.sub("[\ud800-\udfff]", "", page)))
def test_no_invented_words_from_utf8_bytes(page: str) -> None:
    try:
        doc = clean(page.encode("utf-8"))
    except InputError:
        return
    assert not _invented(page, doc.text)


# --- 3. valid text passes unchanged ------------------------------------------------------------------

@PROPERTY
@given(st.sampled_from(LANGUAGES).flatmap(lambda lang: sentences(lang, min_words=12)))
def test_a_paragraph_of_valid_text_comes_out_identical(paragraph: str) -> None:
    """A plain paragraph in any script, as text or as the one paragraph of an article, is the output."""
    assert clean(paragraph).text == paragraph
    assert clean(paragraph.encode("utf-8")).text == paragraph
    page = f"<html><body><article><p>{html.escape(paragraph, quote=False)}</p></article></body></html>"
    assert clean(page).text == paragraph


@PROPERTY
@given(st.lists(st.sampled_from(LANGUAGES).flatmap(lambda lang: sentences(lang, min_words=12)), min_size=1,
                max_size=6))
def test_kept_lines_of_valid_text_are_never_rewritten(paragraphs: list[str]) -> None:
    """Whatever the text path keeps of a dump of valid lines, it keeps verbatim."""
    dump = "\n\n".join(paragraphs)
    for line in clean(dump).text.split("\n"):
        assert not line.strip() or line in paragraphs


@PROPERTY
@given(st.text(alphabet=st.characters(categories=["L", "M", "N"], exclude_characters="\x00"), min_size=1,
               max_size=30).map(lambda word: unicodedata.normalize("NFC", word)))
def test_repair_leaves_valid_letters_alone_unless_they_are_mojibake(word: str) -> None:
    """Letters, marks and digits of any script: repair changes them only when they decode as UTF-8
    read in a Windows code page (the mojibake it exists to undo), or into their compatibility form
    (ftfy expands ligatures such as "ﬁ" and "Ĳ" on purpose: they come from PDF and OCR text)."""
    fixed = repair(word)
    if unicodedata.normalize("NFKC", fixed) != unicodedata.normalize("NFKC", word):
        assert any(word.encode(codec, errors="ignore").decode("utf-8", errors="ignore")
                   for codec in ("cp1252", "cp1253", "latin-1", "cp1251", "mac_roman")), (word, fixed)


# --- 4. no dependence on order or on threads ---------------------------------------------------------

@settings(max_examples=max(EXAMPLES // 10, 5), deadline=None, derandomize=os.environ.get("CLEANER_EXAMPLES") is None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.one_of(PAGES, ENCODED), min_size=2, max_size=6))
def test_results_do_not_depend_on_order_or_threads(pages: list[str | bytes]) -> None:
    def run(data: str | bytes) -> dict | str:
        try:
            return clean(data).to_dict()
        except InputError as exc:
            return str(exc)

    forward = [run(page) for page in pages]
    backward = [run(page) for page in reversed(pages)][::-1]
    with ThreadPoolExecutor(max_workers=3) as pool:
        threaded = list(pool.map(run, pages))
    assert forward == backward == threaded
