"""`related` and `comments`: headings that open lists of other articles or comment threads."""

from __future__ import annotations

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
