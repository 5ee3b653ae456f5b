"""Site templates counted on pages as served: a template that cleaning leaves behind on a minority of
pages each (one leftover here, another there) is still found, and article lines stay."""

from __future__ import annotations

import random

from cleaner.batch.templates import TemplateCounter, TemplateSettings, served_keys, strip_templates
from cleaner.document import Document

HEADER = ("<table><tr><td><a href='/upload'>Upload</a><span>Anonymous User (login or join us)</span></td>"
          "<td></td></tr></table><form>Search: <select><option>All Media Types</option><option>Texts</option>"
          "</select></form><ul><li><a href='/domains'>Domain Names</a></li><li><a href='/about'>About</a></li></ul>")


NAMES = ("harbour", "lighthouse", "orchard", "quarry", "meadow", "glacier", "canyon", "vineyard", "estuary", "dune")


def body(i: int) -> list[str]:
    """Two lines of one item's own text (digits would not tell items apart: keys ignore them)."""
    return [f"The {NAMES[i]} recordings", f"Field recordings made at the {NAMES[i]} over one long summer."]


def page(i: int) -> str:
    return (f"<html><head><title>{NAMES[i]}</title></head><body>{HEADER}<h1>{body(i)[0]}</h1>"
            f"<p>{body(i)[1]}</p></body></html>")


def site_templates(n: int, texts: dict[int, str]) -> frozenset[int]:
    counter = TemplateCounter()
    for i in range(n):
        counter.add("archive.example", texts.get(i, "x"), f"https://archive.example/details/{i}",
                    served_keys(page(i).encode(), "html"))
    return counter.templates(TemplateSettings()).get("archive.example", frozenset())


def test_leftovers_that_vary_by_page_are_found() -> None:
    # what cleaning kept differs page to page: the login row on some, the search box on others, or only it
    texts = {i: ("| UploadAnonymous User (login or join us) |  |" if i % 3 == 0 else "Search: All Media Types Texts")
             + "\n" + "\n".join(body(i)) for i in range(10)}
    keys = site_templates(10, texts)
    for i, text in texts.items():
        doc = strip_templates(Document(kind="html", text=text), keys)
        assert doc.text.split("\n") == body(i)
        assert [r.reason for r in doc.removed] == ["site_template"]


def test_pages_are_counted_by_url_not_by_their_cleaned_text() -> None:
    # six pages whose cleaned text is the search box alone are six pages, not one
    keys = site_templates(6, {i: "Search: All Media Types Texts" for i in range(6)})
    doc = strip_templates(Document(kind="html", text="Search: All Media Types Texts"), keys)
    assert doc.text == "" and doc.page_type == "empty" and doc.empty_reason == "only site-template blocks"


def test_the_pages_own_headings_stay() -> None:
    keys = site_templates(6, {})
    text = "Domain Names\nIANA manages the DNS root zone.\nAbout"
    markdown = "## Domain Names\n\nIANA manages the DNS root zone.\n\nAbout"
    doc = strip_templates(Document(kind="html", text=text, markdown=markdown), keys)
    assert doc.text == "Domain Names\nIANA manages the DNS root zone."


def test_served_keys_of_text_dumps_are_their_lines() -> None:
    assert served_keys(b"Home | News\n\nA line.\n", "text") == served_keys("home news\na line", None)


def test_counting_memory_stays_bounded_and_finds_the_same_templates() -> None:
    # 3,000 pages of one site: 40 blocks of their own each, 3 template blocks on 60-90 % of them, one
    # block on 45 % (under the 50 % share: never a template).
    rng = random.Random(7)
    lossy, exact = TemplateCounter(), TemplateCounter(epsilon=1e-9)
    for n in range(3000):
        keys = {10_000_000 + n * 100 + i for i in range(40)}
        keys |= {k for k, p in ((1, 0.9), (2, 0.75), (3, 0.6), (4, 0.45)) if rng.random() < p}
        for counter in (lossy, exact):
            counter.add("folder:site", f"page {n}", keys=keys)
    settings = TemplateSettings()
    assert lossy.templates(settings) == exact.templates(settings) == {"folder:site": frozenset({1, 2, 3})}
    assert exact.size() > 120_000
    assert lossy.size() < 20_000


def test_sites_that_stop_coming_keep_only_what_can_be_a_template() -> None:
    # A crawl's shape: 3,000 hosts of 3 pages each, one after another, 40 blocks of their own per page
    # and a footer on every page of a host; then one big site, with pages of an early host coming back.
    lossy, exact = TemplateCounter(), TemplateCounter(epsilon=1e-9)
    rng = random.Random(3)
    for host in range(3000):
        for n in range(3):
            keys = {host * 1000 + n * 100 + i for i in range(40)} | {-host - 1}
            for counter in (lossy, exact):
                counter.add(f"host{host}", f"page {host} {n}", keys=keys)
    for n in range(600):
        keys = {50_000_000 + n * 100 + i for i in range(40)} | {k for k, p in ((1, 0.9), (2, 0.55), (4, 0.45))
                                                                 if rng.random() < p}
        for counter in (lossy, exact):
            counter.add("big", f"big {n}", keys=keys)
            if n % 100 == 0:  # host 7 again: its footer on 3 + 6 = 9 of its pages, its own blocks on one each
                counter.add("host7", f"page 7 again {n}", keys={-8, 90_000_000 + n})
    settings = TemplateSettings(min_pages=3)
    assert lossy.templates(settings) == exact.templates(settings)
    assert lossy.templates(settings)["host7"] == frozenset({-8})
    assert lossy.templates(settings)["big"] == frozenset({1, 2})
    assert exact.size() > 350_000
    assert lossy.size() < 20_000


def _spelled_out_keys(html: str) -> set[int]:
    """served_keys by its definition: block_key of every visible element's text, pieces joined by
    spaces, for elements of at most MAX_BLOCK_CHARS (and no ancestor of a longer one)."""
    from lxml import etree

    from cleaner.batch.templates import MAX_BLOCK_CHARS, UNSEEN, block_key

    keys: set[int] = set()

    def text_of(el) -> str:  # type: ignore[no-untyped-def]
        if not isinstance(el.tag, str) or el.tag in UNSEEN:
            return ""
        parts, size = [el.text or ""], len(el.text or "")
        for child in el:
            inner, tail = text_of(child), child.tail or ""
            if size <= MAX_BLOCK_CHARS:
                parts += [" ", inner, " ", tail]
                size += len(inner) + len(tail)
        if size > MAX_BLOCK_CHARS:
            return "\x00" * (MAX_BLOCK_CHARS + 1)
        text = "".join(parts)
        if (key := block_key(text)) is not None:
            keys.add(key)
        return text

    text_of(etree.fromstring(html, etree.HTMLParser(remove_comments=True)))
    return keys


def test_served_keys_match_their_definition_on_nested_mixed_text() -> None:
    # digit runs split by markup, accents that NFKC composes, ligatures, case, wrappers that repeat
    # their child's text, indentation, a region over the block limit with small blocks inside
    long_region = "".join(f"<p>Paragraph {NAMES[i % 10]} {NAMES[i // 10]} of a long region, words enough.</p>"
                          for i in range(60))
    page = ("<html><head><title>T</title><style>p{}</style></head><body>\n  <div><span>12</span>34 "
            "<b>Cafe\u0301</b> ﬁne <i>ÉCOLE</i>\n</div>\n<ul><li><a href='/a'>Home</a></li> <li>News</li></ul>"
            f"<section><div><div>Wrapped <em>twice</em>.</div></div></section><div>{long_region}</div>"
            "<p>Tail text <br>after a break, 2024-03-05.</p>"
            # 25 children of 78 characters: 1,950 of text, 2,000 with the spaces around each child, so
            # the section with three more characters is over the limit only when those spaces count
            f"<section><div>{''.join(f'<span>{NAMES[i % 10]:.<78}</span>' for i in range(25))}</div>xyz</section>"
            "</body></html>")
    keys = served_keys(page.encode(), "html")
    assert keys == _spelled_out_keys(page)
    assert len(keys) > 60  # the 60 paragraphs of the long region have keys, the region none


def _record(data: bytes, kind: str | None = None):  # type: ignore[no-untyped-def]
    from cleaner.batch.sources import Record

    return Record(id="p", url=None, data=data, kind_hint=kind, source="p.html")


def test_a_pages_keys_come_from_the_cleaners_own_tree() -> None:
    from cleaner.batch.shard import SERVED_KEYS, run_page
    from cleaner.batch.templates import block_key
    from cleaner.options import DEFAULT

    story = " ".join(f"Сторона {NAMES[i % 10]} говорит о бюджете, и это длинная фраза номер {i}." for i in range(12))
    page = ("<html><head><meta charset='koi8-r'><title>Бюджет</title></head><body><nav><a href='/'>Главная</a>"
            f"</nav><article><h1>Бюджет</h1><p>{story}</p></article></body></html>")
    data = page.encode("koi8-r")
    state = run_page(_record(data), DEFAULT)
    keys = set(state[SERVED_KEYS])
    # read off the page as the cleaner decoded it (its declared charset), so they find its output's lines
    assert {block_key(line) for line in state["text"].split("\n") if line.strip()} <= keys
    assert block_key("Главная") in keys
    # the quick decode of a second parse (UTF-8, else Windows-1252) reads this page as mojibake
    assert block_key("Главная") not in served_keys(data, "html")
    # a UTF-8 page: the same keys as by the definition; a text dump: its lines
    utf8 = page.replace("koi8-r", "utf-8").encode()
    assert set(run_page(_record(utf8), DEFAULT)[SERVED_KEYS]) == served_keys(utf8, "html")
    dump = "Главная | Новости\n\n" + story + "\n"
    assert set(run_page(_record(dump.encode(), "text"), DEFAULT)[SERVED_KEYS]) == served_keys(dump.encode(), "text")
    assert SERVED_KEYS not in run_page(_record(utf8), DEFAULT, served=False)
