"""Metadata that generalises: where a date, an author, a language and a title may come from.

The small pages below are built from the markup forms the rules are about (a footer's date, an
image's file name, a comment thread, a bad Content-Language); the shares on the dev sets are pinned
in tests/test_metadata_shares.py.
"""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.language import iso639_1

BODY = "<p>" + "Snow White is a story told in many versions over the centuries, with new details. " * 8 + "</p>"


def _page(head: str = "", top: str = "", after: str = "", h1: str = "Snow White returns") -> str:
    return f"<html><head>{head}</head><body><h1>{h1}</h1>{top}<article>{BODY}</article>{after}</body></html>"


@pytest.mark.parametrize("page", [
    _page(after="<footer><p>Terms of Use (10 Mar 2001)</p></footer>"),
    _page(after="<div class='site-footer'>Copyright, last changed 10 Mar 2001</div>"),
    _page(top="<img src='/img/20080301snowwhite.jpg' alt=''>"),
    _page(after="<p><a href='/2007/05/04/older-story'>Snow White first staged in London, 4 May 2007</a></p>"),
], ids=["footer", "footer-class", "image-file-name", "link-to-another-page"])
def test_no_date_from_footers_images_or_links(page: str) -> None:
    assert clean(page, kind="html").date is None


def test_the_articles_dateline_comes_before_anything_else() -> None:
    page = _page(top="<p class='meta'>Published 12 March 2024</p>",
                 head="<meta property='article:modified_time' content='2025-01-02'>",
                 after="<footer>Terms of Use (10 Mar 2001)</footer>")
    assert clean(page, kind="html").date == "2024-03-12"


def test_json_ld_date_and_author_by_reference() -> None:
    head = ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "headline": "Snow White '
            'returns", "datePublished": "2024-03-12T10:00:00+01:00", "author": {"@id": "#jane"}}, '
            '{"@type": "Person", "@id": "#jane", "name": "Jane Doe"}]}</script>')
    doc = clean(_page(head=head, after="<footer>Terms of Use (10 Mar 2001)</footer>"), kind="html")
    assert (doc.date, doc.author) == ("2024-03-12", "Jane Doe")


def test_author_from_a_written_byline() -> None:
    doc = clean(_page(top="<div class='meta'><span>Von:</span> <a href='/team/jane'>Jane Doe</a></div>"),
                kind="html")
    assert doc.author == "Jane Doe"


@pytest.mark.parametrize("byline, name", [
    ("Geschrieben von<a href='/a/e'>Elisa Marvena</a>", "Elisa Marvena"),
    ("Post author By Helge Muster", "Helge Muster"),
    (", par Jean Dupont", "Jean Dupont"),
    ("Joe S.", "Joe S."),
])
def test_byline_prefixes_and_punctuation_come_off(byline: str, name: str) -> None:
    doc = clean(_page(top=f"<span class='author'>{byline}</span>"), kind="html")
    assert doc.author == name


def test_commenters_and_comment_forms_are_not_the_author() -> None:
    comments = ("<ol class='comment-list'><li><span class='comment-author'>Max Power</span> says: nice</li>"
                "<li><a rel='author' href='/u/2'>Erika Muster</a></li></ol>"
                "<form id='respond'><label class='author'>Name (required)</label><input name='author'></form>")
    assert clean(_page(after=comments), kind="html").author is None


def test_the_site_is_not_the_author_when_a_byline_names_a_person() -> None:
    head = ("<meta property='og:site_name' content='Daily Planet'><meta name='author' content='Daily Planet'>")
    doc = clean(_page(head=head, top="<p class='byline'>By Lois Lane</p>"), url="https://dailyplanet.example/a",
                kind="html")
    assert doc.author == "Lois Lane"


@pytest.mark.parametrize("value, code", [
    ("UTF-8", None), ("en-US", "en"), ("de_DE", "de"), ("x-default", None), ("iw", "he"), ("english", None),
    ("*", None), ("fr, en", "fr"),
])
def test_declared_languages_are_iso_639_1_or_nothing(value: str, code: str | None) -> None:
    assert iso639_1(value) == code


def test_a_content_language_charset_gives_no_utf_language() -> None:
    doc = clean(_page(head="<meta http-equiv='Content-Language' content='UTF-8'>"), kind="html")
    assert doc.language == "en"  # detected from the text, not "utf"


def test_titles_keep_spaces_at_element_boundaries() -> None:
    doc = clean(_page(h1="<span>Glass, Randall</span><div>A Few Good G-Men</div>"), kind="html")
    assert doc.title == "Glass, Randall A Few Good G-Men"


def test_the_h1_that_matches_the_title_is_the_headline() -> None:
    page = ("<html><head><title>Snow White returns to the stage | Planet</title></head><body>"
            "<header><h1>Menu</h1></header><h1>Snow White returns to the stage</h1>"
            f"<article>{BODY}</article></body></html>")
    assert clean(page, kind="html").title == "Snow White returns to the stage"


def test_the_date_search_leaves_the_page_as_it_found_it() -> None:
    """Footers, images and links are set aside for htmldate and put back: the body is read later."""
    from lxml import html

    from cleaner.metadata.from_html import find_date_with_htmldate

    page = _page(top="<p>Tail <img src='/20080301a.jpg'>after image <a href='/x'>Another story, 4 May 2007</a> end</p>",
                 after="<footer><p>Terms of Use (10 Mar 2001)</p><img src='/b.png'></footer><p>last</p>")
    root = html.fromstring(page)
    before = html.tostring(root)
    find_date_with_htmldate(root, None)
    assert html.tostring(root) == before


def test_the_visible_headline_wins_over_a_declared_title_with_a_kicker() -> None:
    head = "<meta property='og:title' content='Election: Snow White returns to the stage'>"
    assert clean(_page(head=head, h1="Snow White returns to the stage"), kind="html").title == \
        "Snow White returns to the stage"
