"""Pruning: each removed subtree carries its family, rule and path; the main body is protected."""

from __future__ import annotations

from cleaner import clean
from cleaner.html.parse import parse_html
from cleaner.html.prune import prune
from cleaner.rules.selectors import element_rule

STORY = "".join(f"<p>Paragraph {i} of the story tells readers what happened in the town hall meeting "
                f"on that long evening, and why the council voted the way it did.</p>" for i in range(8))


def _page(extra: str, wrapper: str = '<div class="entry-content">{}</div>') -> str:
    return f"<html><body><h1>Council votes</h1>{wrapper.format(STORY)}{extra}</body></html>"


def _removed(page: str) -> dict[str, tuple[str, str, str]]:
    root = parse_html(page)
    return {r.text[:20]: (r.reason, r.rule, r.path) for r in prune(root).removals}


def test_hidden_subtrees_go_with_reason_and_path() -> None:
    removed = _removed(_page('<div style="display: none">Hidden copy of the story text</div>'
                             '<div hidden>Hidden attribute text here</div>'
                             '<div aria-hidden="true">Aria hidden text here</div>'))
    assert removed["Hidden copy of the st"[:20]][:2] == ("hidden", "hidden-style")
    assert removed["Hidden attribute tex"][:2] == ("hidden", "hidden-attribute")
    assert removed["Aria hidden text her"][:2] == ("hidden", "aria-hidden")
    assert all(path.startswith("/html/body/") for _, _, path in removed.values())


def test_comment_thread_related_cards_and_cookie_banner_go() -> None:
    removed = _removed(_page('<section id="comments"><p>Great post, thanks for sharing this!</p></section>'
                             '<div class="related-posts"><a href="/a">Another story</a></div>'
                             '<div class="cookie-consent">We use cookies to improve your experience.</div>'
                             '<div class="newsletter-signup">Get our newsletter every morning.</div>'))
    families = {reason for reason, _, _ in removed.values()}
    assert {"comments", "related", "cookie_banner", "promo"} <= families


def test_main_container_is_never_pruned_whatever_its_class() -> None:
    page = _page("", wrapper='<div class="content-with-sidebar widget-area">{}</div>')
    doc = clean(page, kind="html")
    assert "town hall meeting" in doc.text


def test_taxonomy_classes_are_not_noise() -> None:
    assert element_rule("article", {"class": "post tag-comments category-related"}) is None
    assert element_rule("div", {"class": "post-comments"}) == ("comments", "class-comments")
    assert element_rule("div", {"id": "relatedStories"}) == ("related", "class-related-stories")


def test_link_list_outside_main_goes() -> None:
    links = "".join(f'<li><a href="/c{i}">Category {i}</a></li>' for i in range(10))
    removed = _removed(_page(f'<div class="col"><ul>{links}</ul></div>'))
    assert ("navigation", "link-list") in {(r, rule) for r, rule, _ in removed.values()}


def test_explain_shows_removed_subtrees() -> None:
    doc = clean(_page('<div class="cookie-banner">We use cookies on this site.</div>'), kind="html")
    cookie = [r for r in doc.removed if r.reason == "cookie_banner"]
    assert cookie and cookie[0].path and cookie[0].rule.startswith("class-")


def test_line_rules_judge_small_blocks_outside_the_body() -> None:
    banner = ("<div><p>We use cookies to improve your experience on our site. By continuing to browse, "
              "you agree to our use of cookies.</p><button>Accept</button></div>")
    removed = _removed(_page(f"<div class='x'>{banner}<div>{'Other page text. ' * 50}</div></div>"))
    assert ("cookie_banner", "cookie-notice") in {(r, rule) for r, rule, _ in removed.values()}


def test_section_headed_related_goes_with_its_heading() -> None:
    section = ("<div><h3>You might also like</h3><ul><li>Bridge opens downtown</li><li>School starts early</li>"
               "</ul></div>")
    removed = _removed(_page(f"<div class='x'>{section}<div>{'Other page text. ' * 50}</div></div>"))
    assert ("related", "related-heading") in {(r, rule) for r, rule, _ in removed.values()}


def _story_and_thread(opening: str, comment: str) -> str:
    """The story, then `opening` and twelve comments (`comment` formatted with 0..11), in one container."""
    thread = "".join(comment.format(i) for i in range(12))
    return (f"<html><body><div class='content'><h1>Council votes</h1>{STORY}{opening}{thread}</div>"
            "</body></html>")


def test_comment_thread_written_into_the_main_container_goes_from_its_heading() -> None:
    # The thread is not wrapped in a comments container: a heading, then comment and byline again
    # and again, siblings of the story's own paragraphs (and longer than the story).
    comment = ("<div id='c{0}'><p>Comment {0}: I read this with great interest and I think the council was right "
               "to vote the way it did, although the evening was far too long for everyone there.</p></div>"
               "<p class='posted'>Posted by: Reader {0} at September 10, 2012 12:{0:02d} PM</p>")
    doc = clean(_story_and_thread("<p class='posted'>Posted by the editor at September 10, 2012 9:01 AM</p>"
                                  "<h2 id='comments'>Comments</h2>", comment), kind="html")
    assert "Paragraph 7 of the story" in doc.text
    assert "Comment 0:" not in doc.text and "Comment 11:" not in doc.text
    assert any(r.rule == "comment-thread" for r in doc.removed)


def test_comment_thread_after_a_named_comments_anchor_goes() -> None:
    comment = ("<div class='b_box'>Posted by: Reader {0}, Bolton on 8:{0:02d}pm Tue 1 Jan 08</div>"
               "<div class='entry'>Comment {0}: as long as the council listens to the people who live here, "
               "I think this plan may work out fine for the whole town in the end.</div>")
    doc = clean(_story_and_thread("<a name='comments'></a>", comment), kind="html")
    assert "Paragraph 7 of the story" in doc.text
    assert "Comment 0:" not in doc.text and "Posted by: Reader 3" not in doc.text


def test_paragraphs_written_as_divs_make_their_parent_the_main_container() -> None:
    divs = "".join(f"<div>Paragraph {i} of the story tells readers what happened in the town hall meeting "
                   f"on that long evening, and why the council voted the way it did.<br></div>" for i in range(6))
    about = "About this blog: " + "we write about the town, its council and its people every week. " * 5
    page = (f"<html><body><div class='post-body'>{divs}</div>"
            f"<div class='profile'>{about}<a href='/me'>More</a></div></body></html>")
    main = prune(parse_html(page)).main
    assert main is not None and main.get("class") == "post-body"


def test_a_sign_up_forms_notices_are_not_the_main_container() -> None:
    # A log-in dialog's form holds more paragraph text than either half of a story split in two: the form,
    # a minor part of the page, is never the main container.
    terms = "".join(f"<p>Notice {i}: your password needs eight characters, a capital letter and a digit, and "
                    f"you accept the terms of use and the privacy policy of this site.</p>" for i in range(6))
    half = STORY[: len(STORY) // 2]  # four paragraphs
    page = (f"<html><body><h1>Council votes</h1><div class='part'>{half}</div><div class='part'>{half}</div>"
            f"<div class='dialog'><form><input type='email'><input type='password'><div>{terms}</div></form></div>"
            "</body></html>")
    main = prune(parse_html(page)).main
    assert main is not None and main.get("class") == "part"


def test_an_faq_accordion_in_the_story_is_not_a_list_of_teaser_cards() -> None:
    # Each item: a toggle (<a> without href) around a heading, and a panel of prose. A link that goes
    # nowhere makes no card of another article.
    items = "".join(f"<li class='accordion-item'><a class='accordion-title' role='tab'><h3>Question {i}</h3></a>"
                    f"<div role='tabpanel'>Answer {i}: the car is yours from the first day, and you may sell it "
                    "whenever you like.</div></li>" for i in range(5))
    removed = _removed(_page(f"<ul class='accordion'>{items}</ul>"))
    assert not any(rule == "teaser-cards" for _, rule, _ in removed.values())
    cards = "".join(f"<li><a href='/story-{i}'><h3>Other story {i}</h3></a><p>Teaser {i}.</p></li>" for i in range(5))
    assert ("related", "teaser-cards") in {(r, rule) for r, rule, _ in _removed(_page(f"<ul>{cards}</ul>")).values()}


def test_a_heading_in_the_story_stays_whatever_its_id_says() -> None:
    # A table of contents gives each heading an anchor id ("nav_only_the_foil"): a class or id token does not
    # remove a heading inside the main container; outside it, the same heading goes.
    heading = "<h3 id='nav_only_the_foil_1' class='nav'>Only the foil remains</h3>"
    page = _page("", wrapper='<div class="entry-content">{}' + heading + STORY + "</div>")
    assert not any(text.startswith("Only the foil") for text in _removed(page))
    assert any(text.startswith("Only the foil") for text in _removed(_page(f"<div>{heading}</div>")))


def test_long_prose_in_the_story_is_not_removed_on_a_layout_token() -> None:
    # A recipe's print block inside the post ("print-this-content") holds the story's own prose: a token naming
    # a layout part does not remove several sentences of it. A copyright notice (a kind of text) still goes.
    recipe = ("<div class='print-this-content'><p>Brown the sausage in the oil. Add the onion and cook until soft. "
              "Stir in the beans, the tomatoes and the stock, and let it simmer for half an hour. Cook the pasta "
              "apart, drain it, and fold it in at the end. Serve with grated cheese and a glass of red wine, and "
              "keep what is left for the next day, when it tastes even better than on the first one. It keeps for "
              "three days in the fridge, and it freezes well in portions for a busy week. Children like it with "
              "less pepper, and a spoon of pesto on top makes it a dish for guests on a cold evening.</p></div>")
    legal = ("<div class='copyright'>All texts on this site are the property of their authors. They may not be "
             "copied. Quotes are allowed with a link. Pictures belong to their makers. Ask before any other use of "
             "them. Trademarks belong to their owners, who are named where they appear on the page.</div>")
    removed = _removed(_page("", wrapper='<div class="entry-content">{}' + recipe + legal + "</div>"))
    assert not any(text.startswith("Brown the sausage") for text in removed)
    assert any(text.startswith("All texts on this") for text in removed)


def test_a_sidebar_box_in_an_aside_is_not_the_main_container() -> None:
    # An author's profile in an <aside> holds more prose than any one part of a story split in two.
    profile = "".join(f"<p>About me {i}: I worked as an analyst for three firms and wrote for the financial press "
                      f"for a decade before I started this blog about the reports companies file.</p>"
                      for i in range(5))
    half = STORY[: len(STORY) // 2]
    page = (f"<html><body><h1>Council votes</h1><div class='part'>{half}</div><div class='part'>{half}</div>"
            f"<aside><div class='profile'>{profile}</div></aside></body></html>")
    main = prune(parse_html(page)).main
    assert main is not None and main.get("class") == "part"


def _closing_links(heading: str, after: str) -> str:
    links = "<br><br>".join(f"<a href='/story-{i}'>Zoning board hears plans for the old mill site, part {i}</a>"
                            for i in range(4))
    return (f"<html><body><h1>Council votes</h1><div class='text'>{STORY}{STORY}<h2>{heading}</h2>"
            f"<p>{links}</p>{after}</div></body></html>")


def test_a_closing_section_of_links_in_the_main_container_goes_with_its_heading() -> None:
    # Neither the heading's words nor a class name say "related": the structure does. The story's last
    # heading is followed, to the container's end, by nothing but link text.
    tags = "<div><a href='/t/town'>#Town</a> <a href='/t/council'>#Council</a></div>"
    doc = clean(_closing_links("Quer durch die Stadt", tags), kind="html")
    assert "Paragraph 7 of the story" in doc.text
    assert "Quer durch die Stadt" not in doc.text and "old mill site" not in doc.text
    assert {r.rule for r in doc.removed} >= {"link-section"}


def test_a_closing_heading_followed_by_prose_or_a_large_link_section_stays() -> None:
    prose = ("<p>The mill was built in 1880 and has stood empty since the factory closed; the board will "
             "decide in spring whether it can become flats.</p>")
    doc = clean(_closing_links("Quer durch die Stadt", prose), kind="html")
    assert "old mill site, part 3" in doc.text and "built in 1880" in doc.text
    # A list as long as a short story is likely its content (a page listing projects).
    short = ("<html><body><h1>Council votes</h1><div class='text'><p>The council met on Tuesday and voted on the "
             "mill, after a long evening of questions from the floor.</p><p>It was a close vote.</p>"
             + _closing_links("Quer durch die Stadt", "").split(STORY)[-1])
    doc = clean(short, kind="html")
    assert "old mill site, part 3" in doc.text


def test_a_widget_link_inside_a_sentence_stays() -> None:
    # A company name a script turns into a rollover card ("<a class=companyRollover>") is a word of the sentence:
    # its class alone removed it and left "the tie-up of AG's unit".
    prose = "The merger was approved by the regulator after a long review of the market. " * 6
    sentence = ("<p>The company was created from the tie-up of <a class='companyRollover' href='/q/dte'>Deutsche "
                "Telekom</a> <span data-widget='ticker'></span> AG's unit and <a class='companyRollover' "
                "href='/q/fte'>France Telecom</a>'s Orange.</p>")
    page = f"<html><body><div id='story'><p>{prose}</p>{sentence}<p>{prose}</p></div></body></html>"
    doc = clean(page, kind="html")
    assert "tie-up of Deutsche Telekom AG's unit and France Telecom's Orange." in doc.text


def test_a_sidebar_entry_is_not_the_main_container_of_a_short_post() -> None:
    # A short post (four short paragraphs) beside a "recent comments" box whose entry holds more loose text:
    # that entry won the main-container vote and the post came out empty.
    post = "".join(f"<p>{line}</p>" for line in (
        "I know I am lazy, she said.", "Then do nothing today.", "Ok.", "Doing nothing is an option too."))
    excerpt = ("At the start of the action film they should all shoot each other at once and show fine landscapes "
               "for the rest of the film, which would be much better for everybody who watches it. ") * 2
    menu = "".join(f"<li><a href='/topic/{i}'>Topic number {i} of this weblog's archive</a></li>" for i in range(20))
    page = (f"<html><body><ul class='menu'>{menu}</ul><div class='post'><h2>Doing nothing</h2>{post}</div>"
            "<div id='sidebar'><ul>"
            f"<li class='widget widget_recent_comments'><h3>Recent comments</h3><ul><li>{excerpt}</li></ul></li>"
            "</ul></div></body></html>")
    root = parse_html(page)
    pruned = prune(root)
    assert pruned.main is not None and pruned.main.tag == "div" and pruned.main.get("class") == "post"


def test_a_long_link_label_is_not_the_main_container_of_a_short_post() -> None:
    # A two-sentence post written loose in a <div> (text and <br>s) beside a sidebar of book links, one with a
    # long title: the link's label won the main-container vote, and the sidebar came out as the body.
    post = ("<div class='entry-body'><div><a href='/big.jpg'><img src='/small.jpg'></a><br>I love the idea of "
            "keeping these paper leaves<br>for other craft projects!<br>Get the details at "
            "<a href='https://example.org/leaves'>the maker's blog</a>.</div></div>")
    books = "".join(f"<li><p><a href='https://shop.example.com/{i}'>Author {i}: A Very Long Book Title About Making "
                    f"Things With Children, Volume {i} of the Series</a></p></li>" for i in range(6))
    page = (f"<html><body><div class='post'><h3>Paper leaves</h3>{post}</div>"
            f"<div class='module'><h2>Favourite books</h2><ul>{books}</ul></div></body></html>")
    main = prune(parse_html(page)).main
    assert main is not None and main.get("class") == "entry-body"


def test_on_a_page_of_links_only_the_main_container_is_in_the_list() -> None:
    # A browse page: a list of collection links and a footer line. The list is the page's content; the footer
    # must not win the vote because link labels count less than loose text.
    names = ["Prelinger Archives", "Shaping San Francisco: the living history of the city, in moving images",
             "September 11",
             "Public Library of Science (PLoS)", "The Iraq War Collection", "Sports Videos"]
    items = "".join(f"<li><a href='/details/{i}'>{name}</a></li>" for i, name in enumerate(names * 5))
    page = (f"<html><body><h1>Browse: Moving Images</h1><ul class='browse'>{items}</ul>"
            "<div class='terms'>Terms of Use (10 Mar 2001)</div></body></html>")
    main = prune(parse_html(page)).main
    assert main is not None and main.tag == "a" and main.getparent().getparent().get("class") == "browse"


def _entries(count: int, list_attrs: str = "") -> str:
    return f"<ul{list_attrs}>" + "".join(
        f"<li>Entry {i}: we met her at the hospital in {1990 + i}, and she made every nurse laugh with her stories "
        f"about the dog, the garden and the long summers at the lake. We miss her every day.<br>Visitor {i}</li>"
        for i in range(8)) + "</ul>"


def test_a_list_of_prose_entries_is_the_main_container_not_its_longest_entry() -> None:
    # A guestbook: each entry is loose text in a <li>; the longest one won the vote and the other seven were
    # read as beside the story.
    longest = "<li>" + "She was the bravest person I have known, and the kindest. " * 12 + "<br>Her aunt</li>"
    page = f"<html><body><h1>In memoriam</h1><div>{_entries(8).replace('<ul>', '<ul>' + longest)}</div></body></html>"
    main = prune(parse_html(page)).main
    assert main is not None and main.tag == "ul"


def test_a_comment_threads_longest_comment_does_not_make_the_thread_the_main_container() -> None:
    longest = "<li class='comment'>" + "I disagree with every word of this post, and here is why. " * 12 + "</li>"
    thread = _entries(8, " class='commentlist'").replace("<li>", "<li class='comment'>")
    thread = thread.replace("<ul class='commentlist'>", "<ul class='commentlist'>" + longest)
    page = f"<html><body><div class='post'><p>A short post.</p><p>Two lines.</p></div>{thread}</body></html>"
    main = prune(parse_html(page)).main
    assert main is None or main.tag != "ul"
