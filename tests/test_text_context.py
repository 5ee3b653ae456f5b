"""The text path's line classes and body region: which block of a dump is the article."""

from __future__ import annotations

from cleaner import clean
from cleaner.rules import Line, classify
from cleaner.text.classify import GOOD, SHORT, classify_line, quality, said_twice, word_list
from cleaner.text.context import best_region

STORY = ("The council met on Tuesday to discuss the budget for the new library, and the mayor said the plan "
         "would be put to a vote before the summer after a long debate.")
NOTICE = ("We use cookies and similar technologies to store and access information on your device; with your "
          "consent we and our partners process personal data such as browsing behaviour or unique identifiers.")


def test_a_paragraph_that_ends_with_a_colon_is_prose() -> None:
    stop = frozenset({"the", "to", "i", "had", "that", "a", "it", "in", "of"})
    intro = "Long ago I had already taken up the claim that the ministry banned it, and I kept it short:"
    assert quality(Line(intro), stop) == GOOD
    assert quality(Line("Share this with:"), stop) == SHORT


def test_the_maximum_sum_span() -> None:
    assert best_region([-3, 10, -3, 10, -6, -6, -6, 4]) == (1, 3)
    assert best_region([-3, -6, 0]) is None


def test_an_earlier_block_with_half_the_score_wins() -> None:
    # a later block (comments, a consent dialog, an "about us" text) outscores the story above it
    assert best_region([30, 20, *[-6] * 10, 40, 40]) == (0, 1)
    # ... but a stray earlier paragraph far weaker than the body does not take its place
    assert best_region([15, *[-6] * 10, 40, 40]) == (11, 12)


def test_a_consent_dialog_after_the_story_is_not_the_body() -> None:
    menu = ["Home", "News", "Sport", "Weather", "Contact", "Archive", "Share", "Tweet", "Print", "Imprint",
            "Privacy", "Cookie settings"]
    dialog = [NOTICE.replace("We use", f"{who} use") for who in ("We", "They", "Partners", "Sites")]
    dump = "\n".join(["Library budget", "", STORY, "", STORY.replace("council", "board"), "", *menu, "", *dialog])
    doc = clean(dump, kind="text")
    assert "The council met" in doc.text and "personal data" not in doc.text


def test_a_comment_heading_a_comment_head_or_a_reply_button_ends_the_body() -> None:
    comments = ["I made this last week and my family loved it, thanks so much for sharing the recipe with us.",
                "We tried it last month with friends and everybody asked for the recipe, it is a real keeper."]
    article = ["Library budget", "", STORY, "", STORY.replace("council", "board"), ""]
    threads = {
        "heading": ["46 Comments on “Library budget”", "", comments[0], "", comments[1]],
        "head": ["On October 29, 2012 at 2:35am, Rosa said...", "", comments[0], "", "Max said...", "", comments[1]],
        "reply button": [comments[0], "Reply", "", comments[1], "Reply"],
    }
    for kind, thread in threads.items():
        doc = clean("\n".join(article + thread), kind="text")
        assert "The council met" in doc.text and "The board met" in doc.text, kind
        assert "last month" not in doc.text, (kind, doc.text)


def test_a_gallery_of_captions_said_twice_is_not_prose() -> None:
    captions = [f"{who} speaks during a campaign rally at the fairgrounds in {town} on Monday." for who, town in
                (("The mayor", "Dayton"), ("The governor", "Akron"), ("The senator", "Canton"), ("A farmer", "Lima"),
                 ("The candidate", "Toledo"), ("A teacher", "Kent"), ("The sheriff", "Mentor"), ("A nurse", "Parma"))]
    assert said_twice(Line(captions[0] + " " + captions[0] + " Photos: Campaign trail"))
    assert not said_twice(Line(STORY)) and not said_twice(Line(STORY + " " + STORY.replace("council", "board")))
    assert not said_twice(Line(" ".join([STORY] * 5)))  # one sentence over and over: no caption with its alt text
    gallery = [p for caption in captions for p in (caption + " " + caption, "")]
    dump = "\n".join(["Library budget", "", STORY, "", STORY.replace("council", "board"), "", *gallery])
    doc = clean(dump, kind="text")
    assert "The council met" in doc.text and "campaign rally" not in doc.text, doc.text
    # one such line alone may be a page's only paragraph
    assert clean(captions[0] + " " + captions[0], kind="text").text == captions[0] + " " + captions[0]


def test_a_dated_copyright_notice_ends_the_body() -> None:
    legal = ["This material may not be published, broadcast, rewritten, or redistributed in any form.",
             "For more information on this site, please read our privacy policy and the terms of service."]
    article = ["Library budget", "", STORY, "", STORY.replace("council", "board"), ""]
    dump = "\n".join([*article, "Content © Copyright 2000 - 2008 Example News. All Rights Reserved.", "", *legal])
    doc = clean(dump, kind="text")
    assert "The council met" in doc.text and "The board met" in doc.text and "redistributed" not in doc.text, doc.text
    # a credit under a picture within the story is no such notice: the story goes on below it
    dump = "\n".join([*article, "© Example Agency", "", STORY.replace("council", "jury")])
    doc = clean(dump, kind="text")
    assert "The jury met" in doc.text, doc.text


def _between_menus(menu: list[str], *blocks: str | list[str]) -> str:
    """A dump: the menu, each block (a line, or lines written one under the other) after a blank line, the menu."""
    lines = [*menu]
    for block in blocks:
        lines += ["", *([block] if isinstance(block, str) else block)]
    return "\n".join([*lines, "", *menu])


def test_an_ingredient_list_above_the_method_stays() -> None:
    ingredients = ["* 1 Pck. Vanillepuddingpulver", "* 350 g Zucker", "* 500 ml Milch", "* 4 EL Milch",
                   "* 2 TL Backpulver", "* 200 g Schlagsahne"]
    method = ["Für die Creme das Puddingpulver mit dem Zucker und etwas Milch in einer Schüssel glatt rühren, "
              "die übrige Milch aufkochen und das Pulver unter Rühren einstreuen.",
              "Den Teig in die Form geben, die Kirschen darauf verteilen und den Kuchen im vorgeheizten Ofen etwa "
              "vierzig Minuten backen, bis er an der Oberfläche goldbraun ist."]
    menu = ["Rezepte", "Kochen", "Backen", "Getränke", "Magazin"]
    dump = _between_menus(menu, "Kirschkuchen mit Creme", "Zutaten", ingredients, "Zubereitung", method[0], method[1])
    doc = clean(dump, kind="text")
    assert "350 g Zucker" in doc.text and "Vanillepuddingpulver" in doc.text and method[1] in doc.text, doc.text
    assert "Magazin" not in doc.text


def test_a_spec_sheet_above_the_description_stays_and_colon_headlines_do_not() -> None:
    specs = ["Genauigkeitsklasse: 0,5s", "Nennspannung: 380 VAC", "Lieferzeit: 15 - 21 Tage",
             "Verdicker/Basisöl: Li-Seifen/Mineralöl", "Farbe: grau"]
    text = ["Der Zähler misst die Energie in Anlagen mit drei Phasen und zeigt die Werte auf einem großen Display an, "
            "das auch aus der Entfernung gut lesbar ist.",
            "Er wird auf einer Hutschiene montiert und kann über die eingebaute Schnittstelle an ein Netzwerk "
            "angeschlossen werden, damit die Daten laufend ausgelesen werden können."]
    menu = ["Shop", "Zähler", "Kabel", "Sensoren", "Kontakt"]
    dump = _between_menus(menu, "Energiezähler für drei Phasen", specs, "Beschreibung", text[0], text[1])
    doc = clean(dump, kind="text")
    assert "Lieferzeit: 15 - 21 Tage" in doc.text and text[1] in doc.text, doc.text
    # headlines of other stories with a colon are no spec sheet
    teasers = ["John Edwards Trial: Free At Last for the Defence", "Good News: New Jobs Now Tout Made In America",
               "Breaking: All Radio Ads Suspended by Advertisers", "Poll: Support Steadily Falling in Ohio"]
    dump = "\n".join([*menu, "", "Library budget", "", STORY, "", STORY.replace("council", "board"), "", *teasers])
    doc = clean(dump, kind="text")
    assert "The board met" in doc.text and "Free At Last" not in doc.text, doc.text


def test_an_about_line_of_a_side_menu_does_not_end_the_body() -> None:
    paragraphs = [STORY.replace("council", who) for who in ("council", "board", "jury", "panel", "court", "senate")]
    body = [p for para in paragraphs for p in (para, "")]
    # a table layout runs a side menu into the page: its "About ..." item stands after the second paragraph
    dump = "\n".join(["Library budget", "", *body[:4], "About Library Friends Network", "", *body[4:]])
    doc = clean(dump, kind="text")
    assert "The senate met" in doc.text, doc.text
    # an author box after the story still ends it
    bio = ("Jane Doe writes about the town and its people, and she has covered the council for the paper since "
           "she moved here ten years ago.")
    dump = "\n".join(["Library budget", "", *body[:4], "About Jane Doe", "", bio, "", *body[4:]])
    doc = clean(dump, kind="text")
    assert "The board met" in doc.text and "Jane Doe writes" not in doc.text, doc.text


def test_a_list_run_together_on_one_line_is_not_prose() -> None:
    months = " ".join(f"{m} 2012" for m in ("December", "November", "October", "September", "August", "July",
                                           "June", "May", "April", "March", "February", "January"))
    counted = " ".join(f"{tag} ({n})" for n, tag in enumerate(("Travel", "Food", "Garden", "Music", "Family",
                                                              "Books", "Cinema", "Health"), 3))
    assert word_list(Line("Select Month " + months))
    assert word_list(Line("Categories " + counted))
    assert not word_list(Line(STORY)) and not word_list(Line(STORY + " " + STORY))
    # a short story beside a long month archive: the archive neither outscores nor joins it
    dump = "\n".join(["Library budget", "", STORY, "", "Archives", "", "Select Month " + months + " " + months])
    doc = clean(dump, kind="text")
    assert "The council met" in doc.text and "2012" not in doc.text


def test_a_short_story_above_a_long_comment_thread_is_the_body() -> None:
    story = "The council met on Tuesday to discuss the budget for the new library in the old town."
    comment = ("I have lived in this town for forty years and I can tell you that every one of these plans was "
               "promised before, and every time the money went somewhere else; the library is still waiting, "
               "the roof still leaks, and nobody on the council seems to care about the people who use it.")
    thread = []
    for who in ("Rosa", "Max", "Ana"):
        thread += [f"{who} says:", "", comment, "", "Reply", ""]
    share = ["Share this:", "Twitter", "Facebook", "Print", "Email", "Like this:", "Loading..."]
    dump = "\n".join(["Library budget", "", story, "", *share, "", "3 Comments on “Library budget”", "", *thread])
    doc = clean(dump, kind="text")
    assert "The council met" in doc.text and "forty years" not in doc.text


def test_a_short_post_above_a_comment_form_is_the_body() -> None:
    # a short post, the form to write a comment, a menu, then sidebar teasers that outscore the post
    post = ("The council met on Tuesday to discuss the budget for the new library, and the mayor said the plan "
            "would be put to a vote before the summer.")
    form = ["Your email address will not be published. Required fields are marked with a star.", "", "Name *",
            "Email *", "Website", "Post Comment"]
    menu = [f"* {w}" for w in ("Sailing", "Rowing", "Harbour", "Weather", "Charts", "Events", "Shop", "Team")]
    teasers = ["The town has opened a new park by the river, and everyone who lives nearby is invited to come and "
               "see what has been built there over the last two years.",
               "Our sailing club held its first race of the year on Sunday, and the wind was strong enough to keep "
               "every crew busy from the start to the very end.",
               "A bakery in the old market square has won a prize for its bread, which is still made by hand with "
               "flour from a mill in the next valley.",
               "Volunteers cleaned the shore of the lake last weekend and filled more than forty bags with plastic "
               "that had been left behind by visitors in the summer."]
    topics = ("Park", "Race", "Bread", "Lake")
    sidebar = [p for topic, teaser in zip(topics, teasers, strict=True) for p in (topic, "", teaser, "")]
    for heading in ("Leave a Reply", "Schreibe einen Kommentar"):
        dump = "\n".join(["Home", "News", "Contact", "", "Library budget", "", post, "", heading, "", *form, "",
                          *menu, "", *sidebar])
        doc = clean(dump, kind="text")
        assert "The council met" in doc.text and "by the river" not in doc.text, (heading, doc.text)
    # a link to the comments in the toolbar above the story is not the form: the story stays the body
    toolbar = ["* Print", "* Post comment", "* Text size"]
    story = [p for who in ("council", "board", "jury") for p in (post.replace("council", who), "")]
    dump = "\n".join([teasers[0], "", *menu, "", "Library budget", "", *toolbar, "", *story])
    doc = clean(dump, kind="text")
    assert "The board met" in doc.text and "by the river" not in doc.text, doc.text


def test_a_list_a_colon_announces_does_not_split_the_article() -> None:
    intro = ("The new harness is the lightest we have ever made, and it took our team two years of testing in "
             "the mountains to get there.")
    outro = ("The backpack follows the same idea: everything that is not needed on a race day has gone, and what "
             "is left was made lighter without losing any of its strength in the cold.")
    items = ["* Weighs only 68 grams in total", "* Folds down to the size of a wallet", "* Adjustable waist belt with "
             "an elastic cord", "* Leg loops that open with one hand", "* Made of very light nylon and polyethylene",
             "* Breathes well on a long climb", "* Gear loop for a small ice screw", "* Packs into its own pocket"]
    dump = "\n".join(["Home", "Shop", "Contact", "", intro, "", "Product details:", "", *items, "", outro])
    doc = clean(dump, kind="text")
    assert "lightest we have ever made" in doc.text and "race day" in doc.text and "68 grams" in doc.text


def test_a_script_error_printed_into_the_page_is_not_prose() -> None:
    warning = ("Warning: Use of undefined constant comments - assumed 'comments' (this will throw an Error in a "
               "future version of PHP) in /var/www/site/wp-content/themes/plain/single.php on line 30")
    assert classify(warning) is not None and classify(warning).name == "script-error"
    assert classify("Warning: the river may rise in the night on line 3 of the map.") is None
    dump = "\n".join(["Library budget", "", STORY, "", "Share", "Print", "Email", "", warning, "", warning,
                      "", warning.replace("30", "31"), "", warning.replace("comments", "trackbacks")])
    doc = clean(dump, kind="text")
    assert "The council met" in doc.text and "undefined constant" not in doc.text


def test_the_article_under_the_headline_the_url_names_beats_a_longer_dialog_at_the_end() -> None:
    story = ("The city library will close for three months this winter while workers replace the old roof, "
             "the council said on Tuesday, and the reading rooms will move to the school across the street.")
    dialog = [
        "Please fill in every field marked with a star before you send the form to us, so that we can answer.",
        "This e-mail address does not seem to be right: it has to hold an @ and a domain that exists, like ours.",
        "There is no account for this e-mail address yet, or the password you typed in does not match the one we have.",
        "Your password must be at least eight characters long and should hold a number and a capital letter too.",
        "This address is already known to us, so please sign in with your account and then add a profile for children.",
    ]
    menu = ["Home", "News", "Sport", "Weather", "Search", "Sign in"]
    footer = [f"{section} {n}" for section in ("News", "Sport", "Weather", "Culture") for n in range(10)]
    dump = "\n".join([*menu, "", "Library roof repairs", "", story, "", "Share", "Print", "", *footer, "",
                      *[x for line in dialog for x in (line, "")]])
    doc = clean(dump, kind="text", url="https://news.example.org/city/library-roof-repairs-100.html")
    assert "The city library will close" in doc.text and "password" not in doc.text


def test_a_table_of_contents_does_not_cut_the_intro_off_the_article() -> None:
    intro = ("Over the years these actors have left their mark on film and television, and in this article we "
             "look at the careers of the most successful of them and at what made each of them stand out.")
    names = ["Ada Lind", "Bo Carver", "Cy Moreno", "Di Okafor", "Ed Walsh", "Flo Hart", "Gus Ilves", "Hal Brandt",
             "Ida Kova", "Jo Pratt", "Kit Mayer", "Lu Chen"]
    toc = [f"{n}. {name}" for n, name in enumerate(names, 1)]
    sections = []
    for n, name in enumerate(names, 1):
        sections += [f"{n}. {name}", "", f"{name} began acting at the age of fifteen and has since played in more "
                     "than thirty films, several of which won prizes at the festivals in Berlin and in Cannes.", ""]
    dump = "\n".join(["Home", "Film", "Music", "", "The most successful actors", "", intro, "", "Contents", "",
                      *toc, "", *sections])
    doc = clean(dump, kind="text")
    assert "left their mark" in doc.text and "Lu Chen began acting" in doc.text


def test_a_notice_at_the_top_gives_way_to_the_article_under_the_headline_the_url_names() -> None:
    notice = ["Dear visitors, we are glad that you came to our pages, but your browser is out of date and some "
              "parts of this site may not work as they should when you use it.",
              "Please install one of the browsers below, which are free of charge, and come back to us; if you "
              "have any question, write to us and we will be happy to help you with it."]
    story = ("The national team will not meet for the regional camp in February either, and its next games "
             "will be played in March against the Netherlands, the federation said on Wednesday.")
    menu = [f"{section} {n}" for section in ("Teams", "Events", "Clubs", "Shop", "Media") for n in range(10)]
    more = ("The clubs of the league can use the free dates for the games that had to be put off in the winter, "
            "and the coach will name the squad for March at the end of this month.")
    dump = "\n".join([notice[0], "", notice[1], "", *menu, "", "No regional camp again", "", story, "", more, "",
                      "Share", "Print"])
    url = "https://sport.example.org/teams/women/no-regional-camp-again/"
    doc = clean(dump, kind="text", url=url)
    assert "next games" in doc.text and "browser" not in doc.text


def test_a_listing_that_repeats_its_blurbs_does_not_outscore_the_article() -> None:
    # a shop's product list under a short article repeats the same blurb for every product
    blurb = ("Aged for at least two years, of which at least six months were spent in oak barrels, as the rules of "
             "the region demand for every wine that carries this name on its label.")
    article = ["Wine region", "", STORY, "", *["Home", "Shop", "Cart"] * 3]
    listing = []
    for n in range(8):
        listing += [f"Product {n}", "", blurb, "", "Price:", "9.50 EUR", ""]
    doc = clean("\n".join(article + listing), kind="text")
    assert "The council met" in doc.text, doc.text


def test_a_run_of_data_items_in_the_body_is_content() -> None:
    # ingredients with quantities and a spec table of keys and values are the article, not a menu
    tail = [STORY.replace("council", "board"), "", STORY.replace("council", "club")]
    for items in (["200 g flour", "2 cups milk", "3 tbsp butter", "a pinch of salt"],
                  ["Origin: Sidamo, Ethiopia", "Process: washed", "Alcohol: 13 %", "Grapes:", "Tempranillo"]):
        doc = clean("\n".join(["Our recipe", "", STORY, "", *items, "", *tail]), kind="text")
        assert all(item in doc.text for item in items), doc.text
    # ... while a run of bare names between two paragraphs still goes
    doc = clean("\n".join(["Our recipe", "", STORY, "", "Home", "News", "Sport", "Contact", "", *tail]), kind="text")
    assert "Sport" not in doc.text


def test_a_run_whose_first_line_announces_it_is_a_list() -> None:
    items = ["Product details:", "two floors", "varnished pine wood", "powder-coated metal grid"]
    tail = [STORY.replace("council", "board"), "", STORY.replace("council", "club")]
    doc = clean("\n".join(["Rabbit hutch", "", STORY, "", *items, "", *tail]), kind="text")
    assert all(item in doc.text for item in items), doc.text


def test_data_items_a_colon_announces_do_not_split_the_body() -> None:
    # a long list of short ingredients costs the region nothing, so the method below it stays with the story
    items = [f"{n} g {food}" for n, food in zip(range(100, 1300, 100), ("flour", "sugar", "butter", "rice", "oats",
                                                                       "nuts", "figs", "dates", "salt", "milk",
                                                                       "cream", "honey"), strict=True)]
    method = STORY.replace("council", "board")
    doc = clean("\n".join(["Our cake", "", STORY, "", "Ingredients:", *items, "", method]), kind="text")
    assert "The council met" in doc.text and "The board met" in doc.text and "1200 g honey" in doc.text, doc.text


def test_a_fraction_or_a_spoon_is_a_quantity() -> None:
    items = ["½ cup orange juice", "1 teaspoon ground garlic", "2 tablespoons fresh thyme", "A pinch of salt"]
    tail = [STORY.replace("council", "board"), "", STORY.replace("council", "club")]
    doc = clean("\n".join(["Cranberry sauce", "", STORY, "", *items, "", *tail]), kind="text")
    assert all(item in doc.text for item in items), doc.text


ARTICLE = "\n\n".join(
    f"Paragraph {n} of the report says that the river rose by a metre overnight, and the town's engineers "
    "worked until dawn to keep the old bridge open for the buses and the trucks that bring the food."
    for n in range(1, 6))


def test_a_thread_of_stamped_heads_ends_the_article() -> None:
    # every comment opens with its author and one time-stamp format; the article has no such head
    names = ("Andrew Moylan", "Stan", "Daniel Lemire")
    thread = "\n\n".join(f"{name} 07.19.12 at 0{n}:57\n\nI tried this at home{n} and the results were "
                         f"nothing like what the report describes for the bridge." for n, name in enumerate(names))
    text = clean(f"River report\n\n{ARTICLE}\n\n{thread}\n", kind="text").text
    assert "Paragraph 5" in text
    assert "at home" not in text and "Lemire" not in text


def test_a_forum_thread_keeps_its_posts() -> None:
    # the same stamped heads stand above the body too: the posts are the content
    posts = "\n\n".join(f"{name} 07.19.12 at 0{n}:57\n\n{ARTICLE.replace('Paragraph', name)}" for n, name in
                          enumerate(("whilden", "Calavaro", "garo", "MarcC")))
    text = clean(f"Forum topic\n\n{posts}\n", kind="text").text
    assert "garo 5" in text and "MarcC 5" in text


def test_a_poem_of_short_lines_is_not_a_menu() -> None:
    # each verse line goes on with the sentence of the one before; a menu's items each start a name
    poem = ("To be like a river that flows\nsilent through the night,\nnot fearing the darkness and\n"
            "reflecting any stars high in the sky.")
    text = clean(f"River report\n\n{ARTICLE}\n\n{poem}\n\nHome\nAbout\nContact\n", kind="text").text
    assert "silent through the night," in text and "reflecting any stars high in the sky." in text
    assert "Contact" not in text


def test_headlines_run_together_on_one_line_are_not_prose() -> None:
    stop = frozenset({"the", "of", "to", "a", "in", "and", "for", "at", "on", "is"})
    menu = Line("Jump To: Other Team Blogs The Main Blog Middle Class Task Force Council of Economic Advisers "
                "Energy Policy Office Health Reform Office Science Desk Women's Council Photo Gallery Video Archive")
    assert classify_line(menu, stop).removed
    prose = Line("The council of economic advisers met on Tuesday, and the task force said the energy office "
                 "would send its report to the main committee before the summer recess began in the capital")
    assert not classify_line(prose, stop).removed


def test_teasers_cut_short_with_an_ellipsis_are_not_the_article() -> None:
    teasers = "\n\n".join(f"Headline {n}\n\nThe mayor said on Monday that the plan for district {n} would go "
                          "to a vote, and the council members who opposed it ..." for n in range(1, 4))
    text = clean(f"River report\n\n{ARTICLE}\n\nMore stories\n\n{teasers}\n", kind="text").text
    assert "Paragraph 5" in text and "district 2" not in text


def test_a_page_that_is_only_a_listing_keeps_its_teasers() -> None:
    teasers = "\n\n".join(f"The mayor said on Monday that the plan for district {n} would go to a vote, and "
                          "the council members who opposed it ..." for n in range(1, 5))
    assert "district 3" in clean(f"Job listings\n\n{teasers}\n", kind="text").text
