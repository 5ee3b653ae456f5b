"""The body's tail in a text dump: its closing sentence and the list its last paragraph announces."""

from __future__ import annotations

from cleaner import clean

ARTICLE = "\n\n".join(
    f"Paragraph {n} of the report says that the river rose by a metre overnight, and the town's engineers "
    "worked until dawn to keep the old bridge open for the buses and the trucks that bring the food."
    for n in range(1, 6))
FOOTER = "Home\nAbout us\nContact\nPrivacy policy\nImprint"


def _report(tail: str) -> str:
    """The cleaned text of the river report (a headline, ARTICLE) with `tail` written under it."""
    return clean(f"River report\n\n{ARTICLE}\n\n{tail}\n", kind="text").text


def test_a_short_closing_sentence_under_the_last_paragraph_stays() -> None:
    # ten words beside paragraphs of thirty-six: shorter than the tail trim's limit, but a sentence of prose
    closing = "The engineers will report again to the council next week."
    text = _report(f"{closing}\n\n{FOOTER}")
    assert closing in text and "Imprint" not in text


def test_a_sentence_under_a_run_of_labels_still_goes_with_the_tail() -> None:
    promo = "Click here to sign up for our newsletter about the river."
    text = _report(f"Share\nTweet\nPrint\n\n{promo}\n\n{FOOTER}")
    assert "Paragraph 5" in text and promo not in text


def test_the_list_a_closing_paragraph_announces_stays() -> None:
    intro = ("The council has agreed on a plan for the river, and the mayor listed the measures that the town "
             "will take before the next flood arrives:")
    items = ["Raise the old bridge by half a metre", "Keep the river gauges online at every bridge",
             "Open two new pumping stations in the lower town", "Pay the farmers who let the fields flood"]
    bullets = "\n".join(f"  * {item}" for item in items)
    text = _report(f"{intro}\n\n{bullets}\n{FOOTER}")
    assert all(item in text for item in items) and "Imprint" not in text


def test_names_under_a_closing_paragraph_are_a_menu() -> None:
    intro = ("Members of the editorial board also write for the other blogs of the paper, which you can find "
             "here on the site:")
    names = ["The River", "Town Hall", "Sports", "Weather"]
    bullets = "\n".join(f"  * {name}" for name in names)
    text = _report(f"{intro}\n\n{bullets}\n{FOOTER}")
    assert "Town Hall" not in text


def test_the_list_a_heading_under_the_body_announces_stays() -> None:
    items = ["the bridge stays open for buses", "the lower town gets two new pumps",
             "farmers are paid when their fields flood", "the gauges report every ten minutes"]
    bullets = "\n".join(f"  * {item}" for item in items)
    text = _report(f"The plan in short:\n\n{bullets}\n\n{FOOTER}")
    assert all(item in text for item in items) and "Imprint" not in text


def test_a_list_ends_at_a_blank_line_before_deeper_lines() -> None:
    # the last item's wrapped line follows it directly; deeper lines after a blank are another box
    intro = ("The council has agreed on a plan for the river, and the mayor listed the measures that the town "
             "will take before the next flood arrives:")
    bullets = ("  * Raise the old bridge by half a metre before winter\n  * Open two new pumping stations in the\n"
               "    lower town by the end of the year\n\n      Free updates by mail\n\n      Name")
    text = _report(f"{intro}\n\n{bullets}\n\n{FOOTER}")
    assert "lower town by the end of the year" in text and "Free updates by mail" not in text


def test_the_lead_right_under_the_headline_stays_across_a_share_box() -> None:
    # the lead shares no word with the headline (no standfirst), and the share box cuts it off the body
    lead = "Engineers worked through the night as water reached the old stone arches in the town centre."
    box = "Share\nTweet\nPrint\nE-mail\nPhoto gallery\nSubscribe\nNewsletter\nPodcast"
    dump = f"Home\nNews\n\nFlood closes bridge\n\nJane Doe\n\n{lead}\n\n{box}\n\n{ARTICLE}\n\n{FOOTER}\n"
    text = clean(dump, url="https://example.org/news/flood-closes-bridge", kind="text").text
    assert lead in text and "Paragraph 5" in text and "Podcast" not in text


def test_a_dateline_and_a_byline_may_stand_between_the_headline_and_its_lead() -> None:
    lead = "Engineers worked through the night as water reached the old stone arches in the town centre."
    box = "Share\nTweet\nPrint\nE-mail\nPhoto gallery\nSubscribe\nNewsletter\nPodcast"
    dump = (f"Home\nNews\n\nFlood closes bridge\n\n12 March 2021, 09:30\n\nJane Doe\n\n{lead}\n\n{box}\n\n"
            f"{ARTICLE}\n\n{FOOTER}\n")
    text = clean(dump, url="https://example.org/news/flood-closes-bridge", kind="text").text
    assert lead in text and "Podcast" not in text


def test_a_slogan_under_the_last_paragraph_goes() -> None:
    # a sentence's shape, but a list of nouns: few stop words, unlike an article's last sentence
    # paragraphs of 74 words: the tail trim's limit is 20 words, and the slogan has 12
    more = (" The mayor said the repairs would take at least three weeks, and that the town would pay for the "
            "work from its reserves, which the council had built up over the last ten years for such a flood.")
    long = "\n\n".join(p + more for p in ARTICLE.split("\n\n"))
    slogan = "AI-powered research, real-time alerts, and portfolio analytics for institutional investors."
    text = clean(f"River report\n\n{long}\n\n{slogan}\n\n{FOOTER}\n", kind="text").text
    assert "Paragraph 5" in text and slogan not in text
