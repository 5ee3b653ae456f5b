"""`related` and `comments`: headings that open lists of other articles or comment threads."""

from __future__ import annotations

import re

from . import lexicon
from .line import Line
from .registry import rule


@rule("related")
def related_heading(line: Line) -> bool:
    """'Related articles', 'Read more', 'You may also like', 'Lesen Sie auch'."""
    return line.size <= 8 and bool(lexicon.anchored("related_phrases").match(line.norm))


@rule("comments")
def comments_heading(line: Line) -> bool:
    """'12 Comments', 'Leave a Reply', 'Join the discussion', 'Kommentare (3)'."""
    return line.size <= 8 and bool(lexicon.anchored("comment_phrases").match(line.text.lower().strip(" :")))


INLINE_LINK = re.compile(
    r"^(?:related|read more|read also|also read|see also|see more|more|watch|listen|recommended|further reading|"
    r"lesen sie auch|mehr zum thema|lire aussi|à lire aussi|leia também|leia mais|leer más|lee también|"
    r"leggi anche|czytaj (?:też|także)|читайте также)\s*[:：»>|-]\s*\S", re.I)


@rule("related")
def inline_related_link(line: Line) -> bool:
    """'Related: Another story', 'READ MORE: ...' — a link to another article inside the body."""
    return line.size <= 30 and bool(INLINE_LINK.match(line.text))


@rule("comments")
def comment_author(line: Line) -> bool:
    """'jane says:', 'Max schreibt:' — the head of one comment."""
    return line.size <= 8 and bool(COMMENT_AUTHOR.search(line.text))


COMMENT_AUTHOR = re.compile(r"\b(?:says|said|wrote|writes|replied|schreibt|sagt|dit|a écrit|escribió|dice|"
                            r"disse|napisał|пишет)\s*:\s*$", re.I)


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


# A link's title run into its summary: "...Student-AthleteA 24-year-old woman was..."
_TEASER_GLUE = re.compile(r"((?:(?:[A-Z0-9$][\w'’:,.$-]*|of|the|a|an|and|or|in|on|at|to|for|with|by)\s+){3,}"
                          r"[A-Z0-9][\w'’-]*?[a-z0-9?!’'\"])([A-Z][a-z]*)(?=\s)")


@rule("related")
def glued_teaser(line: Line) -> bool:
    """A teaser card flattened to one line: a title-case headline glued to the first words of its summary."""
    if line.size < 10:
        return False
    match = _TEASER_GLUE.search(line.text)
    if not match:
        return False
    head = match.group(1).split()
    return sum(w[:1].isupper() or w[:1].isdigit() for w in head) >= 0.75 * len(head)
