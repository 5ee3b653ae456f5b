"""Context-sensitive pass: runs of noise, and the main body as the best region of good lines.

The body is the contiguous span with the highest score, where prose scores by its
length and labels, links and flagged lines cost a little each (a maximum-sum
subarray, as in Finn's body-text extraction). Inside it, headings, list items and
section markers stay; short lines at its edges go.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from statistics import median

from ..metadata.from_text import content_words
from ..rules import Line, lexicon
from ..rules.language_picker import language_name_line
from ..rules.registry import flags, gate_masks
from ..rules.related import (
    author_box_heading,
    comment_author,
    comment_count_heading,
    comments_heading,
    related_heading,
)
from .classify import BAD, BLANK, CODE_GATE, GOOD, INTRO_ENDS, NEAR, SHORT, Verdict, code_like, said_twice, stop_density

# Region scores.
GOOD_CAP = 80  # one huge paragraph should not outweigh everything else
NEAR_WEIGHT = 0.5
SHORT_COST = -3.0
BAD_COST = -6.0
REPEAT_COST = -3.0  # a prose line that repeats an earlier one
MIN_GOOD_BEFORE_COMMENTS = 2
AUTHOR_NAME_MAX_SIZE = 2  # words of the name in an author box's heading ("About Jane Doe")
EARLIER_SHARE = 0.5  # an earlier span with half the best span's score is the body (best_region)

ANCHOR_MAX_SIZE = 20  # a headline naming the URL slug's words
ANCHOR_WINDOW = 40  # lines under the headline where the article starts
MIN_NEAR_SCORE = 30  # region score (about words of prose) of an article under its headline
MIN_MENU_RUN = 3  # consecutive short lines that make a menu
EDGE_SHARE = 0.3  # an edge line shorter than this share of the median paragraph is trimmed
EDGE_MAX_SIZE = 20
LEAD_IN_MAX_SIZE = 15  # a heading kept just before the first paragraph
RELATED_MAX_SIZE = 20
MAX_INLINE_LIST = 12  # bulleted items kept between two paragraphs
SECTION_MARKER = re.compile(r"^(?:\d{1,3}|[IVXLC]{1,6}|§\s*\d+)[.)]?$")  # "01", "3.", "IV"
INTRODUCED_ITEM_SIZE = 4  # items of a list a colon announces ("Features:") cost nothing; a menu's are shorter
LIST_ITEM_MIN_SIZE = 6  # list items this long are content even without bullets
# A data item: "Alcohol: 13 %" (a key and its value), "Origin:" (a key whose value follows), "200 g
# flour" (a quantity with its unit). Spec sheets, recipes and fact boxes list such items; menus and tag
# lists list names. A run of labels that is mostly data items is content.
KEY_VALUE = re.compile(r"^[^:：]{1,30}[:：](?:\s+\S|$)")
QUANTITY = re.compile(
    r"[\d½¼¾⅓⅔⅛]\s*(?:%|°|€|\$|£|¥|‰|(?:k?g|mg|µg|[mcdk]?l|[mck]?m|[mck]?m²|[mck]?m³|h|min|s|sec|kcal|kj|kwh?|w|v|"
    r"cups?|tbsp|tsp|teaspoons?|tablespoons?|oz|lbs?|pounds?|ounces?|grams?|inch(?:es)?|ft|mph|km/h|ml)\b)", re.I)
DATA_SHARE = 0.5  # share of a run's items that are data items for the run to stay
# A data list: MIN_DATA_RUN or more short lines in a row, each an amount with its unit ("200 g Zucker", "1 Pck.
# Backpulver", "2 tbsp olive oil": an ingredient list) or a short key with a short or numeric value
# ("Lieferzeit: 15 - 21 Tage", "Verdicker/Basisöl: Li-Seifen/Mineralöl": a spec sheet). It belongs to the
# recipe or product beside it; a menu's items never open with amounts, and a headline with a colon ("John
# Edwards Trial: Free At Last!") has a longer key or value. Each item weighs DATA_WEIGHT in the body region.
AMOUNT = re.compile(r"^(?:\d+(?:[.,/]\d+)?|[½¼¾⅓⅔⅛])\s*(?:-\s*\d+\s*)?(?:k?g|mg|[mcd]?l|el|tl|"
                    r"pck\.?|pkt\.?|prise|cups?|tbsp|tsp|teaspoons?|tablespoons?|oz|lbs?|pounds?|ounces?|grams?|"
                    r"stück|stk\.?|bund|dose|becher|zehen?|scheiben?|msp\.?|cl)\b", re.I)
SPEC_ITEM = re.compile(r"^([^:：]{1,30})[:：]\s+(\S.*)$")
SPEC_KEY_WORDS, SPEC_VALUE_WORDS = 2, 3
MIN_DATA_RUN = 3
DATA_WEIGHT = 1.0
_NONE = Line("")  # stands in for a line scores() need not search


def mark_language_runs(lines: list[Line], verdicts: list[Verdict]) -> None:
    """Two or more language names in a row (blank lines between allowed) are a picker."""
    run: list[int] = []
    for i, (line, verdict) in enumerate(zip(lines, verdicts, strict=True)):
        if verdict.cls == BLANK:
            continue
        if verdict.reason == "language_picker" or (not verdict.removed and language_name_line(line)):
            run.append(i)
            continue
        _flag_language_run(run, verdicts)
        run = []
    _flag_language_run(run, verdicts)


def _flag_language_run(run: list[int], verdicts: list[Verdict]) -> None:
    if len(run) >= 2:
        for i in run:
            if not verdicts[i].removed:
                verdicts[i] = Verdict(BAD, reason="language_picker", name="language-run")


def mark_related_lists(lines: list[Line], verdicts: list[Verdict]) -> None:
    """The short lines that follow a 'Related articles' heading are that list."""
    i = 0
    while i < len(lines):
        if verdicts[i].cls != BLANK and flags(lines[i], related_heading):
            verdicts[i] = Verdict(BAD, reason="related", name="related-heading")
            j = i + 1
            while j < len(lines):
                verdict = verdicts[j]
                if verdict.cls == BLANK or verdict.removed:
                    j += 1
                    continue
                if verdict.cls == GOOD or lines[j].size > RELATED_MAX_SIZE:
                    break
                verdicts[j] = Verdict(BAD, reason="related", name="related-list")
                j += 1
            i = j
        else:
            i += 1


# A gallery flattened into a dump: each picture's caption run into its alt text, so each line says one
# sentence twice (classify.said_twice). MIN_DOUBLED or more such lines are a gallery; one alone may be
# a page's only paragraph.
MIN_DOUBLED = 3
_DOUBLED = Verdict(BAD, reason="media", name="doubled-caption")


def mark_doubled_captions(lines: list[Line], verdicts: list[Verdict]) -> None:
    """Prose lines that say one sentence twice, MIN_DOUBLED or more on the page, are a gallery's captions."""
    found = [i for i, (line, verdict) in enumerate(zip(lines, verdicts, strict=True))
             if verdict.cls in (GOOD, NEAR) and not verdict.removed and said_twice(line)]
    if len(found) >= MIN_DOUBLED:
        for i in found:
            verdicts[i] = _DOUBLED


# A teaser: a blurb cut short with an ellipsis ("The council met on Tuesday to discuss ..."). Two or more
# with no whole paragraph between them are a listing of other pages (headlines and dates may stand
# between); an article's prose ends its sentences, and a lone trailing-off line is a quote's.
ELLIPSIS_ENDS = ("...", "…", "[...]", "[…]", "(...)", "(…)")
MIN_TEASERS = 2


def mark_teaser_runs(lines: list[Line], verdicts: list[Verdict]) -> None:
    """Blurbs cut short with an ellipsis, MIN_TEASERS or more with no whole paragraph between, go when
    the page's other prose outweighs them (a page that is only a listing keeps its listing)."""
    runs: list[list[int]] = []
    run: list[int] = []
    prose = 0  # words of the prose lines outside teaser runs
    for i, (line, verdict) in enumerate(zip(lines, verdicts, strict=True)):
        if verdict.cls != GOOD:
            continue  # headlines, dates and "Read more" stand between teasers; a short line trailing off is a quote's
        if line.text.rstrip(" »›>").endswith(ELLIPSIS_ENDS):
            run.append(i)
            continue
        prose += line.size
        runs.append(run)
        run = []
    runs.append(run)
    runs = [run for run in runs if len(run) >= MIN_TEASERS]
    if runs and prose > sum(lines[i].size for run in runs for i in run):
        for run in runs:
            for i in run:
                verdicts[i] = _TEASER


_TEASER = Verdict(BAD, reason="related", name="teaser-run")


# Verse and hard-wrapped prose: short lines with no blank between them, each going on with the sentence
# of the line before (it starts in lower case, or the line before ends with a comma). Menu items each
# start a name; a wrapped sentence does not.
WRAP_JOINS = (",", ";", "-", "–", "—")
WRAPPED_MIN_SIZE = 10  # words of the run, which must end a sentence
_WRAPPED = Verdict(NEAR, name="wrapped-line")


def mark_wrapped_runs(lines: list[Line], verdicts: list[Verdict]) -> None:
    """Short lines that read on from one another to a sentence end are prose (a poem, a hard-wrapped
    paragraph), not a menu: each becomes `near` and is kept where the body reaches it."""
    n = len(lines)
    i = 0
    while i < n:
        if verdicts[i].cls != SHORT:
            i += 1
            continue
        j = i  # extend over adjacent non-blank lines that continue the one before
        joins = 0
        while j + 1 < n and verdicts[j + 1].cls in (SHORT, NEAR, GOOD) and not verdicts[j + 1].removed \
                and not lines[j].ends_sentence and _continues(lines[j], lines[j + 1]):
            j += 1
            joins += 1
        if joins >= 1 and lines[j].ends_sentence and sum(lines[k].size for k in range(i, j + 1)) >= WRAPPED_MIN_SIZE:
            for k in range(i, j + 1):
                if verdicts[k].cls in (SHORT, NEAR):
                    verdicts[k] = _WRAPPED
        i = j + 1


def _continues(before: Line, line: Line) -> bool:
    first = line.text[:1]
    return not line.bullet and not before.bullet and (first.islower() or before.text.endswith(WRAP_JOINS))


def scores(lines: list[Line], verdicts: list[Verdict], data: set[int] | None = None) -> list[float]:
    """The region score of each line; `data` holds the lines of data lists (data_lists), found here if None."""
    out: list[float] = []
    shorts = [line if verdict.cls == SHORT else _NONE for line, verdict in zip(lines, verdicts, strict=True)]
    maybe_code = gate_masks(shorts, [(1, CODE_GATE, False)])  # one search of the page, not one per line
    introduced = False  # inside a list that a line ending with a colon announced
    contents = _contents_entries(lines, verdicts)
    data = data_lists(lines, verdicts) if data is None else data
    seen: set[str] = set()  # prose already scored: a listing repeats its blurbs, an article its lines seldom
    for i, (line, verdict, code) in enumerate(zip(lines, verdicts, maybe_code, strict=True)):
        if verdict.cls == GOOD:
            out.append(REPEAT_COST if line.norm in seen else min(line.size, GOOD_CAP))
            seen.add(line.norm)
        elif verdict.cls == NEAR:
            out.append(NEAR_WEIGHT * line.size)
        elif i in data:
            out.append(DATA_WEIGHT)
        elif verdict.cls == SHORT:
            item = (introduced and _list_item(line)) or i in contents
            out.append(0.0 if item or (code and code_like(line)) else SHORT_COST)
        elif verdict.cls == BAD:
            out.append(BAD_COST)
        else:
            out.append(0.0)
        if verdict.cls != BLANK:
            introduced = (line.text.endswith(INTRO_ENDS) and not verdict.removed) or (
                introduced and verdict.cls == SHORT and _list_item(line))
    return out


def data_lists(lines: list[Line], verdicts: list[Verdict]) -> set[int]:
    """Short lines of a data list (see AMOUNT): runs of MIN_DATA_RUN or more, blank lines between allowed."""
    member = [verdict.cls == SHORT and (_amount(line.text) or _spec_item(line.text))
              for line, verdict in zip(lines, verdicts, strict=True)]
    return _runs(verdicts, member.__getitem__, MIN_DATA_RUN)


def _runs(verdicts: list[Verdict], member: Callable[[int], bool], minimum: int) -> set[int]:
    """The indices of the runs of `minimum` or more member lines; a blank line neither ends a run nor joins it."""
    found: set[int] = set()
    run: list[int] = []
    for i, verdict in enumerate(verdicts):
        if verdict.cls == BLANK:
            continue
        if member(i):
            run.append(i)
            continue
        if len(run) >= minimum:
            found.update(run)
        run = []
    if len(run) >= minimum:
        found.update(run)
    return found


def _amount(text: str) -> bool:
    return (text[:1].isdigit() or text[:1] in "½¼¾⅓⅔⅛") and AMOUNT.match(text) is not None


def _spec_item(text: str) -> bool:
    found = SPEC_ITEM.match(text)
    if found is None:
        return False
    value = found.group(2)
    return len(found.group(1).split()) <= SPEC_KEY_WORDS and (
        len(value.split()) <= SPEC_VALUE_WORDS or any(c.isdigit() for c in value))


def _contents_entries(lines: list[Line], verdicts: list[Verdict]) -> set[int]:
    """Short lines that recur further down as the heading of a paragraph: a table of contents (its
    entries, "1. Neil Patrick Harris", head the sections below). A menu's items recur in the footer's
    menu, not above prose."""
    headings: dict[str, int] = {}  # text -> last line where it heads prose
    for i, (line, verdict) in enumerate(zip(lines, verdicts, strict=True)):
        if verdict.cls == SHORT:
            after = _skip_blanks(verdicts, i + 1, 1, len(verdicts) - 1)
            if after < len(verdicts) and verdicts[after].cls == GOOD:
                headings[line.norm] = i
    # an entry stands above the heading it names: no line from the last heading down is one
    last = max(headings.values(), default=0)
    return {i for i, (line, verdict) in enumerate(zip(lines[:last], verdicts[:last], strict=True))
            if verdict.cls == SHORT and headings.get(line.norm, -1) > i}


def _list_item(line: Line) -> bool:
    """An item of a list a colon announced: a few words (a menu's items are shorter), or a data item ("200 g flour")."""
    return line.size >= INTRODUCED_ITEM_SIZE or _data_item(line)


HEADLINE_CHROME_LINES = 12  # lines under the headline, before the first paragraph, that are its byline and tools


def comment_start(lines: list[Line], verdicts: list[Verdict], anchors: list[int] | None = None) -> int | None:
    """The first line of a comment thread that follows some prose, or None: a comment's head ("Rosa
    says:"), a heading that quotes the headline ("3 Comments on “Title”"), a reply button, the heading
    of the form that writes one ("Leave a reply", "Schreibe einen Kommentar"). Comments close a page;
    nothing after them is the article. A bare "Comments" or "2483 comments" is not enough: a link to
    the thread stands by the headline, and "Recent comments" in a sidebar. Nor is a marker between a
    line naming the page (`anchors`, see headline_anchors) and the first paragraph under it: the
    headline's tools ("Write a comment" beside "Share this article")."""
    seen_prose = False
    tools_until = -1  # the headline's tool lines run to here
    heads = set(anchors or ())
    for i, (line, verdict) in enumerate(zip(lines, verdicts, strict=True)):
        if i in heads:
            tools_until = i + HEADLINE_CHROME_LINES
        if verdict.cls == GOOD:
            seen_prose = True
            tools_until = -1
        elif seen_prose and verdict.cls != BLANK and i > tools_until and (_comment_marker(line) or _comment_form(line)):
            return i
    return None


# The verb of a comment form's heading ("Leave a reply", "Kommentar verfassen", "Lascia un commento"): a
# form to write a comment stands under the article only, where a link to the comments (a toolbar item, a
# bullet) may stand by the headline.
_WRITE = re.compile(r"\b(?:leave|post|add|write|submit|schreibe|schreiben|hinterlasse|hinterlassen|verfassen|"
                    r"laisser|deja|lascia|dodaj|napisz)\b|发表", re.I)


def _comment_form(line: Line) -> bool:
    return not line.bullet and flags(line, comments_heading) and _WRITE.search(line.text) is not None


def _comment_marker(line: Line) -> bool:
    return (flags(line, comment_author) or flags(line, comment_count_heading)
            or line.norm in lexicon.words("reply_buttons"))


def headline_anchors(lines: list[Line], verdicts: list[Verdict], slug: set[str],
                     stopwords: frozenset[str]) -> list[int]:
    """Short lines that name most of the URL slug's words: the headline and its echoes (a breadcrumb,
    a link to the page itself)."""
    if not slug:
        return []
    need = max(1 if len(slug) == 1 else 2, (len(slug) + 1) // 2)
    found = []
    for i, (line, verdict) in enumerate(zip(lines, verdicts, strict=True)):
        if verdict.cls == BLANK or not 1 <= line.size <= ANCHOR_MAX_SIZE or line.bullet:
            continue
        if len(content_words(line.text, stopwords) & slug) >= need:
            found.append(i)
    return found


def below_headline(values: list[float], span: tuple[int, int], anchors: list[int]) -> tuple[int, int]:
    """The body, when the best span starts far (over ANCHOR_WINDOW lines) below every line naming the
    page (the URL slug): the best span within ANCHOR_WINDOW lines under the first such line that starts
    one worth MIN_NEAR_SCORE. A later block that outscores a short article (a consent or login dialog at
    the page's end, a site's "about" text, a long comment) does not name the page; the headline above
    the article does."""
    if not anchors or any(a <= span[0] <= a + ANCHOR_WINDOW for a in anchors):
        return span
    if span[0] < anchors[0]:
        if span[1] >= anchors[0]:
            return span
        # The best block stands wholly above the headline: a notice at the page's top (an outdated
        # browser, a cookie text) or a teaser; the article is under its headline, unless that line
        # is only an echo after the article (its tags, a link to it) with far less prose under it.
        near = _max_span(values[anchors[0] + 1:anchors[0] + 1 + ANCHOR_WINDOW])
        best = sum(values[span[0]:span[1] + 1])
        if near is not None and near[1] >= max(MIN_NEAR_SCORE, EARLIER_SHARE * best):
            return near[0][0] + anchors[0] + 1, near[0][1] + anchors[0] + 1
        return span
    for a in anchors:
        if a >= span[0]:
            break
        near = _max_span(values[a + 1:a + 1 + ANCHOR_WINDOW])
        if near is not None and near[1] >= MIN_NEAR_SCORE:
            return near[0][0] + a + 1, near[0][1] + a + 1
    return span


# A comment's head: a name with the comment's time stamp ("rdm 07.19.12 at 08:29", "Anna | 3 May 2012
# 14:05"). A thread repeats one stamp format over many heads with different names; an article has one
# dateline, and a live blog's stamps stand alone or beside the same zone word.
STAMP = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?", re.I)
# What every STAMP match holds, less its leading \b: a digit first, so the search scans for digits instead of
# trying the pattern at every position.
_STAMP_GATE = re.compile(r"\d(?:\d{0,3}[./-]\d{1,2}[./-]\d{2,4}\b|\d?:\d{2})")
STAMP_HEAD_MAX_SIZE = 8
MIN_STAMPED_HEADS = 3
# Words of prose above the first stamped head for it to end an article: a forum thread's opening post
# is short and has such a head too, and there the posts are the content.
MIN_ARTICLE_ABOVE_STAMPED = 100
_DIGIT = re.compile(r"\d")
# A site's copyright notice names the year right after its sign ("© 2008 WorldNow", "Copyright © 2000 - 2008");
# a picture's credit names the photographer there ("© Lucy Nicholson Detainees at ..., 2018.").
DATED_NOTICE = re.compile(r"(?:©|\(c\)|copyright)\s*(?:copyright\s*|©\s*)?(?:19|20)\d\d\b", re.I)


def stamped_heads(lines: list[Line], verdicts: list[Verdict], start: int) -> set[int]:
    """Comment heads below `start` (the body's first line): short lines holding a name and a time stamp,
    right above prose, of which MIN_STAMPED_HEADS or more share one stamp format and name at least two
    different people (what they say beside the stamp differs in more than its digits). A format that
    stamps two or more lines above the body, or the head right above it, is a forum's: the body is
    itself a post of the thread."""
    heads: dict[str, list[tuple[int, str]]] = {}  # stamp format -> (line, what the line says beside it)
    above: dict[str, int] = {}  # stamp format -> short lines above the body that hold it
    # one search of the page for a stamp, not a Python round per line: most lines hold none
    maybe = gate_masks([_NONE if v.cls in (BLANK, GOOD) else line for line, v in zip(lines, verdicts, strict=True)],
                       [(1, _STAMP_GATE, False)])
    for i in (i for i, hit in enumerate(maybe) if hit):
        line = lines[i]
        if line.size > STAMP_HEAD_MAX_SIZE or line.ends_sentence:
            continue
        stamps = list(STAMP.finditer(line.text))
        if not stamps:
            continue
        shape = " ".join(_DIGIT.sub("0", m.group().lower()) for m in stamps)
        rest = STAMP.sub(" ", line.text)
        after = _skip_blanks(verdicts, i + 1, 1, len(verdicts) - 1)
        head = any(word[:1].isalpha() for word in rest.split()) and after < len(verdicts) and (
            verdicts[after].cls in (GOOD, NEAR) or after == start)  # not a bare stamp (a live blog's entry time)
        if i < start:
            # the head of the body's own post counts double: the body opens the thread
            above[shape] = above.get(shape, 0) + (2 if head and after == start else 1)
            continue
        if not head:
            continue
        heads.setdefault(shape, []).append((i, " ".join(_DIGIT.sub("", rest).lower().split())))
    return {i for shape, found in heads.items()
            if len(found) >= MIN_STAMPED_HEADS and len({name for _, name in found}) >= 2 and above.get(shape, 0) < 2
            for i, _ in found}


def cut_at_comments(lines: list[Line], verdicts: list[Verdict], span: tuple[int, int]) -> tuple[int, int]:
    """End the body at a comment section (its heading, a comment's head or reply button), an author
    box or the site's dated copyright notice that follows some of its prose."""
    start, end = span
    goods = words = 0
    stamped = stamped_heads(lines, verdicts, start)
    for i in range(start, end + 1):
        if i in stamped and words >= MIN_ARTICLE_ABOVE_STAMPED:
            return start, i - 1
        if verdicts[i].cls == GOOD:
            goods += 1
            words += lines[i].size
        elif goods >= MIN_GOOD_BEFORE_COMMENTS and verdicts[i].cls != BLANK and _closes_article(lines[i], verdicts[i]):
            if _author_box_only(lines[i]) and lines[i].size > AUTHOR_NAME_MAX_SIZE + 1 \
                    and _prose_words(lines, verdicts, i + 1, end) > words:
                continue  # "About Breast Cancer Advocacy" with more prose below than above: a side menu's item
            return start, i - 1
    return span


def _author_box_only(line: Line) -> bool:
    """A line that closes the article only as an author box's heading ("About Jane Doe")."""
    return author_box_heading(line) and not flags(line, comments_heading) and not _comment_marker(line)


def _prose_words(lines: list[Line], verdicts: list[Verdict], first: int, last: int) -> int:
    return sum(lines[i].size for i in range(first, last + 1) if verdicts[i].cls == GOOD)


def _closes_article(line: Line, verdict: Verdict) -> bool:
    """A comment section's heading or marker, an author box, or the site's dated copyright notice."""
    return ((not line.bullet and (flags(line, comments_heading) or author_box_heading(line))) or _comment_marker(line)
            or (verdict.name == "copyright-line" and DATED_NOTICE.search(line.text) is not None))


def best_region(values: list[float]) -> tuple[int, int] | None:
    """Inclusive bounds of the body's span, or None when nothing scores above zero: the maximum-sum
    span, unless a span before it scores at least EARLIER_SHARE of it. What follows an article in a
    dump (its comments, a consent dialog, an "about the site" text, the footer) can outscore it; what
    precedes it seldom reads as prose, so the earlier of two strong blocks is the better bet."""
    best = _max_span(values)
    if best is None:
        return None
    span, score = best
    earlier = _max_span(values[:span[0]])
    if earlier is not None and earlier[1] >= EARLIER_SHARE * score:
        return earlier[0]
    return span


def _max_span(values: list[float]) -> tuple[tuple[int, int], float] | None:
    """Inclusive bounds of the maximum-sum span (Kadane) and its sum, or None when nothing scores above zero."""
    best, best_span = 0.0, None
    running, start = 0.0, 0
    for i, value in enumerate(values):
        if running <= 0:
            running, start = value, i
        else:
            running += value
        if running > best:
            best, best_span = running, (start, i)
    return (best_span, best) if best_span is not None else None


def trim_edges(lines: list[Line], verdicts: list[Verdict], span: tuple[int, int],
               strength: float = 1.0, stopwords: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Drop short lines at the region's tail (taglines, teasers, widget labels).

    `strength` scales how long a tail line must be to stay (the precision preset raises it).
    """
    start, end = span
    sizes = [lines[i].size for i in range(start, end + 1) if verdicts[i].cls == GOOD]
    if not sizes:
        return span
    limit = strength * min(EDGE_MAX_SIZE, EDGE_SHARE * median(sizes))

    # The lead may open with a short sentence; only the tail is trimmed by size.
    while start < end and verdicts[start].cls in (BLANK, BAD):
        start += 1
    while end > start and (verdicts[end].cls in (BLANK, BAD)
                           or (lines[end].size < limit and verdicts[end] is not _WRAPPED
                               and not _closing_sentence(lines, verdicts, end, start, limit, stopwords))):
        end -= 1
    return start, end


CLOSING_STOP_DENSITY = 0.4  # share of stop words in a closing sentence (0.43-0.7 seen); a slogan lists nouns (0.33)


def _closing_sentence(lines: list[Line], verdicts: list[Verdict], i: int, start: int, limit: float,
                      stopwords: frozenset[str]) -> bool:
    """A prose line that ends a sentence right under a paragraph of the body: the article's last words
    ("That is all for today."), short beside its long paragraphs. A tagline or a promo under a run of
    labels, or under another such line, goes with the tail; so does a slogan of nouns ("AI-powered
    research, real-time alerts and analytics for investors."), which has few stop words."""
    if verdicts[i].cls != GOOD or not lines[i].ends_sentence \
            or stop_density(lines[i], stopwords) < CLOSING_STOP_DENSITY:
        return False
    before = _skip_blanks(verdicts, i - 1, -1, start)
    return before >= start and verdicts[before].cls == GOOD and lines[before].size >= limit


# A paragraph that ends with a colon announces the list below it ("We propose:" and its bullets); when the
# list's items are too short to score, the body's span stops at the announcement and the list goes with the
# menus after it. The list is the bulleted lines right below (a wrapped item's next line hangs deeper).
MAX_ANNOUNCED_ITEMS = 30
ANNOUNCED_ITEM_SIZE = 5  # median words of the items' first lines; a menu's items are names of one to three


def announced_list(lines: list[Line], verdicts: list[Verdict], span: tuple[int, int]) -> tuple[int, int]:
    """Extend the body over the bulleted list that its last line, a paragraph ending with a colon, or a
    heading ending with one right under it announces.

    The items must read as phrases (a median of ANNOUNCED_ITEM_SIZE words or more): a list of names under
    such a line ("Our other blogs:") is a menu of the sidebar the paragraph stands in."""
    start, end = span
    last = _skip_blanks(verdicts, end, -1, start)
    if last < start or verdicts[last].cls not in (GOOD, NEAR) or not lines[last].text.endswith(INTRO_ENDS):
        # or a heading that announces the list right under the body ("The key facts:")
        last = _skip_blanks(verdicts, end + 1, 1, len(lines) - 1)
        if last >= len(lines) or verdicts[last].cls != SHORT or lines[last].bullet \
                or not lines[last].text.endswith(INTRO_ENDS):
            return span
    sizes: list[int] = []  # words of each item's first line
    item_indent = -1
    j = found = last + 1
    gap = False  # a blank line since the last item's line
    while j < len(lines) and len(sizes) <= MAX_ANNOUNCED_ITEMS:
        line, verdict = lines[j], verdicts[j]
        if verdict.cls == BLANK:
            gap = True
            j += 1
            continue
        if verdict.cls == BAD:
            break
        if line.bullet and (item_indent < 0 or line.indent == item_indent):
            item_indent = line.indent
            sizes.append(line.size)
        elif gap or not (item_indent >= 0 and not line.bullet and line.indent > item_indent):
            break  # neither an item nor a wrapped item's next line
        gap = False
        found = j
        j += 1
    if not sizes or median(sizes) < ANNOUNCED_ITEM_SIZE:
        return span
    return start, found


def lead_in(lines: list[Line], verdicts: list[Verdict], start: int, floor: int) -> int:
    """Take back one heading that stands right before the first paragraph (not below `floor`)."""
    i = _skip_blanks(verdicts, start - 1, -1, floor + 1)
    if i <= floor:
        return start
    line, verdict = lines[i], verdicts[i]
    if verdict.cls != SHORT or not 2 <= line.size <= LEAD_IN_MAX_SIZE or line.bullet:
        return start
    before = _skip_blanks(verdicts, i - 1, -1, floor + 1)
    if before > floor and verdicts[before].cls == SHORT:
        # part of a menu, not a lone heading, unless the headline stands right above the two
        # (a section's name and the heading: "About us", "Our history")
        above = _skip_blanks(verdicts, before - 1, -1, floor + 1)
        if floor < 0 or above != floor:
            return start
    return i


# A short line ending with a colon announces what follows ("Read more:", "More topics:", "Contents:"); when
# what follows went (a list of links, a form), the announcement is left alone at the body's end or between
# paragraphs, and goes too.
ORPHAN_INTRO_MAX_SIZE = 8
_ORPHAN_INTRO = Verdict(BAD, reason="related", name="orphan-intro")


def drop_orphan_intros(lines: list[Line], verdicts: list[Verdict], keep: set[int]) -> None:
    """Remove from `keep` each short line ending with a colon whose next non-blank line is not kept."""
    last = len(verdicts) - 1
    for i in [i for i in keep if verdicts[i].cls == SHORT and lines[i].text.endswith(INTRO_ENDS)
              and lines[i].size <= ORPHAN_INTRO_MAX_SIZE]:
        after = _skip_blanks(verdicts, i + 1, 1, last)
        if after > last or after not in keep:
            keep.discard(i)
            verdicts[i] = _ORPHAN_INTRO


STANDFIRST_WINDOW = 25  # non-blank lines from the headline to the body within which a lead paragraph is sought
STANDFIRST_SHARED = 2  # content words a lead paragraph shares with the headline


def standfirst(lines: list[Line], verdicts: list[Verdict], title_at: int, start: int,
               stopwords: frozenset[str]) -> list[int]:
    """Prose lines between the headline and the body's first line that take up the headline's words: the
    lead paragraph, cut off from the body by a picture with its caption, share buttons or a table of
    contents. An author's bio or a teaser there speaks of something else."""
    between = [i for i in range(title_at + 1, start) if verdicts[i].cls != BLANK]
    if len(between) > STANDFIRST_WINDOW:
        return []
    headline = content_words(lines[title_at].text, stopwords)
    return [i for i in between if verdicts[i].cls == GOOD and not verdicts[i].removed
            and len(content_words(lines[i].text, stopwords) & headline) >= STANDFIRST_SHARED]


# A lead paragraph right under the headline (the line naming the URL slug's words), cut off from the body
# below by a picture, share buttons or a teaser box: a teaser's blurb stands under its own headline, which
# names another page.
LEAD_MAX_BYLINE = 3  # words of a short line (an author's name) allowed between the headline and its lead
LEAD_MAX_SKIPPED = 2  # such lines, or a dateline or byline, between the two


def lead_under_headline(lines: list[Line], verdicts: list[Verdict], anchors: list[int], start: int) -> list[int]:
    """The prose line right under each headline anchor within ANCHOR_WINDOW lines above the body's start."""
    found = []
    for a in anchors:
        if not 0 < start - a <= ANCHOR_WINDOW:
            continue
        i = _skip_blanks(verdicts, a + 1, 1, start - 1)
        for _ in range(LEAD_MAX_SKIPPED):
            if i < start and (verdicts[i].reason == "metadata"
                              or (verdicts[i].cls == SHORT and lines[i].size <= LEAD_MAX_BYLINE)):
                i = _skip_blanks(verdicts, i + 1, 1, start - 1)
        if i < start and verdicts[i].cls == GOOD and not verdicts[i].removed:
            found.append(i)
    return found


def _skip_blanks(verdicts: list[Verdict], i: int, step: int, bound: int) -> int:
    """The first non-blank index from `i` in direction `step`, stopping once past `bound`."""
    while (i >= bound if step < 0 else i <= bound) and verdicts[i].cls == BLANK:
        i += step
    return i


def outside_reason(lines: list[Line], verdicts: list[Verdict], i: int,
                   menus: set[int] | None = None) -> tuple[str, str]:
    """Why a line outside the body went: a menu run, or simply not the body. `menus`: menu_lines(verdicts),
    when the caller asks for many lines."""
    if i in menus if menus is not None else verdicts[i].cls == SHORT and _in_short_run(verdicts, i):
        return "navigation", "menu-run"
    return "boilerplate", "outside-body"


def menu_lines(verdicts: list[Verdict]) -> set[int]:
    """The short lines that _in_short_run says stand in a menu run, found in one pass: those of each stretch
    of short and blank lines that holds MIN_MENU_RUN short lines or more."""
    return _runs(verdicts, [verdict.cls == SHORT for verdict in verdicts].__getitem__, MIN_MENU_RUN)


def _in_short_run(verdicts: list[Verdict], i: int) -> bool:
    count = 1
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(verdicts) and verdicts[j].cls in (SHORT, BLANK):
            if verdicts[j].cls == SHORT:
                count += 1
            j += step
            if count >= MIN_MENU_RUN:
                return True
    return count >= MIN_MENU_RUN


def revise_label_runs(lines: list[Line], verdicts: list[Verdict], span: tuple[int, int],
                      strict: bool = False) -> None:
    """Inside the body, two or more labels in a row stay only as a list the text introduces.

    A lone short line is a heading or a section marker and stays; a run of them is a
    menu, a tag list or a teaser stack, unless the line before it ends with a colon
    or the run is a numbered heading or a list between two paragraphs. With `strict`
    (the precision preset), a lone short line stays only as the heading of a paragraph.
    """
    start, end = span
    i = start
    while i <= end:
        if verdicts[i].cls != SHORT:
            i += 1
            continue
        run = [i]
        j = i + 1
        while j <= end and verdicts[j].cls in (SHORT, BLANK):
            if verdicts[j].cls == SHORT:
                run.append(j)
            j += 1
        if len(run) >= 2 and not _introduced_list(lines, verdicts, run, end):
            for k in run:
                verdicts[k] = Verdict(BAD, reason="navigation", name="label-run")
        elif strict and len(run) == 1 and not _heads_paragraph(lines, verdicts, run[0], end):
            verdicts[run[0]] = Verdict(BAD, reason="navigation", name="stray-label")
        i = j


def _heads_paragraph(lines: list[Line], verdicts: list[Verdict], i: int, end: int) -> bool:
    """A short line directly above prose (a heading), or a section marker."""
    if SECTION_MARKER.match(lines[i].text) or lines[i].text.endswith(INTRO_ENDS):
        return True
    after = _skip_blanks(verdicts, i + 1, 1, end)
    return after <= end and verdicts[after].cls in (GOOD, NEAR)


def _introduced_list(lines: list[Line], verdicts: list[Verdict], run: list[int], end: int) -> bool:
    if sum(code_like(lines[k]) for k in run) * 2 >= len(run):
        return True  # a code block
    if sum(map(_data_item, (lines[k] for k in run))) >= DATA_SHARE * len(run):
        return True  # a spec sheet, a recipe's ingredients, a fact box
    before = _skip_blanks(verdicts, run[0] - 1, -1, 0)
    if before >= 0 and lines[before].text.endswith(INTRO_ENDS):
        return True
    if lines[run[0]].text.endswith(INTRO_ENDS):
        return True  # the run's own heading announces it ("Product details:")
    after = _skip_blanks(verdicts, run[-1] + 1, 1, end)
    followed = after <= end and verdicts[after].cls in (GOOD, NEAR)
    if len(run) == 2 and followed and SECTION_MARKER.match(lines[run[0]].text):
        return True  # "02" and its heading
    sentences = median(lines[k].size for k in run) >= LIST_ITEM_MIN_SIZE
    listed = (sentences or all(lines[k].bullet for k in run)) and len(run) <= MAX_INLINE_LIST
    return listed and followed and before >= 0 and verdicts[before].cls in (GOOD, NEAR)


def _data_item(line: Line) -> bool:
    """A key and its value, a key whose value follows, a quantity with its unit (see KEY_VALUE) or an amount."""
    return KEY_VALUE.match(line.text) is not None or QUANTITY.search(line.text) is not None or _amount(line.text)


# A paragraph this long is the article's wherever it is indented (a table layout can set a sidebar's cell
# before a line of the body, shifting its indentation); teasers, bios and comments
# beside an article are seldom so long.
COLUMN_FREE_SIZE = 100


def body_column(lines: list[Line], verdicts: list[Verdict], span: tuple[int, int]) -> tuple[int, int]:
    """In indented (browser-like) dumps, end the body with the last prose line in the body's column.

    Teasers, bios and comment threads after an article sit in other boxes, so at other
    indentations; the body's column is the indentation carrying most of its prose. A paragraph of
    COLUMN_FREE_SIZE words or more stays in the body at any indentation.
    """
    start, end = span
    weight: dict[int, int] = {}
    for i in range(start, end + 1):
        if verdicts[i].cls == GOOD:
            # List items vote less: teaser lists are lists, article prose mostly is not.
            vote = lines[i].size // 2 if lines[i].bullet else lines[i].size
            weight[lines[i].indent] = weight.get(lines[i].indent, 0) + vote
    if len(weight) < 2:
        return span
    column = max(weight, key=weight.__getitem__)
    last = end
    while end > start and not (verdicts[end].cls in (GOOD, NEAR) and lines[end].indent == column) \
            and not (verdicts[end].cls == GOOD and lines[end].size >= COLUMN_FREE_SIZE):
        end -= 1
    # A list that closes the article hangs deeper than the column: follow it and its lead-ins.
    j = end + 1
    while j <= last:
        line, verdict = lines[j], verdicts[j]
        if verdict.cls == BLANK:
            j += 1
            continue
        item = line.bullet and line.indent > column and verdict.cls in (GOOD, NEAR, SHORT)
        lead = line.indent == column and (verdict.cls in (GOOD, NEAR) or line.text.endswith(INTRO_ENDS)) \
            and verdict.cls != BAD
        if not (item or lead):
            break
        end = j
        j += 1
    for i in range(end + 1, last + 1):
        if verdicts[i].cls in (GOOD, NEAR, SHORT):
            verdicts[i] = Verdict(BAD, reason="boilerplate", name="outside-column")
    return start, end
