"""`related` and `comments`: headings that open lists of other articles or comment threads."""

from __future__ import annotations

import re

from . import lexicon
from .line import Line
from .registry import rule


@rule("related", max_words=8, gate=lexicon.heading_gate(), gate_folded=True)
def related_heading(line: Line) -> bool:
    """'Related articles', 'Read more', 'You may also like', 'Lesen Sie auch'."""
    return line.size <= 8 and bool(lexicon.anchored("related_phrases").match(line.norm))


@rule("comments", max_words=8, gate=lexicon.heading_gate(), gate_folded=True)
def comments_heading(line: Line) -> bool:
    """'12 Comments', 'Leave a Reply', 'Join the discussion', 'Kommentare (3)'."""
    return line.size <= 8 and bool(lexicon.anchored("comment_phrases").match(line.text.lower().strip(" :")))


# "46 Comments on “Title”", "12 thoughts on “Title”": a comment section's heading that quotes the whole
# headline, so longer than the short headings of comment_phrases. The quote mark tells it from a sentence.
COMMENT_COUNT = re.compile(
    r"^\d+\s+(?:comments?|responses?|replies|thoughts?|kommentare|gedanken|commentaires|réponses|comentarios|"
    r"respuestas|commenti|risposte|komentarze|reacties|comentários|respostas)\s+(?:on|to|zu|sur|à|en|a|para|su|do|op)\s+"
    r"[“\"„«‘'‚‹「]",
    re.I)


@rule("comments", within=40, gate=re.compile(r"\n\d"))
def comment_count_heading(line: Line) -> bool:
    """'46 Comments on “Title”', '12 thoughts on “Title”', '3 Kommentare zu „Titel“'."""
    return line.within(40) and bool(COMMENT_COUNT.match(line.text))


INLINE_LINK = re.compile(
    r"^(?:related|read more|read also|also read|see also|see more|more|watch|listen|recommended|further reading|"
    r"lesen sie (?:auch|hier|mehr|dazu)|mehr zum thema|lire aussi|à lire aussi|leia também|leia mais|leer más|"
    r"lee (?:también|más)|lea(?: también| más| además)?|"
    r"leggi anche|czytaj (?:też|także)|читайте также)\s*[:：»>|-]\s*\S", re.I)


# The first word of each INLINE_LINK lead-in, at a line's start.
_INLINE_GATE = re.compile(r"\n(?:related|read|also|see|more|watch|listen|recommended|further|lesen|mehr|lire|à lire|"
                          r"leia|lee|lea|leggi|czytaj|читайте)")


@rule("related", within=30, gate=_INLINE_GATE, gate_folded=True)
def inline_related_link(line: Line) -> bool:
    """'Related: Another story', 'READ MORE: ...' — a link to another article inside the body."""
    return line.within(30) and bool(INLINE_LINK.match(line.text))


COMMENT_AUTHOR = re.compile(r"\b(?:says|said|wrote|writes|replied|schreibt|sagt|dit|a écrit|escribió|dice|"
                            r"disse|napisał|пишет)\s*(?::|\.\.\.|…)\s*$", re.I)


@rule("comments", within=12, gate=re.compile(r"[:.…]\n"))  # the line ends so
def comment_author(line: Line) -> bool:
    """'jane says:', 'Max schreibt:', 'On May 2, 2012 at 2:35am, Rosa said...' — the head of one comment."""
    return line.within(12) and bool(COMMENT_AUTHOR.search(line.text))


AUTHOR_BOX = re.compile(r"^(?:about the author|about|über den autor|über|sobre o autor|sobre el autor|sobre|"
                        r"à propos de l'auteur|à propos de|o autorze|об авторе)\s+\w|^(?:about the author|"
                        r"über den autor|sobre o autor|sobre el autor|à propos de l'auteur|o autorze|об авторе)\W*$",
                        re.I)


def author_box_heading(line: Line) -> bool:
    """'About the author', 'About Jane Doe', 'Über Max Muster': the bio box after an article."""
    if line.size > 6 or line.ends_sentence or not AUTHOR_BOX.match(line.text):
        return False
    rest = line.words[1:]
    return all(w[:1].isupper() for w in rest if w.lower() not in ("the", "author", "den", "autor", "o", "de"))


# A link's title run into its summary: "...Student-AthleteA 24-year-old woman was..." As one pattern,
#   ((?:(?:[A-Z0-9$][\w'’:,.$-]*|of|the|a|...|by)\s+){3,}[A-Z0-9][\w'’-]*?[a-z0-9?!’'"])([A-Z][a-z]*)(?=\s)
# the nested repetition over words retried the rest of a long line from every capital, so `teaser_head`
# finds the same match word by word: three or more headline words, then the glued word.
_HEAD_WORD = re.compile(r"[A-Z0-9$][\w'’:,.$-]*|of|the|a|an|and|or|in|on|at|to|for|with|by")
_HEAD_STOPWORDS = ("of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "for", "with", "by")
_HEAD_TAIL = re.compile(r"(?<![\w'’:,.$-])[\w'’:,.$-]*\Z")  # from the start of a run only: linear
_HEAD_START = re.compile(r"[A-Z0-9$]")
_GLUED_WORD = re.compile(r"[A-Z0-9][\w'’-]*?[a-z0-9?!’'\"]([A-Z][a-z]*)")
_ANY_GLUE = re.compile(r"[a-z0-9?!’'\"][A-Z][a-z]*(?=\s)")
_ANY_GLUE_GATE = re.compile(r"[A-Z](?<=[a-z0-9?!’'\"].)[a-z]*(?=\s)")  # _ANY_GLUE, scanned for capitals
_TOKEN = re.compile(r"\S+")
MIN_HEAD_WORDS = 3


def _head_start(token: str) -> int | None:
    """Where the earliest suffix of `token` that is a headline word begins, or None."""
    found = []
    tail = _HEAD_TAIL.search(token)
    if tail is not None:
        first = _HEAD_START.search(token, tail.start())
        if first is not None:
            found.append(first.start())
    if token.endswith(_HEAD_STOPWORDS):  # one test in C: most words end in none of them
        found.extend(len(token) - len(word) for word in _HEAD_STOPWORDS if token.endswith(word))
    return min(found, default=None)


def teaser_head(text: str) -> str | None:
    """The headline part of the first teaser glue in `text` (the pattern above's group 1), or None.

    Like the pattern's leftmost-longest search: the earliest word (or word suffix) that opens a run of
    headline words reaching a glued word at least three words on, ended at the last such glued word.
    """
    ends = [m.end() for m in _ANY_GLUE.finditer(text)]  # a word that ends in a glued capital ends at one of these
    if not ends:
        return None  # no word ends in a glued capital: spare the word-by-word walk
    # Words after the last glued one change no answer (see below): the walk ends with the last such match.
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text, 0, ends[-1])]
    if len(tokens) <= MIN_HEAD_WORDS:
        return None
    glue: list[int | None] = []  # where the glued capital stands in each word that ends in one
    for at, token in tokens:
        match = _GLUED_WORD.fullmatch(token)
        spaced = at + len(token) < len(text)  # the pattern needs a space after the glued word
        glue.append(match.start(1) if match and spaced else None)
    # Words after the last glued one change no answer (a run reaching past it ends at it): left out.
    last = max((i for i, at in enumerate(glue) if at is not None), default=-1)
    if last < MIN_HEAD_WORDS:
        return None
    tokens, glue = tokens[:last + 1], glue[:last + 1]
    count = len(tokens)
    starts = [_head_start(token) for _, token in tokens]
    next_other = [count] * (count + 1)  # first index >= i that is not a whole headline word
    for i in range(count - 1, -1, -1):
        next_other[i] = i if starts[i] != 0 else next_other[i + 1]
    last_glue, latest = [], -1  # the last glued word at or before i
    for i in range(count):
        latest = i if glue[i] is not None else latest
        last_glue.append(latest)
    for k in range(count - MIN_HEAD_WORDS):
        if starts[k] is None:
            continue
        j = last_glue[min(next_other[k + 1], count - 1)]
        if j >= k + MIN_HEAD_WORDS:
            return text[tokens[k][0] + starts[k]:tokens[j][0] + glue[j]]
    return None


# A camel-case name glued inside one word of letters ("McDonald", "iPhone", "YouTube", "MacBook"): its
# second part is a word's rest of three letters or more, where a teaser's summary starts with any word ("A", "If").
_CAMEL_NAME = re.compile(r"[^\W\d_]*[a-z][A-Z][a-z]{2,}\b")
PROSE_MIN_WORDS = 10
PROSE_LOWER_SHARE = 0.4  # words of a sentence that start lower-case; a row of teaser titles has few
PROSE_BEFORE_WORDS = 3  # words before the glued name, one lower-case
CAMEL_PREFIX_CHARS = 5


def _camel_name_in_prose(line: Line, head: str) -> bool:
    """Whether the glue `teaser_head` found is a camel-case name in a line of prose ("founding members
    Tom Johnston, Michael McDonald, Pat Simmons ... will reunite for a tour."), not a teaser's seam: the
    line is a sentence, the glued word one of letters after three words or more, one lower-case; and
    the glued word's first part is short or a lower-case word before it is no small word a title-case
    headline keeps lower-case ('Explore The 3 Top Spots in Detroit's Rivertown NeighborhoodVisiting ...'
    is a teaser)."""
    if not line.ends_sentence or len(line.words) < PROSE_MIN_WORDS:
        return False
    if sum(w[:1].islower() for w in line.words) < PROSE_LOWER_SHARE * len(line.words):
        return False
    glue = line.text.find(head) + len(head)
    start = line.text.rfind(" ", 0, glue) + 1  # the glued word's start
    before = line.text[:start].split()
    lower = [w for w in before if w[:1].islower()]
    if len(before) < PROSE_BEFORE_WORDS or not lower or not _CAMEL_NAME.match(line.text, start):
        return False
    # A camel-case name's first part is short ("Mc", "Smart"); a headline's last word may be any length.
    return glue - start <= CAMEL_PREFIX_CHARS or any(w not in _HEAD_STOPWORDS for w in lower)


@rule("related", gate=_ANY_GLUE_GATE)
def glued_teaser(line: Line) -> bool:
    """A teaser card flattened to one line: a title-case headline glued to the first words of its summary
    (not a camel-case name in a sentence)."""
    if line.size < 10:
        return False
    found = teaser_head(line.text)
    if found is None:
        return False
    head = found.split()
    return sum(w[:1].isupper() or w[:1].isdigit() for w in head) >= 0.75 * len(head) \
        and not _camel_name_in_prose(line, found)
