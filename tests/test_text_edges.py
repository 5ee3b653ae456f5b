"""The text path at the body's edges: the headline above a lead paragraph, announcements left alone."""

from __future__ import annotations

from conftest import PARAGRAPHS

from cleaner import Options, clean
from cleaner.rules import Line, classify

MENU = ["Home", "News", "Sport", "Weather", "Contact"]
SHARE = ["* Share", "* Tweet", "* Print", "* E-mail", "* Pin"]


def _headed_dump(headline: str, lead: str) -> str:
    """A menu, the headline, a lead paragraph, share buttons between the lead and the body, the body."""
    return "\n".join([*MENU, "", headline, "", lead, "", *SHARE, "", *[p for para in PARAGRAPHS for p in (para, "")]])


def test_a_lead_paragraph_of_two_sentences_is_not_the_headline() -> None:
    lead = ("The council has agreed on the budget of the new library. The vote on the plan follows in June "
            "after the summer break.")
    doc = clean(_headed_dump("Library wins a yes", lead), kind="text")
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


def test_a_comment_form_heading_in_german_ends_the_body() -> None:
    story = ["Der Gemeinderat hat am Dienstag über den Haushalt der neuen Bibliothek beraten, und die "
             "Bürgermeisterin sagte, dass der Plan noch vor dem Sommer zur Abstimmung kommen werde.",
             "Die Bürger hatten seit Jahren längere Öffnungszeiten gefordert, und das neue Gebäude soll ihnen "
             "einen Lesesaal bieten, der an den Werktagen bis zehn Uhr am Abend geöffnet ist.",
             "Die Abstimmung wird im Juni erwartet, wenn der Rat auch über die Kosten für das neue Dach und über "
             "das Geld entscheidet, das die Bibliothek in den nächsten drei Jahren für Bücher ausgeben kann."]
    form = "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit einem Stern markiert."
    dump = "\n".join([*MENU, "", "Rat stimmt dem Haushalt der Bibliothek zu", "",
                      *[p for para in story for p in (para, "")], "Schreibe einen Kommentar", "", form, "",
                      "Name", "Website", "", "Meinen Namen und meine Website in diesem Browser speichern, bis ich "
                      "wieder kommentiere, damit ich sie beim nächsten Mal nicht erneut eingeben muss."])
    doc = clean(dump, kind="text")
    assert story[-1] in doc.text and "veröffentlicht" not in doc.text and "Browser" not in doc.text, doc.text


def test_a_read_also_link_in_spanish_or_german_is_related() -> None:
    for line in ("Lea también: Impiden el ingreso de un reportero al país", "Lea más: El Congreso aprueba la ley",
                 "Lesen Sie hier: Spielabbruch in der Kreisliga nach einem Streit"):
        found = classify(line)
        assert found is not None and found.name == "inline-related-link", line
    assert classify("Lea el informe completo antes de la reunión del martes con el alcalde.") is None


def test_newsletter_prompts_are_promo() -> None:
    for line in ("Never miss the latest news by signing up to our newsletter.",
                 "Get the latest updates and tutorials straight to your inbox.",
                 "Um neue Beiträge per E-Mail zu erhalten, hier die E-Mail-Adresse eingeben."):
        found = classify(line)
        assert found is not None and found.reason == "promo", line


def test_a_lead_paragraph_cut_off_by_share_buttons_stays() -> None:
    lead = ("The council backs the budget of the new library after a long debate. The vote on the plan follows "
            "in June after the summer break.")
    doc = clean(_headed_dump("Council backs the library budget", lead), kind="text")
    assert doc.title == "Council backs the library budget"
    assert doc.text.startswith(lead), doc.text


def test_a_heading_under_the_section_name_below_the_headline_stays() -> None:
    # headline, the section's name, the heading of the first paragraph: two short lines are not a menu
    body = [p for para in PARAGRAPHS for p in (para, "")]
    dump = "\n".join([*MENU, "", "Library friends", "", "Who we are", "", "Our history", "", *body])
    doc = clean(dump, kind="text")
    assert doc.text.startswith("Our history\n"), doc.text
    # ... but the last of a menu's items is no heading
    dump = "\n".join(["Library friends", "", *MENU, "", *body])
    doc = clean(dump, kind="text")
    assert doc.text.startswith(PARAGRAPHS[0]), doc.text


def test_german_further_reading_headings_are_related() -> None:
    for line in ("Weiterlesen:", "Zum Weiterlesen:", "Mehr Themen:", "Weitere Themen"):
        found = classify(line)
        assert found is not None and found.name == "related-heading", line
    assert classify("Mehr Themen als je zuvor standen in diesem Jahr auf der Tagesordnung des Rates.") is None


def test_a_sentence_closed_by_a_german_or_french_quote_mark_ends() -> None:
    for text in ("„Ich weiß, ich sollte das vielleicht nicht sagen…“", "– „Ok.“", "‚Nein.‘",
                 "«Wir waren fast 40 Tage dort.»", "‹Oui.›"):
        assert Line(text).ends_sentence, text
    assert not Line("„Die große Comedy Chance“").ends_sentence


def test_a_comment_link_under_the_headline_does_not_start_the_comments() -> None:
    # A newsletter's prose above the menu; under the headline its tools, "Write a comment" among them. The
    # address ends with the story's numeric id, the slug before it.
    notice = ("Join thousands of people who receive the latest news every day, and read what matters to your "
              "town before your neighbours do, in one short letter each morning.")
    dump = "\n".join([notice, "", *MENU, "", "Council backs library budget after long debate", "",
                      "Author: Jane Doe", "July 30, 2019 1:16 pm", "Write a comment", "", "Share this article:", "",
                      *[p for para in PARAGRAPHS for p in (para, "")]])
    doc = clean(dump, kind="text", url="https://news.example.com/council-backs-library-budget/146774/")
    assert all(para in doc.text for para in PARAGRAPHS), doc.text
    assert notice not in doc.text
