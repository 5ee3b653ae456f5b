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

    from cleaner.metadata.pubdate import find_date_with_htmldate

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


@pytest.mark.parametrize("og, h1, title", [
    # a shorter title for sharing: the headline the reader sees is the title
    ("Brexit: Nervenkrieg geht in nächste Runde", "Der Nervenkrieg um den Brexit geht in die nächste Runde",
     "Der Nervenkrieg um den Brexit geht in die nächste Runde"),
    ("DB Lounge: Kein Zutritt mehr mit Sparpreis-Tickets", "DB Lounge: Kein Zugang mehr mit Sparpreis-Ticket",
     "DB Lounge: Kein Zugang mehr mit Sparpreis-Ticket"),
    # an <h1> holding the whole declared title and a kicker, its words reordered, or a glued date: the declared one
    ("Snow White returns to the stage", "Theatre Snow White returns to the stage", "Snow White returns to the stage"),
    ("Snow White returns - to the stage", "to the stage Snow White returns", "Snow White returns - to the stage"),
    ("Snow White returns to the London stage", "1. Februar 2022 Snow White returns to the stage",
     "Snow White returns to the London stage"),
    # an <h1> sharing few words is another heading
    ("Snow White returns to the stage", "Seven dwarfs leave the mine today", "Snow White returns to the stage"),
])
def test_a_reworded_headline_wins_over_the_declared_title(og: str, h1: str, title: str) -> None:
    head = f"<meta property='og:title' content='{og}'>"
    assert clean(_page(head=head, h1=h1), kind="html").title == title


@pytest.mark.parametrize("og, h1, title", [
    ("Interne Unterlagen im Netz - Daten von Rheinmetall gehackt",
     "<span class='dachzeile'>Interne Unterlagen im Netz</span> "
     "<span class='headline'>Daten von Rheinmetall gehackt</span>",
     "Daten von Rheinmetall gehackt"),
    ("Zugverkehr: Im ICE nach Barcelona", "<span class='article-heading__kicker'>Zugverkehr</span>"
     "<span class='visually-hidden'>: </span><span>Im ICE nach Barcelona</span>", "Im ICE nach Barcelona"),
    # a first element that is no kicker stays part of the headline
    ("Snow White: returns to the stage", "<em>Snow White:</em> returns to the stage",
     "Snow White: returns to the stage"),
])
def test_a_kicker_inside_the_h1_comes_off_the_title(og: str, h1: str, title: str) -> None:
    head = f"<meta property='og:title' content='{og}'>"
    assert clean(_page(head=head, h1=h1), kind="html").title == title


def test_the_sites_logo_h1_is_not_the_headline() -> None:
    """A blog theme's <h1> is its logo, a link home; the <title> names the story after the site's name."""
    page = ("<html><head><title>Snow Blog \u00bb Blog Archive \u00bb Snow White returns to the stage</title></head>"
            "<body><h1><a href='https://snow-blog.example/' rel='home'>Snow Blog</a></h1>"
            f"<article>{BODY}</article></body></html>")
    assert clean(page, kind="html").title == "Snow White returns to the stage"


def test_a_logo_marked_as_the_headline_is_not_the_title() -> None:
    page = ("<html><head><title>Snow White returns to the stage - Snow Watch</title></head><body>"
            "<header><p itemprop='headline'><a href='https://www.snowwatch.example/' rel='home'>Snow Watch</a></p>"
            "</header>"
            f"<h1 itemprop='headline'>Snow White returns to the stage</h1><article>{BODY}</article></body></html>")
    assert clean(page, kind="html").title == "Snow White returns to the stage"


def test_the_sites_declared_name_comes_off_a_shorter_headline() -> None:
    head = ("<meta property='og:site_name' content='Snow Astronomy Club'>"
            "<title>Pleiades, M45 - Snow Astronomy Club</title>")
    assert clean(_page(head=head, h1="Pleiades, M45"), kind="html").title == "Pleiades, M45"


@pytest.mark.parametrize("title, url, headline", [
    # the host's name written in a part: "Example News" on example-news.com
    ("EFC Snow Town Club - Snow White returns to the stage - Club Press - News", "https://snow-town.example/a",
     "Snow White returns to the stage"),
    # " : " between the headline and the site's name, and the site's motto after it
    ("Snow White returns to the stage : Snowblog | Tales told anew since 2005", "https://snowblog.example/a",
     "Snow White returns to the stage"),
    # a forum on a subdomain: the site's registered name, not the subdomain's, names it
    ("Snow White returns to the stage - Snowboard Community Forum", "https://forum.snowboard.de/t/1",
     "Snow White returns to the stage"),
    # a colon inside the headline stays
    ("Snow White : the musical returns | Planet", "https://planet.example/a", "Snow White : the musical returns"),
])
def test_the_sites_name_and_sections_come_off_the_title(title: str, url: str, headline: str) -> None:
    page = f"<html><head><title>{title}</title></head><body><article>{BODY}</article></body></html>"
    assert clean(page, kind="html", url=url).title == headline


# --- bylines as they are written (one synthetic page per markup form) -----------------------------------

@pytest.mark.parametrize("top, name", [
    # inline parts with no space between them read "ByJ.R. Stone"
    ("<div class='x1'><span>By</span><span><a href='/team/jr'>J.R. Stone</a></span></div>", "J.R. Stone"),
    # a label with a space before its colon, and a second label after the name
    ("<p>Auteur : Jane Doe Edition : Max Muster</p>", "Jane Doe"),
    ("<p>Written by: Jane Doe</p>", "Jane Doe"),
    # the name, then a separator and a date
    ("<h4>By Jane Doe | 12/10/2020</h4>", "Jane Doe"),
    # a label after a date
    ("<div class='x1'>Datum: 03.11.2021 Autor: Jane Doe</div>", "Jane Doe"),
    # the name at the end, after a noun of authorship or a date
    ("<p><i>Eine Kolumne von Nils Pickert</i></p>", "Nils Pickert"),
    ("<p>Veröffentlicht am 8. Februar 2022 von Jane Doe</p>", "Jane Doe"),
    # a label alone, the name in the next element (a definition list; a forum thread's starter)
    ("<dl><dt>Auteur</dt><dd><a href='/a/jd'>Jane Doe</a></dd></dl>", "Jane Doe"),
    ("<ul><li><span class='u-srOnly'>Thread starter</span> <span class='username'>Tiberius</span></li></ul>",
     "Tiberius"),
    # soft hyphens inside the name
    ("<p>Von Mat\u00adthi\u00adas Lauerer</p>", "Matthias Lauerer"),
])
def test_written_bylines(top: str, name: str) -> None:
    assert clean(_page(top=top), kind="html").author == name


def test_a_title_by_its_subject_is_no_byline() -> None:
    assert clean(_page(top="<p>Learning by Ear</p>"), kind="html").author is None


@pytest.mark.parametrize("byline, name", [
    ("Tomas Spahn Fr, 18.10.2019", "Tomas Spahn"),  # the weekday a date leaves behind
    ("Jane Doe am Samstag", "Jane Doe"),
    ("Author: Jane Doe am 29.12.2010, 13:36 Uhr", "Jane Doe"),
    ("Redaktion: Jane Doe (Pressesprecherin)", "Jane Doe"),
    ("Erstellt von Jane Doe", "Jane Doe"),
])
def test_what_follows_the_name_comes_off(byline: str, name: str) -> None:
    assert clean(_page(top=f"<span class='news-list-author'>{byline}</span>"), kind="html").author == name


@pytest.mark.parametrize("markup", ["<span class='auteurs'>Didier Roy</span>",
                                    "<div class='author-info'><span>Didier Roy</span></div>"])
def test_author_classes_in_french_and_author_info_boxes(markup: str) -> None:
    assert clean(_page(top=markup), kind="html").author == "Didier Roy"


@pytest.mark.parametrize("declared", ["Web Commerce GmbH www.w-commerce.de", "Bund der Verbraucher e.V.",
                                      "example.de"])
def test_an_organisation_in_meta_author_gives_way_to_a_person(declared: str) -> None:
    page = _page(head=f"<meta name='author' content='{declared}'>", top="<p>Von Jane Doe</p>")
    assert clean(page, kind="html").author == "Jane Doe"


def test_the_headline_is_not_the_author() -> None:
    page = _page(head="<meta name='author' content='Snow White returns'>")
    assert clean(page, kind="html").author is None


def _json_ld_author(name: str) -> str:
    return ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Snow White returns", '
            f'"author": {{"@type": "Person", "name": "{name}"}}}}</script>')


@pytest.mark.parametrize("declared, written, name", [
    ("Jane Doe", "Von Jane Doe und Max Muster", "Jane Doe und Max Muster"),  # the list the name heads
    ("Rob Picheta", "By Rob Picheta, CNN", "Rob Picheta"),  # a brand is no further author
    ("Tina Doe", "By Tina Doe, TK", "Tina Doe"),  # nor are initials
    ("Nils", "Eine Kolumne von Nils Pickert", "Nils Pickert"),  # the full name of a first name
    ("janedoe", "By Jane Doe", "Jane Doe"),  # the same name spelled out
])
def test_the_written_byline_says_more_of_the_declared_author(declared: str, written: str, name: str) -> None:
    head = _json_ld_author(declared) + "<meta property='og:site_name' content='CNN'>"
    assert clean(_page(head=head, top=f"<p>{written}</p>"), kind="html").author == name


def test_meta_author_lists_more_names_than_json_ld() -> None:
    head = _json_ld_author("Jane Doe") + "<meta name='author' content='Jane Doe,Max Muster'>"
    assert clean(_page(head=head), kind="html").author == "Jane Doe, Max Muster"


def test_the_written_byline_passes_over_the_sites_name() -> None:
    head = "<meta property='og:site_name' content='The Planetary Press'>"
    top = "<p>The Planetary Press - January 17, 2020</p><p><em>Written by: <a href='/jm'>Julie Mollins</a></em></p>"
    assert clean(_page(head=head, top=top), kind="html").author == "Julie Mollins"


# --- datelines -------------------------------------------------------------------------------------------

def test_the_dateline_follows_the_headline_not_a_donation_forms_h1() -> None:
    page = ("<html><head><title>Snow White returns</title></head><body><form><h1>€5</h1></form>"
            "<aside><p>Event: 3 May 2019</p></aside><h1>Snow White returns</h1><p>12 March 2024</p>"
            f"<article>{BODY}</article></body></html>")
    assert clean(page, kind="html").date == "2024-03-12"


@pytest.mark.parametrize("top", [
    # WordPress's update time before the publication time
    "<p><time class='updated'>29. Dezember 2022</time> <time class='entry-date published'>30. Dezember 2022</time></p>",
    # a hidden machine copy of the update
    "<p><span class='updated hidden'>2022-12-07T10:10:52+01:00</span><span>30. Dezember 2022</span></p>",
])
def test_the_dateline_skips_the_update_and_hidden_copies(top: str) -> None:
    assert clean(_page(top=top), kind="html").date == "2022-12-30"


def test_a_date_inside_prose_is_no_dateline() -> None:
    prose = "Der Vorverkauf für die Ausstellung im Schloss beginnt " + "mit vielen Terminen und Führungen " * 6
    page = _page(head="<meta property='article:published_time' content='2023-10-30T13:01:18+00:00'>",
                 top=f"<p>{prose}<strong>am 22. November 2023</strong> online.</p>")
    assert clean(page, kind="html").date == "2023-10-30"


@pytest.mark.parametrize("stamp, date", [
    ("2022-11-06T23:00:00.000Z", "2022-11-07"),  # midnight in Central Europe, stored in UTC
    ("2021-11-04T22:00Z", "2021-11-05"),
    ("2022-11-06T23:17:00Z", "2022-11-06"),  # a real time of day stays on its day
    ("2022-11-06T23:00:00+01:00", "2022-11-06"),
])
def test_a_utc_timestamp_at_local_midnight_is_the_next_day(stamp: str, date: str) -> None:
    page = _page(head=f"<meta property='article:published_time' content='{stamp}'>")
    assert clean(page, kind="html").date == date


FAR = "<p>" + "The story goes on with more detail about the stage, its history and its people. " * 40 + "</p>"


@pytest.mark.parametrize("end, name", [
    ("<div class='x1'><span class='label'>Datum:</span> 19.11.2021<br><span class='label'>Autor:</span> Fritz Imhof"
     "<br><span class='label'>Quelle:</span> Livenet</div>", "Fritz Imhof"),
    ("<a href='mailto:x@example.org'><b>Von:</b><br><br>Götz Warnke</a>", "Götz Warnke"),
    ("<p>Autoren Jelko Djuren und Jutta Klaukien</p>", "Jelko Djuren und Jutta Klaukien"),
])
def test_a_labelled_byline_below_the_story(end: str, name: str) -> None:
    assert clean(_page(top=FAR + end), kind="html").author == name


def test_an_unlabelled_by_below_the_story_is_no_byline() -> None:
    assert clean(_page(top=FAR + "<p>By Jane Doe</p>"), kind="html").author is None


def test_the_byline_follows_a_lower_heading_where_the_h1_is_the_logo() -> None:
    page = ("<html><head><title>Snow White returns to the stage</title></head><body><h1>Planet Daily</h1>"
            f"{FAR}<h2>Snow White returns to the stage</h2><p>By Jane Doe | 12/10/2020</p>"
            f"<article>{BODY}</article></body></html>")
    assert clean(page, kind="html").author == "Jane Doe"


def test_a_web_agencys_credit_is_no_author() -> None:
    page = _page(head="<meta name='author' content='Peter Amende und Fuchsy designed'>",
                 top="<div class='author_info'><a href='/a/hb'>Harald Bauer</a></div>")
    assert clean(page, kind="html").author == "Harald Bauer"


def test_a_json_ld_author_typed_organization_gives_way_to_a_person() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Snow White returns", '
            '"author": {"@type": "Organization", "name": "Stage News Desk"}}</script>')
    assert clean(_page(head=head, top="<p>Von Jane Doe</p>"), kind="html").author == "Jane Doe"


def test_a_declared_institution_gives_way_to_a_person_named_in_the_page() -> None:
    head = "<meta name='author' content='Bavarian Institute for Forests and Forestry, Press Office'>"
    assert clean(_page(head=head, after="<p><span itemprop='author'>Jane Doe</span></p>"),
                 kind="html").author == "Jane Doe"
    # named by no one else, the institution stays the author
    assert clean(_page(head=head), kind="html").author == "Bavarian Institute for Forests and Forestry, Press Office"


@pytest.mark.parametrize("box, name", [
    ("<div class='author-bio footer'><h3>Jane Doe</h3><p>Jane writes about money.</p></div>", "Jane Doe"),
    ("<section id='about-the-author'><h4>Über Jane Doe</h4><p>Jane schreibt über Geld.</p></section>", "Jane Doe"),
    ("<div class='author-card'><h3><a href='/in/jd'>Jane Doe</a><button>Follow</button></h3></div>", "Jane Doe"),
    # a box heading that is no name
    ("<div class='author-box'><h3>More from our writers</h3><p>Jane Doe</p></div>", None),
])
def test_an_author_box_heading_names_the_author_last(box: str, name: str | None) -> None:
    assert clean(_page(after=box), kind="html").author == name


@pytest.mark.parametrize("label, name", [("Written by", "Jane Doe"), ("Verfasst von", "Jane Doe"),
                                         ("Est. reading time", None)])
def test_an_seo_plugins_twitter_label_names_the_author_last(label: str, name: str | None) -> None:
    head = (f"<meta name='twitter:label1' content='{label}'><meta name='twitter:data1' content='Jane Doe'>"
            "<meta name='twitter:label2' content='Est. reading time'><meta name='twitter:data2' content='5 minutes'>")
    assert clean(_page(head=head), kind="html").author == name
    # a byline on the page comes first
    assert clean(_page(head=head, top="<p>Von Max Muster</p>"), kind="html").author == "Max Muster"


@pytest.mark.parametrize("written, date", [("12 abr. 2021", "2021-04-12"), ("5 de fev de 2019", "2019-02-05"),
                                           ("7 mrt 2018", "2018-03-07")])
def test_month_abbreviations_in_spanish_portuguese_and_dutch(written: str, date: str) -> None:
    assert clean(_page(top=f"<p class='date'>{written}</p>"), kind="html").date == date


@pytest.mark.parametrize("byline, name", [("Author: Bo2man am 29.12.2010, 13:36 Uhr", "Bo2man"),
                                          ("Autor: 12 Kommentare", None)])
def test_a_user_name_may_hold_digits_a_count_is_no_name(byline: str, name: str | None) -> None:
    assert clean(_page(top=f"<div class='author'>{byline}</div>"), kind="html").author == name


def test_von_name_am_date_below_the_story() -> None:
    end = ("<p class='postmetadata'>Von R. R. am <a href='/2013/08/07/'>07.08.2013</a> um 09:07 Uhr gespeichert "
           "unter <a href='/c/k'>Kommunizieren</a></p>")
    assert clean(_page(top=FAR + end), kind="html").author == "R. R."


def test_a_label_alone_is_no_name() -> None:
    assert clean(_page(top="<div class='x1'><strong>Auteur : Auteur(s) :</strong></div>"), kind="html").author is None


def _tree(markup: str):  # lxml's own parse: comments stay in the tree
    from lxml import html
    return html.document_fromstring(markup)


def test_the_elements_after_the_headline_are_xpaths_following_axis() -> None:
    """_after walks in Python what following::*[position() <= MAX_FOLLOWING] selects: elements only
    (no comments), the later siblings' descendants, then the ancestors' later siblings, cut at the limit."""
    from cleaner.metadata.markup import MAX_FOLLOWING, _after

    nested = "".join(f"<div><!-- c{i} --><p>a<b>b{i}</b></p><span>x</span></div>" for i in range(150))
    root = _tree(f"<html><body><header><h1>Title <i>here</i></h1><!-- c --><p>x</p></header>"
                 f"<main>{nested}</main><footer><p>f</p></footer></body></html>")
    h1 = root.find(".//h1")
    for start in (h1, h1.find("i"), root.find(".//footer/p"), root.find(".//main/div[140]")):
        expected = start.xpath(f"following::*[position() <= {MAX_FOLLOWING}]")
        assert [id(el) for el in _after(start)] == [id(el) for el in expected]
    assert len(_after(h1)) == MAX_FOLLOWING


def test_microdata_look_ups_find_what_elementpath_finds() -> None:
    """The one look-up of itemprop and rel attributes gives each property's elements in document order."""
    from cleaner.metadata.markup import Marked

    root = _tree('<html><body><div itemprop="author"><span itemprop="name">A</span></div><!-- x -->'
                 '<a rel="author" itemprop="url">B</a><p itemprop="author name">C</p><span itemprop="author">D</span>'
                 '<a rel="author nofollow">E</a><a rel="author">F</a></body></html>')
    marked = Marked(root)
    for prop in ("author", "name", "url", "author name", "headline"):
        assert marked.itemprop(prop) == list(root.iterfind(f".//*[@itemprop='{prop}']"))
    assert marked.rel_author() == list(root.iterfind(".//*[@rel='author']"))


def test_a_kicker_dateline_above_the_headline() -> None:
    # The dateline stands just before the <h1>, nothing after it gives a date; the <meta> date is older.
    page = ("<html><head><meta name='date' content='2020-02-12'></head><body><div class='news'>"
            "<div class='timedata'>05.02.2020 <span>- Redaktion: Jane Doe</span></div><h1>Snow White returns</h1>"
            f"<p>Deshalb lädt der Verein vom 6. - 7. März 2020 ein.</p><article>{BODY}</article></div></body></html>")
    assert clean(page, kind="html").date == "2020-02-05"


def test_the_header_time_above_the_headline_beats_a_list_of_other_stories_below() -> None:
    related = "".join(f"<li><article><time datetime='2021-11-{day:02d}'>{day}. November 2021</time>"
                      f"<a href='/s{day}'>Another story of the week</a></article></li>" for day in (16, 12, 10))
    page = ("<html><body><article><div class='article-header'><time datetime='2021-11-19'>19. November 2021</time>"
            f"</div><h1>Snow White returns</h1>{BODY}{BODY}{BODY}{BODY}{BODY}{BODY}{BODY}{BODY}</article>"
            f"<div class='related'><ul>{related}</ul></div></body></html>")
    assert clean(page, kind="html").date == "2021-11-19"


@pytest.mark.parametrize("meta, date", [("2021-11-01", "2021-11-01"), ("2021-12-01", "2021-01-11")])
def test_an_ambiguous_slash_dateline_follows_the_declared_order(meta: str, date: str) -> None:
    page = _page(head=f"<meta property='article:published_time' content='{meta}'>",
                 top="<p><span>11/01/2021</span></p>")
    assert clean(page, kind="html").date == date


def test_a_link_holding_only_the_date_is_the_dateline() -> None:
    # A permalink beside the byline; the story then names a later day (an exhibition's opening).
    top = ("<p class='meta'><a href='/2023/10/30/snow-white/'>30. Oktober 2023</a> <a class='fn'>Jane Doe</a></p>"
           "<p><strong>Die Ausstellung öffnet</strong> <strong>am 22. November 2023</strong></p>")
    assert clean(_page(top=top), kind="html").date == "2023-10-30"


@pytest.mark.parametrize("line", ["Veröffentlicht am 16.08.2019", "Erschienen am: 16.08.2019",
                                  "Published on Friday, 16 August 2019"])
def test_a_date_labelled_as_the_publication_below_the_story(line: str) -> None:
    # No dateline near the headline, no declared date: the labelled date, not the first date in the text.
    page = (f"<html><body><h1>Snow White returns</h1><article>{BODY}<p>{line}</p></article>"
            "<aside><span class='date'>24.08.2019</span> Next show in Berlin</aside></body></html>")
    assert clean(page, kind="html").date == "2019-08-16"


def test_no_dateline_below_the_storys_first_section_heading() -> None:
    # The story's first paragraph, a section heading, then the dates of the events it lists.
    lead = "Auch im neuen Jahr wird es wieder Termine für Verkostungen geben, die ersten stehen schon fest"
    page = _page(head="<meta property='article:published_time' content='2019-11-27T15:21:21+01:00'>",
                 top=f"<p>{lead}</p><h2>Februar 2020</h2><p><strong>Termin: 21.02.2020, 19 Uhr</strong></p>")
    assert clean(page, kind="html").date == "2019-11-27"


@pytest.mark.parametrize("title, url, name", [
    ("Gregory Szorc's Digital Home | Mercurial's Journey", "https://gregoryszorc.com/blog/x", "Gregory Szorc"),
    ("Zeitphilosophie – Dr. Alexander Klier", "https://www.alexander-klier.net/zeit/", "Alexander Klier"),
    ("Damian Duchamps' Blog | Office 365", "https://damianduchamps.wordpress.com/2019/x", "Damian Duchamps"),
    ("Statistics Globe | Change Font Size", "https://statisticsglobe.com/x", None),  # a plain site name
    ("Dr. Alexander Klier | Zeit", "https://example.org/x", None),  # the host is someone else's
])
def test_a_personal_site_is_its_owners(title: str, url: str, name: str | None) -> None:
    page = f"<html><head><title>{title}</title></head><body><h1>Zeitphilosophie</h1>{BODY}</body></html>"
    assert clean(page, kind="html", url=url).author == name


def test_a_personal_sites_owner_gives_way_to_a_byline() -> None:
    page = ("<html><head><title>Dr. Alexander Klier | Zeit</title></head><body><h1>Zeitphilosophie</h1>"
            f"<p class='byline'>Von Jane Doe</p>{BODY}</body></html>")
    assert clean(page, kind="html", url="https://alexander-klier.net/zeit/").author == "Jane Doe"


@pytest.mark.parametrize("byline, name", [
    ("Autorin: Uta Staschewski, Projektleiterin der Stiftung in Tunesien.", "Uta Staschewski"),
    ("Von David Hutzler, dpa", "David Hutzler"),
])
def test_a_role_after_the_name_comes_off(byline: str, name: str) -> None:
    page = ("<html><head><meta property='og:site_name' content='Stiftung'></head><body><h1>Snow White returns</h1>"
            f"<article>{BODY}</article><p><strong>{byline}</strong></p></body></html>")
    assert clean(page, kind="html").author == name


@pytest.mark.parametrize("kicker, name", [
    ("<div class='timedata'>05.02.2020 <span>- Redaktion: Jane Doe (Pressesprecherin)</span></div>", "Jane Doe"),
    ("<small>04.02.2022 | 13:10 Uhr | Jane Doe</small>", "Jane Doe"),
])
def test_a_byline_in_the_kicker_above_the_headline(kicker: str, name: str) -> None:
    page = f"<html><body><div>{kicker}<h1>Snow White returns</h1><article>{BODY}</article></div></body></html>"
    assert clean(page, kind="html").author == name


@pytest.mark.parametrize("line", ["04.02.2022 | Politik", "04.02.2022 | 13:10 Uhr | Berlin",
                                  "04.02.2022 | lesen Sie mehr"])
def test_a_datelines_last_part_that_is_no_name(line: str) -> None:
    page = f"<html><body><h1>Snow White returns</h1><p>{line}</p><article>{BODY}</article></body></html>"
    assert clean(page, kind="html").author is None


def test_a_headline_marked_as_the_authors_vcard_gives_way_to_the_byline() -> None:
    page = ("<html><head><title>Krimiblog-Archiv</title></head><body><h1 class='vcard author'>Krimiblog-Archiv</h1>"
            f"<div class='post'><h3>Das Musikvideo</h3><h4 class='vcard author'>vom Krimiblogger</h4>{BODY}</div>"
            "</body></html>")
    assert clean(page, kind="html").author == "Krimiblogger"


@pytest.mark.parametrize("declared, date", [("2019-06-17", "2017-07-12"), ("2017-07-13", "2017-07-13")])
def test_a_url_date_far_earlier_than_the_declared_one_is_the_publication(declared: str, date: str) -> None:
    # A site moved to a new system re-declares every old post's date; the URL keeps the first one.
    head = f'<script type="application/ld+json">{{"@type": "BlogPosting", "datePublished": "{declared}"}}</script>'
    page = _page(head=head)
    assert clean(page, kind="html", url="https://example.org/home/2017/7/12/snow-white").date == date


@pytest.mark.parametrize("markup, name", [
    ("<span class='author'>Matthias herrpfleger</span><span class='author'>Matthias</span>", "Matthias"),
    ("<span class='author'>gizzmo</span>", "gizzmo"),  # a one-word handle may be lower-case
])
def test_an_author_class_holding_words_of_a_sentence_is_passed_over(markup: str, name: str) -> None:
    assert clean(_page(top=f"<p>{markup}</p>"), kind="html").author == name


def _card(title: str, author: str) -> str:
    return (f"<div role='listitem' class='post'><a href='/blog/{len(title)}' class='post__link'><h3>{title}</h3>"
            f"<p>A closer look at the design process behind it.</p></a><div class='post__author'>{author}</div></div>")


@pytest.mark.parametrize("after, name", [
    ("<div role='list'>" + _card("Skimming papers with AI", "Max Power") + _card("A new design", "Erika Muster")
     + "</div>", None),
    ("<ul><li><a href='/a'>Snow White on stage in London</a> <span class='author'>Max Power</span></li>"
     "<li><a href='/b'>Snow White in film</a> <span class='author'>Erika Muster</span></li></ul>", None),
    ("<ul class='post-meta'><li class='author'>By <a href='/author/jane'>Jane Doe</a></li>"
     "<li><a href='/category/fairy-tales'>Fairy tales and their history</a></li></ul>", "Jane Doe"),
    ("<div class='teaser'><a href='/c'><h4>Snow White on stage</h4><span class='item__author'>Max Power</span></a>"
     "</div>",
     None),
    ("<p class='byline'><a href='/author/jane'><span class='author'>Jane Doe</span> View all posts by Jane Doe</a></p>",
     "Jane Doe"),
    (BODY * 4 + "<article class='story'><h3><a href='/a'>Snow White on stage</a></h3><span class='byline'>by Max "
     "Power</span></article><article class='story'><h3><a href='/b'>Snow White in film</a></h3>"
     "<span class='byline'>by Erika Muster</span></article>", None),
    ("<div><article class='post'><h2><a href='/this-post'>Snow White on stage</a></h2><span class='byline'>By Jane "
     "Doe</span></article></div>", "Jane Doe"),
    ("<article class='story'><h3><a href='/a'>Snow White on stage</a></h3><p>by Max Power</p></article>"
     "<article class='story'><h3><a href='/b'>Snow White in film</a></h3><p>by Erika Muster</p></article>", None),
], ids=["cards", "list-items", "post-meta-list", "card-link", "author-link", "story-articles", "lone-article",
        "written-in-cards"])
def test_an_author_in_a_card_of_a_list_of_other_pages_is_that_pages(after: str, name: str | None) -> None:
    # A card linking to another post names that post's author, not this page's.
    assert clean(_page(after=after), kind="html").author == name


@pytest.mark.parametrize("markup, name", [
    ("<div class='author__content'><h3 class='author__name'>Jane Doe</h3><p class='author__bio'>Ast. Professor (MIT),"
     " Research Scientist</p></div>", "Jane Doe"),
    ("<div class='post-author'><div class='heading'>Jane Doe</div><div class='text'>Snow White Studies - Open Fairy "
     "Tale Data</div></div>",
     "Jane Doe"),
    ("<div class='byline'><span>By</span><br>Jane Doe</div>", "Jane Doe"),
    ("<span class='author'>By <b>Jane</b> <b>Doe</b></span>", "Jane Doe"),
], ids=["job-title", "motto", "label-line", "inline-parts"])
def test_an_author_cards_next_line_is_not_part_of_the_name(markup: str, name: str) -> None:
    # The name stands on a line of its own; a job title or a motto on the next line is no part of it.
    assert clean(_page(top=markup), kind="html").author == name


@pytest.mark.parametrize("head, h1s, title", [
    ("<title>Jane Doe</title><meta name='og:title' content='Jane Doe'>", ["Moving from Paperpile to Zotero"],
     "Moving from Paperpile to Zotero"),
    ("<meta property='og:title' content='Daily Planet'><meta property='og:site_name' content='Daily Planet'>",
     ["Snow White returns"],
     "Snow White returns"),
    ("<title>Jane Doe</title>", ["Snow White returns", "Snow White on film"], "Jane Doe"),  # a list of stories
    ("<title>Fairy tales today</title>", ["Snow White returns"], "Fairy tales today"),  # the title names no site
], ids=["host-name", "site-name", "several-h1", "own-title"])
def test_a_title_that_is_only_the_sites_name_gives_way_to_the_h1(head: str, h1s: list[str], title: str) -> None:
    # A theme that writes the site's name into every page's <title> names no article; the one <h1> does.
    page = (f"<html><head>{head}</head><body><a href='/'>Jane Doe</a>" + "".join(f"<h1>{h}</h1>" for h in h1s)
            + f"<article>{BODY}</article></body></html>")
    assert clean(page, kind="html", url="https://jane-doe.github.io/2023/04/11/zotero.html").title == title


@pytest.mark.parametrize("top, name", [
    ("<ul><li><a href='https://example.org/cheatsheet'>Probability Cheat Sheet</a> by Max Power</li>"
     "<li><a href='https://example.org/review'>Math Review</a> by Erika Muster</li></ul>", None),
    ("<ul class='meta'><li>By <a href='/author/jane'>Jane Doe</a></li><li>March 3, 2012</li></ul>", "Jane Doe"),
    ("<ul class='meta'><li><a href='/tag/snow'>Snow</a></li><li><a href='/author/jane'><img src='/a.png'></a> By "
     "<a href='/author/jane'>Jane Doe</a></li></ul>", "Jane Doe"),
], ids=["reading-list", "post-meta-list", "avatar-link"])
def test_a_name_after_a_link_in_a_list_of_links_is_the_linked_works_author(top: str, name: str | None) -> None:
    # A reading list's "<a>Work</a> by Name" names the work's author, not the page's.
    assert clean(_page(top=top), kind="html").author == name


def test_a_list_item_that_links_to_the_page_itself_is_its_own_entry() -> None:
    # A theme writing a single post as a list's item, its heading the post's permalink: the byline is the post's.
    after = ("<ul><li class='post'><h2><a href='https://example.org/2019/10/21/snow-white/'>Snow White</a></h2>"
             "<span class='author'>Jane Doe</span></li><li class='post'><h2><a href='/2019/10/20/older/'>Older"
             "</a></h2></li></ul>")
    assert clean(_page(after=BODY * 4 + after), kind="html", url="https://example.org/2019/10/21/snow-white/"
                 ).author == "Jane Doe"


def test_a_malformed_link_does_not_fail_the_page() -> None:
    # urllib raises on a bracketed host that is no IP address; the title search reads every link's address.
    body = "<p>" + "Snow White is a story told in many versions over the centuries, with new details. " * 8 + "</p>"
    page = ('<html><head><title>Jane Doe</title></head><body><a href="http://[ccpa-preferences]/x">Privacy</a>'
            '<ul><li><a href="http://[bad]/">Jane Doe</a></li></ul><a href="/">Jane Doe</a>'
            f"<h1>Moving from A to B</h1><article>{body}</article></body></html>")
    assert clean(page, kind="html", url="https://jane.example.org/a-to-b").title == "Moving from A to B"


@pytest.mark.parametrize("head", [
    '<link rel="canonical" href="http://[ccpa-preferences]/a">',
    '<meta property="og:url" content="http://[bad]/a">',
    '<link rel="canonical" href="http://[::1/a">',
    '<link rel="canonical" href="https://x.example:99999/a">',
    '<link rel="canonical" href="https://x.example/a"><meta property="og:image" content="http://[bad]/i.jpg">',
])
@pytest.mark.parametrize("url", [None, "https://news.example.org/a-to-b"])
def test_an_unreadable_page_address_is_set_aside(head: str, url: str | None) -> None:
    # bench/fuzz.py found these: the page's own canonical/og:url feeds the site name, the date and the author
    # readers, and urllib raises on a bracketed host that is no IP address or a port out of range.
    body = "<p>" + "Snow White is a story told in many versions over the centuries, with new details. " * 8 + "</p>"
    page = f"<html><head><title>Moving from A to B</title>{head}</head><body><article>{body}</article></body></html>"
    doc = clean(page, kind="html", url=url)
    assert doc.title == "Moving from A to B" and "Snow White" in doc.text
    assert doc.url == ("https://x.example/a" if "x.example/a\"><meta" in head else url)
    assert doc.image is None


def test_a_person_declared_as_the_author_may_be_the_title() -> None:
    # A personal home page: its <title> and its <meta name=author> are its owner's name. A byline read from the
    # page that equals the title is still the headline (test_the_headline_is_not_the_author).
    page = ("<html><head><title>Jane Doe</title><meta name='author' content='Jane Doe'></head><body>"
            f"<h1>Jane Doe</h1><article>{BODY}</article></body></html>")
    assert clean(page, kind="html", url="https://jd-lab.example/").author == "Jane Doe"
    organisation = page.replace("Jane Doe", "Snow Town Theatre GmbH")
    assert clean(organisation, kind="html", url="https://jd-lab.example/").author is None


def test_an_archived_copy_of_an_unreadable_address_does_not_fail_the_author() -> None:
    # The caller's url reads (its host is the archive's), the archived page's own address does not.
    page = ("<html><head><title>Jane Doe</title><meta name='author' content='Jane Doe'></head><body>"
            f"<h1>Jane Doe</h1><article>{BODY}</article></body></html>")
    doc = clean(page, kind="html", url="https://web.archive.org/web/2008/http://[bad]/")
    assert doc.author is None and "Snow White" in doc.text
