"""Where the article's date comes from, cheapest reliable source first (issue 9, issue 8 item 4), and the
line rules' declared size bounds (issue 9): a skipped rule must be one that could not have fired."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.metadata import pubdate
from cleaner.rules import RULES, Line, registry

BODY = "<p>" + "Snow White is a story told in many versions over the centuries, with new details. " * 8 + "</p>"


def _page(head: str = "", top: str = "", after: str = "") -> str:
    return (f"<html><head>{head}</head><body><header><h1>Snow White returns</h1>{top}</header>"
            f"<article>{BODY}</article>{after}</body></html>")


def _no_htmldate(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(root: object, url: object) -> None:
        raise AssertionError("htmldate called although a cheap source gives the date")
    monkeypatch.setattr(pubdate, "find_date_with_htmldate", refuse)


def test_declared_date_spares_htmldate(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_htmldate(monkeypatch)
    page = _page(head='<meta property="article:published_time" content="2021-03-05T10:00:00Z">',
                 after="<footer><p>Terms of Use (10 Mar 2001)</p></footer>")
    assert clean(page, kind="html").date == "2021-03-05"


def test_url_path_date_before_a_generic_meta_date(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_htmldate(monkeypatch)
    page = _page(head='<meta name="date" content="2012-07-31">')
    assert clean(page, kind="html", url="https://news.example.com/_news/2012/07/24/1292-story").date == "2012-07-24"


def test_header_time_element(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_htmldate(monkeypatch)
    page = _page(top='<p class="meta">Published <time datetime="2019-10-18T16:06:50+02:00">yesterday</time></p>')
    assert clean(page, kind="html").date == "2019-10-18"


def test_time_in_an_embedded_post_is_not_the_articles() -> None:
    embed = ('<blockquote class="instagram-media"><p><a href="https://instagram.example/p/1">A post</a> am '
             '<time datetime="2019-04-21T23:47:18+00:00">Apr 21, 2019</time></p></blockquote>')
    page = _page(head='<meta property="article:published_time" content="2019-10-18">', top=embed)
    assert clean(page, kind="html").date == "2019-10-18"


@pytest.mark.parametrize(("written", "iso"), [
    ("Wednesday, December 13. 2006", "2006-12-13"),
    ("Sat, 29 Dec 15:58:00 2007", "2007-12-29"),
    ("Wednesday , January 9 , 2008", "2008-01-09"),
    ("06-29-2004, 04:19", "2004-06-29"),
])
def test_written_dates_read_without_dateparser(written: str, iso: str) -> None:
    found = pubdate._written_datetime(written)
    assert found is not None and found.date().isoformat() == iso


@pytest.mark.parametrize(("lang", "url", "iso"), [
    # a US-English page writes the month first
    ("", "https://crafts.example.com/2012/kids", "2012-11-09"),
    ("en-US", "https://crafts.example.co.uk/kids", "2012-11-09"),
    # a country's host, a British page, a German page: the day first
    ("", "https://crafts.example.co.uk/kids", "2012-09-11"),
    ("en-GB", "https://crafts.example.com/kids", "2012-09-11"),
    ("de", "https://basteln.example.com/kinder", "2012-09-11"),
])
def test_an_ambiguous_slash_date_reads_in_the_pages_order(lang: str, url: str, iso: str) -> None:
    headline = "Things to make and do with the children this autumn, from paper lanterns to leaf prints"
    page = (f"<html lang='{lang}'><head><title>{headline}</title></head>"
            f"<body><h1>{headline}</h1><article>{BODY}</article>"
            "<div class='entry-info'><span>11/09/2012 in <a href='/crafts/'>Crafts</a></span></div></body></html>")
    assert clean(page, kind="html", url=url).date == iso


def _naive_first_rule(line: Line) -> object:
    return next((r for r in RULES if r.test(line)), None)


# Lines that each rule family fires on, repeated until they pass every declared bound.
SEEDS = ["Copyright © 2024 Example Ltd. All rights reserved", "Sign up for our newsletter", "Click to enlarge",
         "We use cookies to improve your experience", "English / Español / Deutsch / Français", "By Jane Doe",
         "Published 12 March 2024, 10:31", "Home > News > World", "About | Advertise | Contact", "5,453 views",
         "Skip to main content", "Related articles", "12 Comments", "photo.jpg", "Photo: Jane Doe/Reuters",
         "facebook twitter print email", "3 min read", "2 days ago", "Advertisement", "QR code", "Tel: +1 555 0100"]


@pytest.mark.parametrize("seed", SEEDS)
def test_size_bounds_skip_only_rules_that_cannot_fire(seed: str) -> None:
    for times in (1, 2, 3, 5, 8, 13, 21, 40, 80):
        for joiner in (" ", " | ", ". "):
            line = Line(joiner.join([seed] * times))
            assert registry._first_rule(line) is _naive_first_rule(Line(line.raw)), (seed, times, joiner)


def test_a_copyright_year_is_no_publication_date() -> None:
    # htmldate pads a year it finds alone to 1 January: "Copyright 2008 Reuters" is no day the page names.
    page = _page(after="<div class='credits'><p>Copyright 2008 Reuters. All rights reserved.</p></div>")
    assert clean(page, kind="html").date is None


@pytest.mark.parametrize(("markup", "writes"), [
    ("<p>Posted 1. Januar 2008 in Berlin</p>", True),
    ("<p>On January 1, 2008, and again on March 3, 2008.</p>", True),
    ("<p>Seen 03/04/2008 and 01/01/2008.</p>", True),
    ('<p><time datetime="2008-01-01T10:00">New year</time></p>', True),
    ("<p>Copyright 2008 Reuters. January 8, 2008</p>", False),
])
def test_writes_day(markup: str, writes: bool) -> None:
    from cleaner.html.parse import parse_html
    assert pubdate.writes_day(parse_html(f"<html><body>{markup}</body></html>"), "2008-01-01") is writes


_POSTS = ("<p><a href='/2016/12/30/year-in-review/'>Year in Review</a> - Dec 30, 2016<br>"
          "<a href='/2012/03/11/what-is-a-neighborhood/'>What is a Neighborhood?</a> - March 11, 2012<br></p>")


@pytest.mark.parametrize(("after", "date"), [
    (_POSTS, None),
    ("<ul><li><a href='/a'>Older story one</a> (4 May 2007)</li><li><a href='/b'>Another</a> (1 May 2007)</li></ul>",
     None),
    ("<p class='meta'>By <a href='/author/jane'>Jane Doe</a> - March 3, 2012</p>", "2012-03-03"),
], ids=["run-in-one-element", "run-in-list-items", "byline-link"])
def test_a_date_beside_a_link_in_a_run_of_them_is_the_linked_pages(after: str, date: str | None) -> None:
    # A home page's list of posts, each link followed by its date: the post's date, not the page's.
    assert clean(_page(after=after), kind="html").date == date


def test_a_web_pages_declared_publication_comes_before_its_modification() -> None:
    # SEO plugins declare a WebPage with datePublished and dateModified on every page, and the modification in
    # article:modified_time: the page's own datePublished is its date.
    head = ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage", "@id": "https://example.org/about/",'
            ' "datePublished": "2016-08-30T20:34:09+00:00", "dateModified": "2024-03-15T17:19:56+00:00"}]}</script>'
            '<meta property="article:modified_time" content="2024-03-15T17:19:56+00:00">')
    assert clean(_page(head=head), kind="html", url="https://example.org/about/").date == "2016-08-30"


@pytest.mark.parametrize("head", [
    "<link rel='manifest' href='/images/manifest.json?v=20201130'>",
    "<link rel='mask-icon' href='/images/safari-pinned-tab.svg?v=20201130' color='#000000'>",
    "<meta name='msapplication-config' content='https://example.org/images/browserconfig.xml?v=20201130'>",
], ids=["manifest", "icon", "meta-file"])
def test_a_date_in_the_address_of_a_file_the_page_uses_is_not_its_date(head: str) -> None:
    # A version stamp on an icon or a manifest dates the file, as an image's file name does.
    assert clean(_page(head=head), kind="html").date is None
