"""Bad HTML gives a clear error or an empty Document with its reason, never a crash or a hang."""

from __future__ import annotations

import pytest

from cleaner import Options, clean
from cleaner.html import clean_html
from cleaner.html.parse import MAX_ELEMENTS, MAX_INPUT_CHARS, ParseFailure, parse_html


def test_fragment_gets_html_root() -> None:
    root = parse_html("<p>one</p><p>two</p>")
    assert root.tag == "html" and [p.text for p in root.iter("p")] == ["one", "two"]


def test_xml_declaration_with_encoding_is_accepted() -> None:
    root = parse_html('<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>')
    assert root.find(".//p").text == "x"


def test_a_self_closed_html_tag_does_not_lose_the_page() -> None:
    # A page cut and glued by its server: "<html xmogo.jpg" alt=... />" (libxml2 ended the document there and
    # kept nothing; a browser ignores the slash and shows the page).
    story = "<p>The council voted late on Tuesday to keep the old library open for another year.</p>"
    root = parse_html(f'<!DOCTYPE html><html xmogo.jpg" alt="Logo" width="145" /></a></td><h1>Vote</h1>{story}')
    assert [p.text for p in root.iter("p")] == ["The council voted late on Tuesday to keep the old library open "
                                                "for another year."]
    assert "library open" in (clean(f"<html lang='en'/><body><h1>Vote</h1>{story * 3}</body>").text or "")


def test_soft_hyphens_and_their_references_go_before_parsing() -> None:
    # Shown only where a browser breaks the word: "Mit&shy;tel&shy;al&shy;ter" is one word to a reader.
    root = parse_html("<p>Das Mit&shy;tel&#173;al&#xAD;ter und die Wein\u00adwirt\u00adschaft</p>"
                      "<a href='/share'>Face&shy;book</a>")
    assert root.find(".//p").text == "Das Mittelalter und die Weinwirtschaft"
    assert root.find(".//a").text == "Facebook"


def test_a_page_read_from_its_utf8_bytes_is_the_tree_of_its_text() -> None:
    # A declared charset other than UTF-8 must not steer libxml2 when it reads the bytes clean() hands on.
    from lxml import html

    page = ('<html><head><meta charset="iso-8859-1"><meta http-equiv="Content-Type" content="text/html; '
            'charset=windows-1252"><title>Caf\u00e9</title></head><body><p>na\u00efve \u2013 \u201cx\u201d \U0001f600'
            '</p><p>&eacute;&#233;</p></body></html>')
    assert html.tostring(parse_html(page, page.encode("utf-8"))) == html.tostring(parse_html(page))
    # Text the preparation changes (a soft hyphen goes) is parsed from the changed text, not the bytes.
    shy = "<p>Mit\u00adtel</p>"
    assert parse_html(shy, shy.encode("utf-8")).find(".//p").text == "Mittel"


def test_entities_are_not_expanded() -> None:
    laughs = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><html><body><p>&c;&c;&c;</p></body></html>')
    root = parse_html(laughs)
    assert "aaaaaaaaaa" not in root.text_content()


def test_external_entities_and_network_are_not_touched() -> None:
    page = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><html><body><p>&e;</p></body></html>'
    assert "root:" not in parse_html(page).text_content()


def test_too_large_input_is_refused_with_reason() -> None:
    with pytest.raises(ParseFailure, match="too large"):
        parse_html("x" * (MAX_INPUT_CHARS + 1))


def test_too_many_elements_is_refused_with_reason() -> None:
    doc = clean_html("<b>x</b>" * (MAX_ELEMENTS + 10), Options())
    assert doc.text == "" and doc.page_type == "empty" and "too large" in doc.empty_reason


@pytest.mark.parametrize("page", [
    "<html></html>", "<html><body></body></html>", "<<<>>>", "<div" * 1000, "<div>" * 5000 + "deep",
    "<html><body><script>var x = '<p>not text</p>';</script></body></html>", "\ufeff<p>bom</p>",
    "<table><tr><td><table><tr><td>" * 200, "<p>" + "\u00a0" * 1000 + "</p>",
])
def test_odd_pages_never_crash(page: str) -> None:
    doc = clean(page, kind="html")
    assert doc.kind == "html"
    if not doc.text:
        assert doc.page_type == "empty" and doc.empty_reason


def test_empty_html_has_empty_reason() -> None:
    doc = clean("<html><body><nav><a href='/'>Home</a></nav></body></html>", kind="html")
    assert doc.text == "" and doc.page_type == "empty" and doc.empty_reason
