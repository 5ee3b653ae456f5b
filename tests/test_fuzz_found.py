"""Inputs bench/fuzz.py and the hypothesis properties found breaking `clean()`, reduced to their core.

Each test names the defect; `python -m bench.fuzz --seconds N --seed S` reproduces the original find."""

from __future__ import annotations

from lxml import html

from cleaner import clean
from cleaner.html.render import to_markdown

PROSE = "The council approved the new budget on Tuesday after a long debate about schools and roads. "


def test_reference_to_a_control_character_does_not_crash_prune() -> None:
    """fuzz seed 0: libxml2 decodes "&#1;" into the tree; lxml then refused any text set from it
    (ValueError: All strings must be XML compatible) when prune moved a tail."""
    for ref in ("&#1;", "&#x1b;", "&#00008;", "&#xFFFE;", "&#11;", "&#12;"):
        page = (f"<html><body><article><p>{PROSE * 2}</p><div class=share>Share</div>{ref}tail {PROSE}"
                f"<p>{PROSE * 2}{ref}</p></article></body></html>")
        doc = clean(page)
        assert "council approved" in doc.text, ref
        assert not any(ch < " " and ch not in "\t\n\r" for ch in doc.text)


def test_inline_element_with_an_attribute_name_xml_refuses() -> None:
    """fuzz seed 1: Markdown rendering copied an inline element through XML (tostring/fromstring), which
    refuses HTML attribute names such as 'x<y' (XMLSyntaxError: error parsing attribute name)."""
    body = html.fragment_fromstring('<div><div><p>First paragraph.</p><b x<y=2 "q"=3>bold words</b>'
                                    '<p>Last.</p></div></div>')
    assert to_markdown(body) == "First paragraph.\n\nbold words\n\nLast."


def test_a_removed_block_does_not_glue_the_words_around_it() -> None:
    """hypothesis (no invented words): dropping a navigation block joined the text before it and its
    tail into one word ('word<p class=nav>menu</p>word' -> 'wordword')."""
    page = (f"<html><body>{PROSE * 2}ending<p class=nav>Home News Sport</p>starting {PROSE * 2}</body></html>")
    doc = clean(page)
    assert "endingstarting" not in doc.text
    assert "ending" in doc.text and "starting" in doc.text


def test_a_reference_to_a_control_character_leaves_nothing_behind() -> None:
    """hypothesis, 500 examples (no invented words): the reference went but its ';' stayed, glued to the
    word before it; the same with the reference followed by a letter ('&#1a')."""
    for ref, after in (("&#1;", ""), ("&#x1B;", ""), ("&#1", "a"), ("&#x1", "g"), ("&#12;", "")):
        doc = clean(f"<html><body><article><p>{PROSE * 3}ending{ref}{after}</p></article></body></html>")
        assert doc.text.endswith(f"ending{after}"), (ref, doc.text[-20:])


def test_a_removed_block_before_an_inline_element_does_not_glue_words() -> None:
    """hypothesis, 500 examples: 'word.<nav>menu</nav><b>word' came out as 'word.word'."""
    page = f"<html><body>{PROSE * 2}ending<nav>Home News Sport</nav><b>starting</b> {PROSE * 2}</body></html>"
    doc = clean(page)
    assert "endingstarting" not in doc.text
    assert "ending" in doc.text and "starting" in doc.text
