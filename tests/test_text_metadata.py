"""Metadata read off a text dump's lines (cleaner/metadata/from_text.py): the author in a written byline,
the date, the title."""

from __future__ import annotations

import pytest
from conftest import PARAGRAPHS

from cleaner import clean
from cleaner.metadata.from_text import find_author
from cleaner.rules import Line
from cleaner.rules.navigation import trail_end

MENU = ["Home", "* Local News", "* Sport", "* Weather", "Contact"]
URL = "https://news.example.com/2021/03/council-backs-library-budget"


def _dump(*head: str) -> str:
    """A menu, the headline, the given lines under it, the body."""
    return "\n".join([*MENU, "", "Council backs the library budget", "", *head, "",
                      *[p for para in PARAGRAPHS for p in (para, "")]])


@pytest.mark.parametrize("head", [
    ["Von Jane Doe 19. Oktober 2019 00:04 Uhr"],
    ["Jane Doe 19.10.2019, 05:00 Uhr"],
    ["Jane Doe / 22.04.2020 / 06:15 / Foto: Example / 150 /"],
    ["October 19, 2019 by Jane Doe"],
    ["March 3, 2021", "Jane Doe"],
    ["By", "Jane Doe", "March 3, 2021"],
    ["6. Dezember 2022 von Jane Doe in Kultur , Politik"],
], ids=["von-name-date", "name-date", "name-slash-date", "date-by-name", "name-under-date", "by-alone",
        "date-von-name-in"])
def test_a_written_byline_under_the_headline_names_the_author(head: list[str]) -> None:
    doc = clean(_dump(*head), kind="text", url=URL)
    assert doc.title == "Council backs the library budget"
    assert doc.author == "Jane Doe", head


@pytest.mark.parametrize("head", [
    ["January 13, 2020 | categories: Politics | View Comments"],
    ["For Immediate Release: March 3, 2021"],
    ["Originally Posted 1/16/2008 6:55:25 PM"],
    ["March 3, 2021", "Local News"],
    ["Foto: Jane Doe 19.10.2019"],
    ["March 3, 2021", "The Briefing"],
], ids=["control-label", "stamp-label", "stamp-words", "section-name", "photo-credit", "article-first"])
def test_a_label_beside_the_date_is_no_author(head: list[str]) -> None:
    assert clean(_dump(*head), kind="text", url=URL).author is None


def test_the_next_elements_words_run_on_after_a_name_are_dropped() -> None:
    doc = clean(_dump("21/06/2014 Jane Doe All , Books , Reviews"), kind="text", url=URL)
    assert doc.author == "Jane Doe"


GERMAN = [
    "Der Gemeinderat hat am Dienstag über den Haushalt der neuen Bibliothek beraten, und der Bürgermeister sagte, "
    "dass über den Plan noch vor dem Sommer abgestimmt werden soll, nach einer langen Debatte.",
    "Die Bürger hatten seit Jahren längere Öffnungszeiten gefordert, und das neue Gebäude soll ihnen einen "
    "Lesesaal geben, der an Werktagen bis zehn Uhr am Abend geöffnet bleibt.",
    "Die Abstimmung wird im Juni erwartet, wenn der Rat auch über die Kosten des neuen Dachs und über das Geld "
    "entscheidet, das die Bibliothek in den nächsten drei Jahren für Bücher ausgeben kann.",
]


def _german_dump(*head: str) -> str:
    return "\n".join([*MENU, "", "Rat stimmt dem Haushalt der Bibliothek zu", "", *head, "",
                      *[p for para in GERMAN for p in (para, "")]])


def test_the_dateline_under_the_headline_is_the_date_not_a_sidebars() -> None:
    dump = "\n".join(["Latest: May 2, 2019", _dump("By Jane Doe, August 14, 2020 2:30 pm")])
    assert clean(dump, kind="text", url=URL).date == "2020-08-14"


def test_an_updated_stamp_under_the_headline_gives_way_to_the_dateline_above_it() -> None:
    dump = "\n".join([*MENU, "", "Home | By Jane Doe | 30 September 2018", "Council backs the library budget", "",
                      "Article updated on 7 January 2020.", "", *PARAGRAPHS])
    assert clean(dump, kind="text", url=URL).date == "2018-09-30"


def test_a_slash_date_is_day_first_but_on_an_english_page() -> None:
    assert clean(_german_dump("Von Jane Doe | 03/05/2022 20:36"), kind="text").date == "2022-05-03"
    assert clean(_dump("By Jane Doe | 03/05/2022 20:36"), kind="text").date == "2022-03-05"


def test_a_date_inside_a_paragraph_under_the_headline_is_the_storys() -> None:
    dump = _dump("Officials said on January 5, 2020 that the plan had been delayed again for a second time, "
                 "and the council would meet once more before the summer to settle the cost of the roof.")
    assert clean(dump, kind="text", url=URL).date is None


LONG_HEADLINE = "Council backs the budget of the new library after a long debate"


def _titled_dump(*top: str) -> str:
    return "\n".join([*MENU, "", *top, "", *[p for para in PARAGRAPHS for p in (para, "")]])


@pytest.mark.parametrize("top", [
    [f"Home » News » {LONG_HEADLINE}"],
    [f"You are here: Home / Local / {LONG_HEADLINE}"],
    [f"Home Local {LONG_HEADLINE}", LONG_HEADLINE],
    [f"Library row – {LONG_HEADLINE}", LONG_HEADLINE],
], ids=["trail", "trail-you-are-here", "glued-trail-then-headline", "kicker-dash"])
def test_the_headline_comes_without_what_a_dump_ran_on_before_it(top: list[str]) -> None:
    # The address names the section and the kicker's words too: the longer line is the better guess at first.
    doc = clean(_titled_dump(*top), kind="text", url="https://news.example.com/local/library-row/council-budget")
    assert doc.title == LONG_HEADLINE
    assert LONG_HEADLINE not in doc.text


def test_a_kicker_with_a_colon_stays_in_the_headline() -> None:
    doc = clean(_titled_dump("Council: Library budget backed", "Library budget backed"), kind="text", url=URL)
    assert doc.title == "Council: Library budget backed"


@pytest.mark.parametrize(("text", "end"), [
    ("Home » News » Council backs the library budget", "Council backs the library budget"),
    ("Startseite > Politik > Rat stimmt zu", "Rat stimmt zu"),
    ("Home / Council backs the library budget", "Council backs the library budget"),
    ("News / Council backs the library budget", None),  # two items, no home link: not a trail
    ("Home » News » Weather", "Weather"),
    ("The council backs the budget", None),
])
def test_trail_end(text: str, end: str | None) -> None:
    assert trail_end(text) == end


MORE = [
    "The mayor said the library would also lend tools and games, as the one in the next town has done for "
    "years, and that the new reading room would host readings by local writers.",
    "Some councillors asked whether the city could afford the running costs, and the finance office will "
    "answer their questions in writing before the vote takes place in June.",
    "A group of parents handed in a letter with more than two thousand names asking for a children's corner "
    "with picture books in several languages and a small stage for puppet plays.",
]


def test_a_dateline_under_the_body_dates_a_page_without_one_by_its_headline() -> None:
    # The story runs past the headline's byline window; the date follows it, after its share buttons.
    dump = "\n".join([_dump(), *[p for para in MORE for p in (para, "")], "* Share", "* Tweet", "",
                      "Datum: 15.12.2021", "", "© 2024 Example"])
    assert clean(dump, kind="text", url=URL).date == "2021-12-15"


def test_a_date_by_the_headline_outranks_one_under_the_body() -> None:
    dump = "\n".join([_dump("March 3, 2021"), *[p for para in MORE for p in (para, "")], "Datum: 15.12.2021"])
    assert clean(dump, kind="text", url=URL).date == "2021-03-03"


@pytest.mark.parametrize(("line", "author"), [
    ("By Jane Doe 11 February 2020", "Jane Doe"),
    ("Von der Testpflicht bei der 2G ausgenommen", None),
])
def test_a_bylines_name_ends_before_its_date_and_is_written_as_a_name(line: str, author: str | None) -> None:
    assert find_author([Line(line)], [0]) == author


@pytest.mark.parametrize(("line", "german", "iso"), [
    ("Jane Doe 28.09.19 12:44", True, "2019-09-28"),
    ("30/10/23 | Example News", True, "2023-10-30"),
    ("Dateline: 03/09/99", False, "1999-03-09"),
])
def test_a_byline_date_with_a_two_digit_year(line: str, german: bool, iso: str) -> None:
    dump = _german_dump(line) if german else _dump(line)
    assert clean(dump, kind="text", url=URL).date == iso
