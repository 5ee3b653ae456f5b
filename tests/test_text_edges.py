"""The text path at the body's edges: the headline above a lead paragraph, announcements left alone."""

from __future__ import annotations

from cleaner import Options, clean

PARAGRAPHS = [
    "The council met on Tuesday to discuss the budget for the new library, and the mayor said the plan "
    "would be put to a vote before the summer after a long debate.",
    "Residents had asked for longer opening hours for years, and the new building is meant to give them "
    "a reading room that stays open until ten in the evening on weekdays.",
    "The vote is expected in June, when the council will also decide on the cost of the new roof and on "
    "the money that the library can spend on books over the next three years.",
]
MENU = ["Home", "News", "Sport", "Weather", "Contact"]


def test_a_lead_paragraph_of_two_sentences_is_not_the_headline() -> None:
    lead = ("The council has agreed on the budget of the new library. The vote on the plan follows in June "
            "after the summer break.")
    share = ["* Share", "* Tweet", "* Print", "* E-mail", "* Pin"]  # between the lead and the body
    dump = "\n".join([*MENU, "", "Library wins a yes", "", lead, "", *share, "",
                      *[p for para in PARAGRAPHS for p in (para, "")]])
    doc = clean(dump, kind="text")
    assert doc.title == "Library wins a yes"


def test_an_announcement_whose_list_went_goes_too() -> None:
    dump = "\n".join([*MENU, "", "Council backs the library budget", "",
                      PARAGRAPHS[0], "", PARAGRAPHS[1], "", "Also worth a look:", "", "* Facebook", "* Twitter", "",
                      PARAGRAPHS[2], "", "© 2024 Example News"])
    doc = clean(dump, kind="text", options=Options(with_trace=True))
    assert "worth a look" not in doc.text and PARAGRAPHS[2] in doc.text, doc.text


def test_a_long_paragraph_out_of_the_column_stays() -> None:
    # a table layout indents one long paragraph of the story differently from the rest
    long = " ".join([PARAGRAPHS[0], PARAGRAPHS[2].replace("The vote", "That vote"), PARAGRAPHS[1],
                     "In the end the board of the library thanked everyone for the patience shown."])
    body = [p for para in (*PARAGRAPHS, PARAGRAPHS[1].replace("Residents", "Readers")) for p in (para, "")]
    dump = "\n".join([*MENU, "", "Council backs the library budget", "", *body, "        " + long, "",
                      "© 2024 Example News"])
    assert len(long.split()) >= 100
    doc = clean(dump, kind="text")
    assert long in doc.text, doc.text
