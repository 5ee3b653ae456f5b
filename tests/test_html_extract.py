"""Body extraction, structure, Markdown, chunk merging, duplicates, page types and metadata."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from cleaner import Options, clean
from cleaner.html.extract import _focused, _unform
from cleaner.html.paragraphs import stray_captions, wrap_loose_text
from cleaner.html.parse import parse_html

PARA = ("The committee met on Tuesday to discuss the new budget, and after several hours of debate "
        "the members agreed on a plan that will fund schools, roads and the public library. ")
PARTS = "".join(f"<p>Part {i}. {PARA}</p>" for i in range(4))  # a four-paragraph story, "Part 0." to "Part 3."


def _article(body: str, head: str = "", html_attrs: str = "") -> str:
    return (f"<html{html_attrs}><head><title>Budget agreed | Town Gazette</title>{head}</head><body>"
            f"<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
            f"<article><h1>Budget agreed</h1>{body}</article>"
            f"<footer>Copyright 2024 Town Gazette. All rights reserved.</footer></body></html>")


def _framed(inner: str) -> str:
    """A news page: a menu, `inner`, a copyright footer."""
    return ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>" + inner
            + "<footer>Copyright 2024 Town Gazette</footer></body></html>")


def test_structure_is_kept_in_markdown() -> None:
    body = (f"<p>{PARA}</p><h2>What changes</h2><p>{PARA}</p>"
            "<ul><li>More teachers for the schools</li><li>New asphalt on main roads</li></ul>"
            "<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Schools</td><td>$1m</td></tr></table>"
            f"<blockquote><p>{PARA}</p></blockquote><pre><code>total = 1_000_000 * 3</code></pre><p>{PARA}</p>")
    doc = clean(_article(body), kind="html")
    md = doc.markdown or ""
    assert "## What changes" in md
    assert "- More teachers for the schools" in md
    assert "| Item | Cost |" in md and "|---|---|" in md
    assert "> The committee met" in md
    assert "```\ntotal = 1_000_000 * 3\n```" in md


def test_markdown_is_commonmark_that_reads_back_as_the_text() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    tricky = ("<p>Prices rose 5*3 times_over [sic] and *starred* claims: 1. not a list, # not a heading, "
              "&lt;b&gt; not a tag.</p><p>1. Not a list either, says the second paragraph of this page.</p>")
    doc = clean(_article(tricky + f"<p>{PARA}</p>" * 3), kind="html")
    rendered = markdown_it.MarkdownIt("commonmark").render(doc.markdown)
    assert "<h1>" not in rendered and "<ol>" not in rendered and "<em>" not in rendered
    assert "*starred*" in rendered and "<p>1. Not a list either" in rendered
    assert "5*3 times_over [sic]" in rendered and "&lt;b&gt; not a tag" in rendered


def test_lead_text_directly_in_div_is_kept() -> None:
    body = f'<div class="story">Lead text straight in the div. {PARA}<p>{PARA}</p><p>{PARA}</p></div>'
    doc = clean(_article(body), kind="html")
    assert "Lead text straight in the div." in doc.text


def test_sibling_chunks_split_by_ad_columns_are_merged() -> None:
    chunk = '<div class="article-body">{}</div>'
    first = chunk.format("".join(f"<p>First part {i}. {PARA}</p>" for i in range(4)))
    second = chunk.format("".join(f"<p>Second part {i}. {PARA}</p>" for i in range(3)))
    page = (f"<html><body><main><div class='grid'><div>{first}</div><div class='ad-rail'>Advertisement</div>"
            f"<div>{second}</div></div></main></body></html>")
    doc = clean(page, kind="html")
    assert "First part 0." in doc.text and "Second part 2." in doc.text
    assert doc.text.index("First part 3.") < doc.text.index("Second part 0.")


def test_a_story_output_twice_is_kept_once() -> None:
    story = "".join(f"<p>Sentence group {i}. {PARA}</p>" for i in range(4))
    doc = clean(_article(story + story), kind="html")
    assert doc.text.count("Sentence group 2.") == 1
    assert any(r.reason == "duplicate" for r in doc.removed)


def test_related_heading_at_the_end_cuts_the_teasers() -> None:
    body = "".join(f"<p>{PARA}</p>" for i in range(5)) + (
        "<h2>Related articles</h2><p>Mayor opens new bridge over the river</p><p>School year starts early</p>")
    doc = clean(_article(body), kind="html")
    assert "Mayor opens new bridge" not in doc.text
    assert any(r.reason == "related" for r in doc.removed)


def test_metadata_trust_order_json_ld_first() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Budget agreed after debate",
          "datePublished": "2024-03-05T10:00:00Z", "author": {"@type": "Person", "name": "Jane Roe"},
          "articleSection": "Politics", "keywords": ["budget", "council"], "image": "/img/a.jpg",
          "publisher": {"@type": "Organization", "name": "Town Gazette"}}
    head = (f'<script type="application/ld+json">{json.dumps(ld)}</script>'
            '<meta property="og:title" content="OG title"><meta name="description" content="A short summary.">'
            '<link rel="canonical" href="https://gazette.example/budget-agreed">')
    doc = clean(_article("".join(f"<p>{PARA}</p>" for _ in range(4)), head, ' lang="en-GB"'),
                url="https://gazette.example/budget-agreed?utm=x", kind="html")
    assert doc.title == "Budget agreed after debate"
    assert doc.date == "2024-03-05" and doc.author == "Jane Roe" and doc.sitename == "Town Gazette"
    assert doc.url == "https://gazette.example/budget-agreed" and doc.language == "en"
    assert doc.categories == ["Politics"] and doc.tags == ["budget", "council"]
    assert doc.image == "https://gazette.example/img/a.jpg" and doc.description == "A short summary."


def test_title_falls_back_to_og_then_strips_site_name() -> None:
    doc = clean(_article(f"<p>{PARA}</p>" * 4, '<meta property="og:site_name" content="Town Gazette">'),
                kind="html")
    assert doc.title == "Budget agreed"
    doc = clean(_article(f"<p>{PARA}</p>" * 4, '<meta property="og:title" content="Budget agreed - Town Gazette">'
                         '<meta property="og:site_name" content="Town Gazette">'), kind="html")
    assert doc.title == "Budget agreed"


def test_language_is_detected_when_not_declared() -> None:
    german = ("Der Gemeinderat hat am Dienstag nach langer Debatte den neuen Haushalt beschlossen, "
              "der mehr Geld für Schulen, Straßen und die öffentliche Bibliothek vorsieht. ")
    doc = clean(_article(f"<p>{german}</p>" * 4), kind="html")
    assert doc.language == "de"


@pytest.mark.parametrize(("page", "kind"), [
    ("<html><head><title>404 Not Found</title></head><body><h1>Page not found</h1>"
     "<p>Sorry, the page you requested does not exist.</p></body></html>", "error"),
    ("<html><head><title>Sign in</title></head><body><h1>Sign in to continue</h1><form>"
     "<input name='u'><input type='password' name='p'></form><p>Forgot your password?</p></body></html>", "login"),
    ("<html><body>" + "".join(f"<div class='card'><h3><a href='/s{i}'>Story number {i} headline here</a></h3>"
                              f"<p>Short teaser {i}.</p></div>" for i in range(12)) + "</body></html>", "index"),
    (_article("".join(f"<p>{PARA}</p>" for _ in range(5))), "article"),
    ("<html><body></body></html>", "empty"),
])
def test_page_types(page: str, kind: str) -> None:
    assert clean(page, kind="html", url="https://example.org/section/page").page_type == kind


def test_home_page_is_an_index() -> None:
    cards = "".join(f"<article><h2><a href='/s{i}'>Headline {i}</a></h2><p>Teaser text {i}.</p></article>"
                    for i in range(4))
    assert clean(f"<html><body>{cards}</body></html>", kind="html", url="https://example.org/").page_type == "index"


def test_options_are_one_frozen_object_and_comments_toggle() -> None:
    options = Options(preset="precision", include_comments=True)
    with pytest.raises(AttributeError):
        options.preset = "recall"  # type: ignore[misc]
    doc = clean(_article("".join(f"<p>{PARA}</p>" for _ in range(4))), kind="html", options=options)
    assert "committee met" in doc.text


def test_comments_go_unless_asked_for() -> None:
    thread = ("<section id='comments' class='comments'><h3>2 Comments</h3><div class='comment'><p>I strongly "
              "disagree with this budget plan, the roads need far more money than schools do.</p></div></section>")
    page = _article("".join(f"<p>{PARA}</p>" for _ in range(4))).replace("</article>", "</article>" + thread)
    plain = clean(page, kind="html")
    assert "strongly disagree" not in plain.text and plain.comments is None
    assert any(r.reason == "comments" for r in plain.removed)
    wanted = clean(page, kind="html", options=Options(include_comments=True))
    assert "strongly disagree" not in wanted.text and "strongly disagree" in (wanted.comments or "")


def test_teaser_cards_after_a_short_article_go() -> None:
    cards = "".join(f"<li><a href='/story-{i}'><img src='/t{i}.jpg' alt=''></a><h3><a href='/story-{i}'>Other "
                    f"story {i}</a></h3><p>Teaser line {i}.</p></li>" for i in range(4))
    doc = clean(_article(f"<p>{PARA}</p><p>{PARA}</p><ul class='grid'>{cards}</ul>"), kind="html")
    assert "Other story 2" not in doc.text and "Teaser line" not in doc.text
    assert any(r.rule == "teaser-cards" for r in doc.removed)


def test_hidden_slides_of_a_gallery_are_content() -> None:
    slides = "".join(f"<div class='slide' style='display:none'><h2>Item {i}</h2><p>Slide {i}. {PARA}</p></div>"
                     for i in range(6))
    doc = clean(_article(f"<p>{PARA}</p><div class='gallery'>{slides}</div>"), kind="html")
    assert "Slide 4." in doc.text


def test_quoted_posts_embedded_in_the_body_are_kept() -> None:
    tweet = ("<div class='social-media-embed'><blockquote class='twitter-tweet'><p>Meth is a serious problem and "
             "we are here to get it out of our state, said the governor in her post.</p></blockquote></div>")
    doc = clean(_article(f"<p>{PARA}</p>{tweet}<p>{PARA}</p><p>{PARA}</p>"), kind="html")
    assert "get it out of our state" in doc.text


def test_hidden_schema_org_copy_of_the_story_is_not_output_twice() -> None:
    copy = f'<div itemprop="articleBody" style="display:none">{PARTS}</div>'
    doc = clean(_article(PARTS + copy), kind="html")
    assert doc.text.count("Part 2.") == 1
    assert any(r.reason == "hidden" for r in doc.removed)


def test_links_and_images_in_markdown_when_asked_for() -> None:
    body = (f"<p>{PARA} See <a href='https://example.org/report'>the full report</a>.</p>"
            "<figure><img src='https://example.org/a.jpg' alt='Council [hall]'></figure>" + f"<p>{PARA}</p>" * 3)
    plain = clean(_article(body), kind="html")
    assert "](" not in (plain.markdown or "")
    rich = clean(_article(body), kind="html", options=Options(include_links=True, include_images=True))
    assert "[the full report](<https://example.org/report>)" in (rich.markdown or "")
    assert "![Council \\[hall\\]](<https://example.org/a.jpg>)" in (rich.markdown or "")


def test_author_from_a_byline_element_without_metadata() -> None:
    byline = "<div class='post-author'><span>Von Birgit Posselt</span></div>"
    doc = clean(_article(byline + "".join(f"<p>{PARA}</p>" for _ in range(4))), kind="html")
    assert doc.author == "Birgit Posselt"


def test_layout_table_page_is_extracted_again_from_readabilitys_block() -> None:
    # A page grid of tables: the fast extraction keeps the side cells (menus, archive) and loses the
    # list inside the story; readability finds the story's own block.
    menu = "".join(f"<tr><td><a href='/s{i}'>Section {i}</a> news and views</td></tr>" for i in range(8))
    archive = "".join(f"<tr><td><a href='/a{i}'>Archive month {i}</a> (12 stories)</td></tr>" for i in range(6))
    tips = "".join(f"<li>Tip number {i}: check the fine print before you sign any contract with a builder.</li>"
                   for i in range(6))
    page = (f"<html><head><title>Budget agreed</title></head><body><table><tr><td><table>{menu}</table></td>"
            f"<td><table><tr><td><h1>Budget agreed</h1></td></tr><tr><td><div><h3>What to look for</h3>"
            f"<p>{PARA}</p><ul>{tips}</ul><p>{PARA}</p></div></td></tr></table></td>"
            f"<td><table>{archive}</table></td></tr></table></body></html>")
    doc = clean(page, kind="html")
    assert "Tip number 5: check the fine print" in doc.text
    assert "Archive month" not in doc.text and "news and views" not in doc.text


def test_paragraphs_written_as_divs_are_kept_beside_loose_text() -> None:
    # A blog post of <br>-separated loose text (wrapped into <p>) followed by paragraphs written as
    # <div>s: the extractor reads <div>s as text only when a page has little <p> text.
    loose = "".join(f"Loose part {i}. {PARA}<br><br>" for i in range(3))
    divs = "".join(f"<div>Div part {i}. {PARA}</div><div><br></div>" for i in range(3))
    caption = "<div class='separator'><a href='/i.jpg'><img src='/i.jpg'></a></div>"
    page = (f"<html><head><title>Budget agreed</title></head><body><div class='post'><h1>Budget agreed</h1>"
            f"<div class='post-body'>{loose}{caption}<br>{divs}</div></div></body></html>")
    doc = clean(page, kind="html")
    assert "Loose part 2." in doc.text and "Div part 0." in doc.text and "Div part 2." in doc.text


def test_empty_paragraph_separators_keep_the_text_after_them() -> None:
    # Old pages separate paragraphs with "<p></p>": the extractor's precision mode deletes empty
    # elements together with the text that follows them, so they become line breaks first.
    from lxml import html as lxml_html

    from cleaner.html.paragraphs import drop_empty
    from cleaner.html.parse import parse_html

    root = parse_html(f"<html><body><div><font>Lead. {PARA}<p></p>Second. {PARA}<p></p>Third. {PARA}"
                      "<span class='icon'></span>Fourth.</font></div></body></html>")
    assert drop_empty(root) == 3
    body = root.find("body")
    assert not list(body.iter("p")) and not list(body.iter("span")) and len(list(body.iter("br"))) == 2
    text = lxml_html.tostring(body, encoding="unicode", method="text")
    assert "Second. The committee" in text and "Third. The committee" in text and "Fourth." in text


def test_layout_table_cells_beside_the_story_go() -> None:
    # A page grid whose story cell holds real paragraphs: the fast extraction takes the neighbouring
    # cells too (section lists with blurbs), much more text than the main container; readability's
    # choice of block keeps the story and leaves the side column.
    left = "".join(f"<tr><td><a href='/s{i}'>Section {i}</a> news and views from the town</td></tr>" for i in range(10))
    right = "".join(f"<tr><td><a href='/m{i}'>Match {i}: Town United v Rovers preview</a>, kick-off 3pm</td></tr>"
                    for i in range(10))
    story = "".join(f"<p>Part {i}. {PARA}</p>" for i in range(3))
    page = (f"<html><head><title>Budget agreed</title></head><body><table><tr><td><table>{left}</table></td>"
            f"<td><h1>Budget agreed</h1>{story}</td><td><table>{right}</table></td></tr></table></body></html>")
    doc = clean(page, kind="html")
    assert "Part 0." in doc.text and "Part 2." in doc.text
    assert "news and views" not in doc.text


def test_cards_written_as_divs_stay_divs() -> None:
    # A collection page's cards (linked title, line break, blurb) are not paragraphs of a story.
    from cleaner.html.paragraphs import paragraph_divs
    from cleaner.html.parse import parse_html

    card = "<div style='padding:10px'><b><a href='/c{0}'>Collection {0}</a></b><br>{1}</div>"
    story = "".join(f"<div>Part {i}. {PARA}</div>" for i in range(2))
    root = parse_html(f"<html><body><div id='main'>{story}{''.join(card.format(i, PARA) for i in range(3))}"
                      "</div></body></html>")
    assert paragraph_divs(root.find(".//div[@id='main']")) == 2


def test_a_stray_caption_is_a_paragraph_and_a_tables_caption_stays() -> None:
    # Browsers ignore a <caption> outside a table and show its text as prose (slides written as
    # "<p><caption>text</caption></p>"); the extractor, reading it as a table part, dropped the slide text.
    slides = "".join(f"<section class='slide'><h2>Slide {i}</h2><p><caption>{PARA}</caption></p></section>"
                     for i in range(3))
    root = parse_html(f"<html><body>{slides}<table><caption>Costs</caption><tr><td>1</td></tr></table></body></html>")
    assert stray_captions(root) == 3
    assert root.xpath("//caption[not(ancestor::table)]") == []
    assert all(PARA.strip() in "".join(p.itertext()) for p in root.xpath("//section/p[last()]"))
    assert root.find(".//table/caption") is not None


def test_a_table_body_without_the_main_container_is_not_an_overflow() -> None:
    # A product sheet (a table, short lines) beside one long review reply, which wins the main-container vote:
    # the body (the sheet) does not hold that container, so it did not overflow into cells beside it, and
    # readability's block (the reply) must not replace it.
    reply = 2 * ("Hello Anna, thank you for your feedback. Tastes differ, of course. Do write to us how you brew the "
                 "coffee (amount, grind, temperature), and we may find the cause together and bring out the fruity "
                 "notes after all. As for the price, we pay every farmer fairly and directly, and that has its cost "
                 "in every step of the chain. ")
    rows = "".join(f"<tr><td>Size {i}</td><td>{i}00 g</td></tr>" for i in range(120))
    page = ("<html><body><h1>Sidamo organic coffee beans</h1>"
            f"<div itemprop='articleBody'><p>27.90 EUR per kilogram, delivered in three days.</p><table>{rows}</table>"
            "<p>Single origin arabica beans.</p><p>Hand picked and sun dried.</p><p>Certified organic.</p></div>"
            f"<div class='reviews'><div class='review'><p>Too sour for me.</p><div class='reply'><p>{reply}</p>"
            "</div></div></div></body></html>")
    doc = clean(page, kind="html")
    assert "Hand picked and sun dried." in doc.text


def test_a_body_with_a_data_table_is_not_re_extracted_as_a_page_grid() -> None:
    # Only a layout table (blocks in its cells) can pull neighbouring cells into the body; a data table
    # (figures) is part of the story, whose parts around the main container must stay.
    rows = "".join(f"<tr><td>Item {i}</td><td>{i}0'000</td><td>{i}'500</td></tr>" for i in range(6))
    parts = "".join(f"<div><div><h2>Question {i}</h2><p>Answer {i}. {PARA}</p></div></div>" for i in range(4))
    page = (f"<html><body><h1>Paying for a car</h1><div><div><div><p>Lead. {PARA}</p></div></div>{parts}"
            f"<div><div><p>Costs. {PARA}</p><p>More costs. {PARA}</p><p>Even more. {PARA}</p></div></div>"
            f"<table>{rows}</table><p>Summary. {PARA}</p></div><footer>Copyright</footer></body></html>")
    doc = clean(page, kind="html")
    assert "Lead." in doc.text and "Answer 3." in doc.text and "Summary." in doc.text


def test_a_lead_written_as_a_div_beside_the_main_container_is_kept() -> None:
    # The lead sits before the body's own container, in the same parent; the body's <div> paragraphs become
    # <p>, and a lead left a <div> beside them was dropped by the extractor as layout.
    paras = "".join(f"<div><span>Part {i}. {PARA}</span></div><div><span> </span></div>" for i in range(4))
    page = ("<html><body><header><a href='/'>Home</a></header><h1>Budget agreed</h1><div class='post-body'>"
            "<div style='text-align: justify'><span>Lead: the town has a budget at last, after a long night of "
            "talks between the two groups on the council.<br></span></div>"
            f"<div class='reader'><div><img src='/a.jpg'></div>{paras}</div></div>"
            "<footer>Copyright 2024 Town Gazette</footer></body></html>")
    doc = clean(page, kind="html")
    assert "Lead: the town has a budget" in doc.text and "Part 3." in doc.text


def test_a_paragraph_div_after_a_picture_is_kept_when_it_shares_the_storys_class() -> None:
    # A <div> after a picture may be its caption; one that shares its class with the story's paragraph <div>s
    # is the next paragraph (the story's first one often follows its lead picture).
    paras = "".join(f"<div class='paragraph'>Part {i}. {PARA}</div>" for i in range(1, 5))
    page = ("<html><body><h1>Budget agreed</h1><div class='content'><img src='/lead.jpg'>"
            f"<div class='paragraph'>Opening. {PARA}</div>{paras}<div class='image-container'><img src='/b.jpg'></div>"
            f"<div class='paragraph'>After the picture. {PARA}</div></div><footer>Copyright</footer></body></html>")
    doc = clean(page, kind="html")
    assert "Opening." in doc.text and "Part 4." in doc.text and "After the picture." in doc.text


def test_a_standfirst_under_the_headline_in_the_articles_header_is_kept() -> None:
    # The extractor keeps the story's container only; the standfirst sits beside the headline in the article's
    # header, before that container. A caption under the header's picture stays out.
    story = "".join(f"<p>Part {i}. {PARA}</p>" for i in range(5))
    page = ("<html><body><nav><a href='/'>Home</a></nav><article><header><h2 class='entry__title'>Budget agreed"
            "</h2><p class='entry__subtitle'>Standfirst: after a night of talks the council has a budget, and the "
            "library stays open.</p><p>By Ann Smith</p><div class='image'><img src='/a.jpg'></div><div class='cap'>"
            "<p>The council chamber on Tuesday evening, shortly before the final vote on the budget was taken.</p>"
            f"</div></header><div class='article-body'>{story}</div></article><footer>Copyright</footer></body></html>")
    doc = clean(page, kind="html")
    assert doc.text.startswith("Standfirst: after a night") and "Part 4." in doc.text
    assert "council chamber on Tuesday evening" not in doc.text


def test_a_paragraph_div_after_a_picture_is_kept_when_it_is_written_like_the_storys() -> None:
    # No classes: the post's paragraph <div>s share one inline style. The first follows the lead picture's
    # <div>; written like the others, it is the story's first paragraph, not a caption.
    style = "line-height: 1.4em; margin-bottom: 1em; text-align: justify;"
    paras = "".join(f"<div style='{style}'><span>Part {i}. {PARA}</span></div>" for i in range(1, 4))
    page = ("<html><body><h1>Budget agreed</h1><div class='post-body'><div class='separator'><a href='/a.jpg'>"
            f"<img src='/a.jpg'></a></div><div style='{style}'><span>Opening. {PARA}</span></div>{paras}</div>"
            "<footer>Copyright</footer></body></html>")
    doc = clean(page, kind="html")
    assert "Opening." in doc.text and "Part 3." in doc.text


def test_a_heading_left_last_in_the_body_goes() -> None:
    # The line rules removed what the heading announced; the heading alone, the body's last block,
    # announces nothing. A heading with its section after it stays.
    def story(part: str) -> str:
        return "".join(f"<p>Paragraph {part}{i} tells readers how the council voted on the old mill and why "
                       f"the evening ran so long.</p>" for i in range(6))
    page = (f"<html><body><article><h1>Council votes</h1>{story('a')}<h2>Die Abstimmung</h2>{story('b')}"
            f"<h2>Quer durch die Stadt</h2><p>Sign up for our newsletter</p></article></body></html>")
    doc = clean(page, kind="html")
    assert "Die Abstimmung" in doc.text and "Paragraph b5 tells" in doc.text
    assert "Quer durch die Stadt" not in doc.text
    assert any(r.rule == "closing-heading" for r in doc.removed)


def test_a_teaser_under_a_smaller_headline_beside_a_wrapper_of_the_main_container_is_kept() -> None:
    # A news module's shape: the headline is an <h3>, the standfirst sits in its own block after the date,
    # and the story's container is wrapped in a row and a column, so the lead is beside the column, not beside
    # the container. The extractor keeps the container only.
    page = _framed("<div class='article'>"
            "<div class='header'><h3>Budget agreed</h3></div><div class='footer'><p><span>27.01.2022</span></p></div>"
            "<div class='teaser-text'><p>Teaser: after a night of talks the council has a budget, and the library "
            "stays open for another year.</p></div><div class='row'><div class='col'>"
            "<div class='news-text-wrap' itemprop='articleBody'>"
            f"{PARTS}</div></div></div></div>")
    doc = clean(page, kind="html")
    assert doc.text.startswith("Teaser: after a night") and "Part 3." in doc.text


def test_a_post_of_a_list_beside_the_main_containers_wrapper_is_not_its_lead() -> None:
    # A home page of posts, each an <article> of one kind with its heading and abstract: the main container is
    # one of them, and the posts before it are not its standfirst (pulled in, a post's abstract made the
    # extractor take the whole list).
    from lxml import html as lxml_html

    from cleaner.html.paragraphs import pull_lead

    abstracts = [f"Project 0 abstract. {PARA}", "Project 1, in short.", f"Project 2 abstract. {PARA}"]
    posts = "".join(f"<article class='post'><header><h1>Project {i}</h1></header><div class='entry'>"
                    f"<p>{text}</p></div></article>" for i, text in enumerate(abstracts))
    root = lxml_html.fromstring(f"<html><body><div class='row'>{posts}</div></body></html>")
    main = root.findall(".//div[@class='entry']")[-1]
    assert pull_lead(main) == 0
    assert [p.text_content()[:18] for p in main.iter("p")] == ["Project 2 abstract"]


def test_a_story_apart_from_the_container_named_like_an_article_joins_the_body() -> None:
    # The extractor keeps the one container its class names point to ("entry-content"): the story's first
    # section. The rest of the story sits in a module of another name beside it, which holds the most
    # paragraph text (the main container) and lies apart from the extractor's container: its blocks join
    # the body, in page order.
    intro = "".join(f"<p>Section one, part {i}. {PARA}</p>" for i in range(4))
    story = "".join(f"<p>Section two, part {i}. {PARA}</p>" for i in range(5))
    page = _framed("<h1>Budget agreed</h1>"
            f"<div class='module-a'><div class='entry-content'>{intro}</div></div>"
            f"<div class='module-b'><div class='copy'>{story}</div></div>")
    doc = clean(page, kind="html")
    assert "Section one, part 0." in doc.text and "Section two, part 4." in doc.text
    assert doc.text.index("Section one, part 3.") < doc.text.index("Section two, part 0.")


def test_without_a_container_named_like_an_article_the_main_containers_body_is_kept_alone() -> None:
    # No class or id names the story's container, so the extractor gathers paragraphs from the whole page,
    # a stray line in a block beside the story with them; the main container's own body keeps the story
    # without it.
    story = "".join(f"<p>Part {i}. {PARA}</p>" for i in range(6))
    page = _framed("<h1>Budget agreed</h1>"
            f"<div class='wrap'><div class='copy'>{story}</div></div>"
            "<div class='strip'><p>Printed in the weekly edition of the Town Gazette, page four.</p></div>")
    doc = clean(page, kind="html")
    assert "Part 0." in doc.text and "Part 5." in doc.text
    assert "weekly edition" not in doc.text


def _named_by_xpath(root):  # type: ignore[no-untyped-def]
    from trafilatura.xpaths import BODY_XPATH

    body = root.find("body")
    if body is None:
        return None
    return next((found for expr in BODY_XPATH for found in expr(body) if found is not None), None)


@pytest.mark.parametrize("page", [
    '<div class="post-body"><p>a</p></div><article><p>b</p></article>',  # 1st expression
    '<div class="x"><div id="art-content"><p>a</p></div></div><div class="entry"><p>b</p></div>',
    '<section class="story"><p>a</p></section><article><p>b</p></article>',  # 2nd before 3rd
    '<div id="x"><p>a</p></div><div class="x FullText"><p>b</p></div>',  # 3rd, any case
    '<div class="wrap"><div class="Main-Content"><p>a</p></div></div><main><p>b</p></main>',  # 4th
    '<div id="mainbar"><p>a</p></div><div class="Page-Content"><p>b</p></div>',
    '<div class="side"><p>a</p></div><div role="main-area"><p>b</p></div><main><p>c</p></main>',  # 5th
    '<div class="sidebar"><p>a</p></div><span class="article-body">b</span>',  # none
])
def test_named_container_is_the_extractors_pick(page: str) -> None:
    """The one-walk copy of trafilatura's body XPaths picks what they pick, on pages made to reach each
    expression."""
    from lxml import html

    from cleaner.html.body import named_container

    root = html.document_fromstring(f"<html><body>{page}</body></html>")
    assert named_container(root) is _named_by_xpath(root)


def test_named_container_is_the_extractors_pick_on_dev_pages(bench_dir: Path) -> None:
    """... and on every dev-set page (a trafilatura update that changes the expressions fails here)."""
    import gzip

    from cleaner.html.body import named_container

    paths = sorted(bench_dir.glob("*/html/*")) + sorted(bench_dir.glob("wceb/*/html/*"))
    assert len(paths) > 1000
    for path in paths:
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        root = parse_html(data.decode("utf-8", "replace")) if data.strip() else None
        if root is not None:
            assert named_container(root) is _named_by_xpath(root), path.name


def test_short_lines_written_as_divs_like_the_storys_paragraphs_are_kept() -> None:
    # A blog editor writes every line as <div><span>...</span></div>: the long ones become <p>, and the extractor
    # then dropped the short ones left as <div>s (a subhead, a step of a how-to) as layout.
    steps = "".join(f"<div>\n<span>{i}. {PARA}</span></div>\n" for i in range(1, 4))
    story = f"<div>\n<span>Cold sores!</span></div>\n{steps}<div><span>4. Smile.</span></div>{steps}"
    page = (f"<html><body><div class='nav'><a href='/'>Home</a></div><div class='post-body entry-content'>{story}"
            "</div><div>other</div></body></html>")
    doc = clean(page, kind="html")
    assert "Cold sores!" in doc.text and "4. Smile." in doc.text


def test_a_story_in_a_table_cell_without_a_named_container_is_extracted_alone() -> None:
    # No container is named like an article: the extractor gathers paragraphs from the whole page, strays from
    # the cells beside the story included. The story's own cell, extracted alone, leaves them out; a cell
    # (or a <font>, as old pages wrap a story) is as much a container as a <div>.
    page = ("<html><body><table><tr><td><p>Our office hours are nine to five on weekdays only.</p></td>"
            f"<td><h1>Budget agreed</h1>{PARTS}</td></tr></table></body></html>")
    doc = clean(page, kind="html")
    assert "Part 0." in doc.text and "Part 3." in doc.text
    assert "office hours" not in doc.text


def test_subheads_written_as_divs_of_one_class_before_the_storys_paragraphs_are_kept() -> None:
    # A press review: each quoted paper's name is a <div class=ch1> before its paragraph; the extractor
    # dropped them as layout. A repeated label (the same text each time) is no subhead and stays out.
    parts = "".join(f"<div class='ch1'>Editorial in paper number {i}</div><p>Part {i}. {PARA}</p>"
                    "<div class='lbl'>Advertisement</div>" for i in range(3))
    page = (f"<html><body><div class='nav'><a href='/'>Home</a></div><div class='story-body'>{parts}</div>"
            "<div>other</div></body></html>")
    doc = clean(page, kind="html")
    assert all(f"Editorial in paper number {i}" in doc.text for i in range(3))
    assert "Advertisement" not in doc.text


def test_a_standfirst_above_a_grids_wrappers_of_the_main_container_is_kept() -> None:
    # A grid wraps the story's container in a container, a row and a column, each around the next only, under
    # a wrapper that also holds the slider: the article's header with the standfirst is five levels up. A
    # wrapper around one element is no level; a comment's (a list item's) wrappers still are.
    page = ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article class='main'><header>"
            "<h1>Budget agreed</h1><p class='lead'>Standfirst: after a night of talks the council has a budget, and "
            "the library stays open.</p></header><div class='body'><div class='slider'><img src='/a.jpg'></div>"
            "<div class='container'><div class='row'><div class='col'><article id='content'>"
            f"{PARTS}</article></div></div></div></div></article><footer>Copyright 2024 Town Gazette</footer>"
            "</body></html>")
    doc = clean(page, kind="html")
    assert doc.text.startswith("Standfirst: after a night") and "Part 3." in doc.text


def test_the_storys_standfirst_is_not_pulled_into_a_comment_chosen_as_main_container() -> None:
    # The main container is a comment (a list item's body) under the story: the wrappers around it are the
    # comment list's, and the story's standfirst above them is not its lead.
    from lxml import html as lxml_html

    from cleaner.html.paragraphs import pull_lead

    root = lxml_html.fromstring(
        "<html><body><main><article><h1>Open thread</h1><p>Our goal with open threads is to let readers raise "
        "comments and questions about our work in public.</p></article><div class='comments'><ul class='list'>"
        "<li><div class='comment-body'><p>First comment.</p></div></li>"
        f"<li><div class='comment-body'><p>{PARA}</p></div></li></ul></div></main></body></html>")
    main = root.findall(".//div[@class='comment-body']")[-1]
    assert pull_lead(main) == 0


def test_a_standfirst_under_a_headline_in_a_banner_above_is_kept_and_a_bio_above_the_headline_is_not() -> None:
    # The headline stands in a banner above the block that holds the standfirst and the story's container: the
    # block just before the container is its lead. An author's bio before a wrapper that holds the headline
    # comes before the story, and stays out of it.
    page = ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><div class='banner'><header>"
            "<h1>Budget agreed</h1></header></div><div class='wrap'><div class='intro'><p>Standfirst: after a "
            "night of talks the council has a budget, and the library stays open.</p></div>"
            f"<div class='body' itemprop='articleBody'>{PARTS}</div></div><footer>Copyright 2024 Town Gazette</footer>"
            "</body></html>")
    doc = clean(page, kind="html")
    assert doc.text.startswith("Standfirst: after a night") and "Part 3." in doc.text

    from lxml import html as lxml_html

    from cleaner.html.paragraphs import pull_lead

    root = lxml_html.fromstring(
        "<html><body><h1>Town Gazette</h1><div class='column'><div class='profile'><p>Ann Smith was born in 1975 "
        "and has written about the town council and its budgets for the Gazette since 2001.</p></div>"
        f"<div class='article'><h1>Budget agreed</h1><div class='text'>{PARTS}</div></div></div></body></html>")
    assert pull_lead(root.find(".//div[@class='text']")) == 0


def test_a_standfirst_written_as_a_div_in_the_block_before_the_story_is_kept() -> None:
    # The article's intro block holds the headline and a <div> standfirst; the story's container follows it.
    page = _framed("<section class='node'>"
            "<div class='article-intro'><h1>Budget agreed</h1><div class='text-intro'>Standfirst: after a night of "
            "talks the council has a budget, and the library stays open.</div></div>"
            "<div class='article-body' itemprop='articleBody'>"
            f"{PARTS}</div></section>")
    doc = clean(page, kind="html")
    assert doc.text.startswith("Standfirst: after a night") and "Part 3." in doc.text


def test_the_storys_first_paragraph_classed_as_a_teaser_is_kept() -> None:
    # The standfirst is the story's first paragraph, classed "article-teaser": the extractor's precision rules
    # drop anything named a teaser.
    page = _framed("<h1>Budget agreed</h1>"
            "<div class='article-content' itemprop='articleBody'><p class='article-teaser'>Standfirst: after a night "
            f"of talks the council has a budget, and the library stays open.</p>{PARTS}</div>")
    doc = clean(page, kind="html")
    assert doc.text.startswith("Standfirst: after a night") and "Part 3." in doc.text


def test_readability_retry_is_skipped_on_a_tree_over_its_bound() -> None:
    """Readability's scoring grows with blocks times links: a tree over FOCUSED_MAX_ELEMENTS keeps its first body,
    a small one gets readability's block extracted."""
    from cleaner.html.extract import FOCUSED_MAX_ELEMENTS, _focused

    story = "<p>" + "The council met on Monday and voted on the harbour budget for the coming year. " * 4 + "</p>"
    small = parse_html(f"<html><body><div><h1>Budget</h1>{story * 3}</div></body></html>")
    body, _ = _focused(small, Options(), None)
    assert body is not None and "harbour budget" in "".join(body.itertext())
    filler = "<span>x</span>" * FOCUSED_MAX_ELEMENTS
    large = parse_html(f"<html><body><div><h1>Budget</h1>{story * 3}</div><div>{filler}</div></body></html>")
    assert _focused(large, Options(), None) == (None, None)


def test_a_guestbook_scrolling_in_a_layout_table_keeps_every_entry(bench_dir: Path) -> None:
    # CleanEval dev-34: thirty guestbook entries (loose text in <li>s) in a <marquee> in a layout table.
    # trafilatura's precision focus keeps one entry, so did the fallback retry; the retry with its default
    # balance keeps them all, since the main container (the list) holds far more than the first body. A
    # synthetic copy of the layout did not reproduce the extractor's choice, so the test reads the dev page.
    page = gzip.decompress((bench_dir / "wceb" / "cleaneval" / "html" / "dev-34.html.gz").read_bytes())
    text = clean(page).text or ""
    assert text.count("@") >= 15  # 17 entries are signed with an e-mail address (one came out before)
    assert "Dear Richardson Family" in text and "Love, Maria" in text


def test_a_page_wrapped_in_one_form_keeps_the_named_story() -> None:
    # ASP.NET wraps the page in <form id="aspnetForm">, which the extractor deletes by its tag; with script
    # text loose in the body (a broken page) winning the main-container vote, nothing else led to the story.
    story = "".join(f"<p>Paragraph {i}: the council met on Tuesday evening to discuss the new budget for the "
                    "schools, and the mayor said the vote would come next month after a hearing.</p>"
                    for i in range(4))
    side = "".join(f"<li><a href='/n/{i}'>Other news item number {i}</a></li>" for i in range(8))
    junk = " ".join(f"var offset{i}=12 //Customize x offset of tooltip number {i}" for i in range(40))
    page = (f"<html><body>{junk}<div id='header'>Site name</div><table><tr><td><ul>{side}</ul></td><td>"
            "<form name='aspnetForm' method='post' action='article.aspx?id=1' id='aspnetForm'>"
            "<input type='hidden' name='__VIEWSTATE' value='abc'><span class='sections'>Council debates budget</span>"
            f"<br><div id='ctl00_ContentArea_cbArticleBody' class='text'>{story}</div></form></td></tr></table>"
            "</body></html>")
    text = clean(page).text or ""
    assert all(f"Paragraph {i}:" in text for i in range(4))
    assert "Customize x offset" not in text


def test_a_front_page_of_posts_keeps_them_all(bench_dir: Path) -> None:
    # CleanEval dev-27: a blog's front page, twenty posts in span.newsbody in a layout table. The first body held
    # them; the grid-body retries replaced it with readability's block, under half of their words (0.45). A
    # synthetic copy of the layout did not reproduce readability's choice, so the test reads the dev page.
    page = gzip.decompress((bench_dir / "wceb" / "cleaneval" / "html" / "dev-27.html.gz").read_bytes())
    posts = " ".join(span.text_content() for span in parse_html(page.decode("latin-1")).iter("span")
                     if span.get("class") == "newsbody")
    want = Counter(re.findall(r"\w+", posts.lower()))
    have = Counter(re.findall(r"\w+", (clean(page).text or "").lower()))
    assert sum((want & have).values()) >= 0.7 * sum(want.values())  # 0.78 now


@pytest.mark.parametrize("story", [
    "<p><font class='storyText'>{lead}<p>{para}</p><p>{para}</p><p>{para}</p></font></p>",
    "<div><span class='body'>{lead}<p>{para}</p><p>{para}</p><p>{para}</p></span></div>"])
def test_loose_lead_inside_an_inline_wrapper_of_paragraphs_is_kept(story: str) -> None:
    # An old page's story: a <font> or <span> wraps the story's <p>s, its first paragraph written loose before
    # them. Left loose inside the inline element, readability's block (the retry on a page grid) drops it.
    lead = "HOBART, Australia - The lead paragraph opens the story here. "
    root = parse_html("<html><body><table><tr><td>Menu</td><td>" + story.format(lead=lead, para=PARA)
                      + "</td></tr></table></body></html>")
    wrap_loose_text(root)
    body, _ = _focused(root, Options(), None)
    assert body is not None and "The lead paragraph opens the story here." in "".join(body.itertext())


def test_inline_wrappers_of_blocks_have_their_prose_wrapped_not_their_links() -> None:
    root = parse_html("<html><body><div><span class='body'>Loose story text that is a paragraph of its own. "
                      "<br><div>A block inside the span.</div></span><span class='list'><a href='/a'>A linked "
                      "headline of another story, long enough</a><div>A block inside the span.</div></span>"
                      "</div></body></html>")
    assert wrap_loose_text(root) == 1
    span, linked = root.iter("span")
    assert span[0].tag == "p" and span[0].text.startswith("Loose story text")
    assert linked[0].tag == "a"


def test_loose_text_of_a_list_item_holding_paragraphs_is_kept() -> None:
    # Broken markup: <li>s without a list, each closed by the next paragraph, so the parser puts the <p>s
    # inside them. The item's own text stands loose before a block, where the extractor drops it.
    body = (f"<div class='articleText'><p>{PARA}</p><p><br><b>The manifesto</b><br>"
            "<li> \"We will abolish the agency and set up three national centres as trusts.\"</p><p>"
            "<li> \"We will task the institute with the elite athlete programme.\"</p><p>Closing words. "
            f"{PARA}</p></div>")
    doc = clean(_framed("<h1>Budget agreed</h1>" + body), kind="html")
    assert "We will abolish the agency" in doc.text and "the elite athlete programme" in doc.text


def test_a_form_of_prose_without_fields_is_handed_to_the_extractor_as_a_div() -> None:
    ads = "".join(f"<p><input type='checkbox' name='ad{i}'> Ad {i}: a warehouse in the county is hiring forklift "
                  "drivers for the night shift, with good benefits.</p>" for i in range(6))
    root = parse_html(
        f"<html><body><form id='ads' action='/cart'>{ads}<input type='submit' value='Add'></form>"
        f"<form id='search' action='/s'>{ads}<input type='text' name='q'></form>"
        f"<form id='poll' action='/vote'>{ads}<input type='radio' name='v'></form>"
        f"<form id='mail' action='/m'>{ads}<textarea name='m'></textarea></form>"
        "<form id='short'><input type='checkbox'> Remember me</form></body></html>")
    _unform(root, None)
    assert {el.get("id"): el.tag for el in root.iter("form", "div")} == {
        "ads": "div", "search": "form", "poll": "form", "mail": "form", "short": "form"}


def test_a_results_page_whose_ads_lie_in_a_checkbox_form_keeps_them(bench_dir: Path) -> None:
    # CleanEval dev-35: a classified-ads results page; the ads, each with an "Add to My Clipboard" checkbox, lie in
    # a form, which the extractor deletes by its tag. 140 characters came out, none of them an ad.
    page = gzip.decompress((bench_dir / "wceb" / "cleaneval" / "html" / "dev-35.html.gz").read_bytes())
    text = clean(page).text or ""
    assert text.count("View this ad") >= 8 and "GROUNDS KEEPING" in text


def test_a_paragraph_of_links_one_a_line_is_not_read_as_glued_teasers() -> None:
    # A round-up post lists its picks one link a line ("<a>Special Occasion Turkey</a><br><a>Maple and ...</a>").
    # The post-filter read the paragraph with its line breaks dropped ("TurkeyMaple"), as a teaser card's
    # headline glued to its summary, and removed the picks.
    from lxml import etree

    from cleaner.html.filter import block_text

    picks = ["Special Occasion Turkey", "Maple and Mustard Glazed Turkey with Killer Gravy", "Tuscan Turkey Roulade"]
    paragraph = etree.fromstring("<p>" + "<lb/>".join(f"<ref>{pick}</ref>" for pick in picks) + "</p>")
    assert block_text(paragraph) == " ".join(picks)
    intro = "".join(f"<p>{s}</p>" for s in (
        "Every year our community sends us its favourite turkey recipes, and every year we test them all.",
        "This year the testers cooked for three weekends in a row and wrote long notes on each dish they made.",
        "Here are the recipes they liked best, the ones we will cook again on Thanksgiving this year."))
    page = ("<html><body><article><h1>Community picks: Thanksgiving turkey</h1>" + intro + "<p>"
            + "<br>".join(f"<a href='/recipes/{i}'>{pick}</a>" for i, pick in enumerate(picks)) + "</p>"
            + "<p>Thanks to all of our volunteer testers for their thoughtful comments and their many photos.</p>"
            + "</article></body></html>")
    text = clean(page).text or ""
    assert all(pick in text for pick in picks), text
