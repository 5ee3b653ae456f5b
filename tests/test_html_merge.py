"""Chunk merging: a story split into several containers of one kind."""

from __future__ import annotations

from collections.abc import Callable

from cleaner import clean
from cleaner.html.merge import merge_chunks
from cleaner.html.parse import parse_html
from cleaner.html.prune import prune

PARA = ("The committee met on Tuesday to discuss the new budget, and after several hours of debate "
        "the members agreed on a plan that will fund schools, roads and the public library. ")


def _section(text: str) -> str:
    return (f"<div class='band'><div class='container'><div class='row'><div class='col-8'>{text}</div></div>"
            "</div></div>")


def test_a_story_in_stacked_page_sections_is_merged_and_a_small_side_box_is_not() -> None:
    # Each part of the story sits four levels under the page body, in full-width bands split by a table band;
    # a side box of the same column class, with a short paragraph, is not a part of it.
    first = _section("".join(f"<p>First part {i}. {PARA}</p>" for i in range(4)))
    second = _section("".join(f"<p>Second part {i}. {PARA}</p>" for i in range(3)))
    side = _section("<p>About us: a small team writing about the town since 1990, every week of the year, in print "
                    "and online.</p><p>Write to us any time, by letter or by mail, and we answer every question.</p>")
    page = (f"<html><body><h1>Budget agreed</h1>{first}<div class='band'><table><tr><td>1</td><td>2</td></tr>"
            f"</table></div>{second}{side}<footer>Copyright 2024 Town Gazette</footer></body></html>")
    doc = clean(page, kind="html")
    assert "First part 0." in doc.text and "Second part 2." in doc.text
    assert doc.text.index("First part 3.") < doc.text.index("Second part 0.")
    root = parse_html(page)
    main = prune(root).main
    assert merge_chunks(main) == 1 and "About us" not in main.text_content()


def test_the_main_container_stays_in_the_tree_and_receives_the_other_chunks_in_order() -> None:
    # The main container (most paragraph text) is the second chunk: it receives the first before its own
    # paragraphs and stays in the tree, for every later step that works on it.
    first = "<div class='article-body'>" + "".join(f"<p>First part {i}. {PARA}</p>" for i in range(2)) + "</div>"
    second = "<div class='article-body'>" + "".join(f"<p>Second part {i}. {PARA}</p>" for i in range(5)) + "</div>"
    root = parse_html(f"<html><body><main><div>{first}</div><div class='ad'>Advertisement</div><div>{second}</div>"
                      "</main></body></html>")
    main = prune(root).main
    assert main is not None and "Second part 0." in main.text_content()
    assert merge_chunks(main) == 1
    assert main.getroottree().getroot() is root
    text = main.text_content()
    assert text.index("First part 1.") < text.index("Second part 0.")


NOTICE = ("The opinions expressed in this article are those of the author and do not necessarily reflect the views "
          "of the council, which will publish its own reply next week.")


def test_the_other_chunks_are_pruned_as_the_main_container_is() -> None:
    # A line rule flags the notice as a block outside the main container; inside it, such a block is the
    # story's. The chunks merged into the main container after pruning are judged the same way, so where
    # the notice stands (the main chunk, or another) does not decide whether it stays.
    def page(notice_in: int) -> str:
        chunks = []
        for n in range(3):
            paragraphs = [f"<p>Part {n}, paragraph {i}. {PARA}</p>" for i in range(5 if n == 2 else 3)]
            if n == notice_in:
                paragraphs.insert(1, f"<p>{NOTICE}</p>")
            chunks.append("<div class='story-chunk'>" + "".join(paragraphs) + "</div>")
        ad = "<div class='ad-slot'><a href='/ad'>Advertisement</a></div>"
        return f"<html><body><h1>Budget agreed</h1><div class='wrap'>{ad.join(chunks)}</div></body></html>"

    for notice_in in (0, 2):  # chunk 2, with the most paragraphs, is the main container
        root = parse_html(page(notice_in))
        pruned = prune(root)
        assert "Part 2, paragraph 4." in pruned.main.text_content()
        assert not any(r.reason == "disclaimer" for r in pruned.removals), notice_in
        assert NOTICE in clean(page(notice_in), kind="html").text


def _modules(heading: Callable[[int], str], count: int, lengths: tuple[int, ...] = (3, 2, 4, 2)) -> str:
    return "".join(f"<div class='module'><h2>{heading(i)}</h2><div class='text'><div class='text-item'>"
                   f"<p>Section {i}. {PARA * lengths[i % len(lengths)]}</p></div></div></div>" for i in range(count))


def test_a_story_written_a_paragraph_per_section_is_merged_with_its_subheadings() -> None:
    # Each section: a heading without a link, then one paragraph in a wrapper of the same class. The main
    # container holds one paragraph; the others are the same story's sections, each with its own heading.
    sections = _modules(lambda i: f"Part {i} heading", 4)
    page = (f"<html><body><div id='primary'>{sections}</div>"
            "<footer>Copyright 2024 Town Gazette</footer></body></html>")
    root = parse_html(page)
    main = prune(root).main
    assert merge_chunks(main) == 3
    text = " ".join(main.text_content().split())
    # The headings between the chunks go with the chunk they head (the first one's, before every chunk, stays).
    places = [text.index(f"Part {i} heading") for i in range(1, 4)] + [text.index(f"Section {i}.") for i in range(4)]
    assert places[:3] == sorted(places[:3]) and all(text.index(f"Section {i - 1}.") < text.index(f"Part {i} heading")
                                                    < text.index(f"Section {i}.") for i in range(1, 4))
    doc = clean(page, kind="html")
    assert all(f"Section {i}." in doc.text for i in range(4))


def test_a_list_of_posts_a_paragraph_each_under_linked_titles_is_not_merged() -> None:
    # The same shape with each heading a link to another page: a blog's front page, one post's summary each.
    posts = _modules(lambda i: f"<a href='/post/{i}'>Post {i}</a>", 4)
    page = f"<html><body><div id='primary'>{posts}</div></body></html>"
    main = prune(parse_html(page)).main
    assert merge_chunks(main) == 0
