"""The text path, top to bottom: lines -> verdicts -> runs -> body region -> metadata -> Document."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .. import language
from ..decode import normalise_whitespace
from ..document import Document, Removal, Trace, new_removal
from ..edit_links import split_edit_link
from ..limits import check
from ..metadata import from_text
from ..options import Options
from ..rules import Line, lexicon
from ..rules.line import page_lines
from . import context
from .classify import BAD, BLANK, GOOD, NEAR, SHORT, Verdict, classify_lines, several_sentences

MIN_DUPLICATE_SIZE = 4
MIN_ABOVE_COMMENTS = 15  # region score (about words of prose) that makes a block above the comments the body
BUDGET_CHECK_LINES = 1000  # lines classified between two checks of the time budget
# Page types from a dump's kept text (the HTML path's rules, on what a text dump still shows).
SHORT_PAGE_WORDS = 150  # an error or login notice page says little
HOME_ARTICLE_MIN_WORDS, HOME_ARTICLE_PROSE = 100, 0.7  # a home page that reads as one text is an article
INDEX_MAX_WORDS = 800
PROSE_LINE_CHARS = 150
LINK_LINES_MIN, LINK_LINE_SHARE = 10, 0.3  # lines of the page that are links (lynx marks them "[12]")
INDEX_BLURB_WORDS = 300  # ... and what is kept is a few blurbs, not a story
# At a line's start, within the line: page_type counts the link lines of the page joined by "\n" at once.
_LINK_MARK = re.compile(r"^(?:[-*+o#][^\S\n]*)?\[\d+\]\S", re.M)
HEADING_MAX_WORDS = 15  # a wiki heading with its "[edit]" link; longer lines are not headings
CONTEXT_GUESSES = {"related-list", "label-run"}  # removals by position only: a headline may be among them
# How each preset revises the region: tail trimming strength, and whether position-only cuts apply.
PRESET_EDGE = {"precision": 1.5, "balanced": 1.0, "recall": 0.0}
PRESET_CUTS = {"precision": True, "balanced": True, "recall": False}


def clean_text(text: str, options: Options, *, url: str | None = None) -> Document:
    """Clean a whole-page text dump."""
    lines = page_lines(normalise_whitespace(text))
    lang = language.detect(_prose_sample(lines))
    stopwords = language.stopwords(lang)

    check("split")
    verdicts: list[Verdict] = []
    for first in range(0, len(lines), BUDGET_CHECK_LINES):
        check("classify")  # a long dump's classification is the longest stage
        verdicts += classify_lines(lines[first:first + BUDGET_CHECK_LINES], stopwords)
    check("classify")
    context.mark_language_runs(lines, verdicts)
    context.mark_related_lists(lines, verdicts)
    context.mark_wrapped_runs(lines, verdicts)
    context.mark_teaser_runs(lines, verdicts)
    context.mark_doubled_captions(lines, verdicts)

    check("context")
    doc = Document(kind="text", url=url, language=lang)
    data = context.data_lists(lines, verdicts)
    values = context.scores(lines, verdicts, data)
    span = context.best_region(values)
    anchors: list[int] = []
    if span is not None and url:
        slug = from_text.content_words(_slug(url), stopwords)
        anchors = context.headline_anchors(lines, verdicts, slug, stopwords)
        span = context.below_headline(values, span, anchors)
    comments = context.comment_start(lines, verdicts, anchors)
    if span is not None and comments is not None and span[0] > comments:
        # The best block lies in the comments: a short article above them is still the body.
        above = context.best_region(values[:comments])
        if above is not None and sum(values[above[0]:above[1] + 1]) >= MIN_ABOVE_COMMENTS:
            span = above
    if span is None:
        doc.page_type = "empty"
        doc.empty_reason = "no article body: every line is noise or too short to be prose"
        _finish(doc, lines, verdicts, set(), options)
        return doc
    # The headline stands before the first paragraph, inside the region or above it.
    first_good = next((i for i in range(span[0], span[1] + 1) if verdicts[i].cls == GOOD), span[0])
    before = [i for i in range(max(0, span[0] - from_text.TITLE_LOOKBACK), first_good)
              if (verdicts[i].cls in (SHORT, NEAR) and not (i >= span[0] and lines[i].text.endswith(".")))
              or (i < span[0] and verdicts[i].cls == GOOD and not several_sentences(lines[i]))
              or verdicts[i].name in CONTEXT_GUESSES]
    before = [i for i in before if i not in data]  # an item of a spec sheet or an ingredient list is no headline
    span = context.cut_at_comments(lines, verdicts, span)
    if PRESET_CUTS[options.preset]:
        span = context.body_column(lines, verdicts, span)
    if PRESET_EDGE[options.preset]:
        span = context.trim_edges(lines, verdicts, span, PRESET_EDGE[options.preset], stopwords)
    span = context.announced_list(lines, verdicts, span)
    start, end = span

    body = [lines[i] for i in range(start, end + 1) if not verdicts[i].removed]
    title_at = from_text.pick_title(lines, before, body, stopwords, url)
    headline = None
    if title_at is not None:
        title_at, headline = from_text.bare_headline(lines, title_at)
    floor = title_at if title_at is not None else -1
    if title_at is not None and title_at >= start:
        start = title_at + 1  # what stood above the headline is not the body
    start = context.lead_in(lines, verdicts, start, floor)
    if PRESET_CUTS[options.preset]:
        context.revise_label_runs(lines, verdicts, (start, end), strict=options.preset == "precision")

    check("region")
    keep = {i for i in range(start, end + 1) if verdicts[i].cls not in (BAD, BLANK)}
    if title_at is not None and title_at < start:
        keep.update(context.standfirst(lines, verdicts, title_at, start, stopwords))
    keep.update(context.lead_under_headline(lines, verdicts, anchors, start))
    context.drop_orphan_intros(lines, verdicts, keep)
    if title_at is not None:
        doc.title = split_edit_link(headline or lines[title_at].text)[0]
        verdicts[title_at] = Verdict(BAD, reason="metadata", name="title")
        keep.discard(title_at)

    head = list(range(0, end + 1))
    meta_lines = [i for i in head if verdicts[i].reason == "metadata"]
    month_first = lang in (None, "en")  # 03/05/2022 is 3 May but in English
    near = None if title_at is None else from_text.headline_date(
        lines, title_at, from_text.byline_window(lines, title_at, start), month_first)
    above = [i for i in range(0, start) if verdicts[i].cls != BLANK]
    doc.date = near or from_text.find_dateline(lines, meta_lines, month_first) \
        or from_text.find_dateline(lines, above, month_first) or from_text.closing_dateline(lines, end, month_first)
    doc.author = from_text.find_author(lines, meta_lines) or from_text.written_byline(lines, title_at, start)
    doc.categories = from_text.find_categories(lines, list(range(0, start)), doc.title)
    doc.sitename = from_text.find_sitename(lines, [i for i in range(len(lines)) if i not in keep], url)
    _finish(doc, lines, verdicts, keep, options, span=(start, end))
    if not doc.text:
        doc.page_type = "empty"
        doc.empty_reason = "no article body left after removing noise"
    else:
        doc.page_type = page_type(doc.text, url, [line.text for line in lines])
        if lang is None:
            doc.language = language.detect(doc.text)
    return doc


def page_type(text: str, url: str | None, page: list[str]) -> str:
    """article, index, error or login, from the kept text of a dump, its URL and all its lines.

    A short text whose message says the page is missing or behind a login is an error or login
    page; a home page is an index unless it reads as one text; so is a page of link lines (lynx
    marks links "[12]") whose kept text is short blurbs.
    """
    words = len(text.split())
    flat = " ".join(text.split())
    if words < SHORT_PAGE_WORDS and lexicon.phrases("error_messages").search(flat):
        return "error"
    if words < SHORT_PAGE_WORDS and lexicon.phrases("login_messages").search(flat):
        return "login"
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    total = sum(len(line) for line in lines) or 1
    prose = sum(len(line) for line in lines if len(line) >= PROSE_LINE_CHARS) / total
    address = urlsplit(url or "")
    home = url is not None and address.path.strip("/") == "" and not address.query
    if home and words < INDEX_MAX_WORDS and (words < HOME_ARTICLE_MIN_WORDS or prose < HOME_ARTICLE_PROSE):
        return "index"
    if words >= INDEX_BLURB_WORDS or prose >= HOME_ARTICLE_PROSE:
        return "article"  # a story, whatever its links: no need to count them
    shown = [line.strip() for line in page if line.strip()]
    linked = len(_LINK_MARK.findall("\n".join(shown)))  # one search, not a match per line
    if linked >= LINK_LINES_MIN and linked >= LINK_LINE_SHARE * len(shown):
        return "index"
    return "article"


def _slug(url: str) -> str:
    """The words of a URL's last path segment, without its file extension: "us-sport-corona-100.html";
    a segment of digits only is an id, the one before it the slug ("/android-ransomware-spreads/146774/")."""
    segment = next((part for part in reversed(urlsplit(url).path.split("/")) if part and not part.isdigit()), "")
    return _EXTENSION.sub("", segment).replace("-", " ").replace("_", " ")


_EXTENSION = re.compile(r"\.[a-z0-9]{1,5}$", re.I)


def _prose_sample(lines: list[Line]) -> str:
    longest = sorted([line.text for line in lines if line.size >= 8], key=len, reverse=True)
    return " ".join(longest[:20])


def _finish(doc: Document, lines: list[Line], verdicts: list[Verdict], keep: set[int],
            options: Options, span: tuple[int, int] | None = None) -> None:
    """Assemble the body text, the removals and the per-line trace."""
    kept_text: list[str] = []
    seen: set[str] = set()
    menus: set[int] | None = None
    removed = doc.removed
    for i, (line, verdict) in enumerate(zip(lines, verdicts, strict=True)):
        if verdict.cls == BLANK:
            if options.with_trace:
                doc.trace.append(Trace(line.number, line.raw, False))
            continue
        reason, name = verdict.reason, verdict.name
        if i in keep:
            key = " ".join(line.text.lower().split())
            if line.size >= MIN_DUPLICATE_SIZE and key in seen:
                reason, name = "duplicate", "repeated-line"
            else:
                seen.add(key)
                text = line.text
                if line.size <= HEADING_MAX_WORDS:
                    text, link = split_edit_link(text)
                    if link is not None:
                        doc.removed.append(Removal(link, "navigation", "edit-link", line=line.number))
                kept_text.append(("- " if line.bullet else "") + text)
                if options.with_trace:
                    doc.trace.append(Trace(line.number, line.raw, True))
                continue
        elif reason is None:
            if span and menus is None:
                menus = context.menu_lines(verdicts)  # one pass, not a walk around each line outside the body
            reason, name = context.outside_reason(lines, verdicts, i, menus) if span else ("boilerplate", "no-body")
        removed.append(new_removal(line.text[:500], reason, name or reason, line=line.number))
        if options.with_trace:
            doc.trace.append(Trace(line.number, line.raw, False, reason, name))
    doc.text = "\n".join(kept_text)


__all__ = ["clean_text"]
