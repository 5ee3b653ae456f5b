"""`disclaimer` and `cookie_banner`: notices about content, advice, cookies and consent."""

from __future__ import annotations

import re

from . import lexicon
from .line import Line
from .registry import rule

_COOKIE = re.compile(r"cookie|クッキー|쿠키", re.I)
MAX_NOTICE_WORDS = 120


# A cookie notice holds a disclaimer phrase: the phrase gate, whose page search the phrase rules share,
# serves it too (a search of its own for "cookie" cost more than its test of the lines the phrase gate finds).
@rule("cookie_banner", within=MAX_NOTICE_WORDS, gate=lexicon.folded_phrase_gate(), gate_folded=True)
def cookie_notice(line: Line) -> bool:
    """A cookie or consent notice."""
    return (line.within(MAX_NOTICE_WORDS) and bool(_COOKIE.search(line.text))
            and line.may_hold_phrase and bool(lexicon.lowered_phrases("disclaimer_phrases").search(line.lower)))


@rule("disclaimer", within=MAX_NOTICE_WORDS, gate=lexicon.folded_phrase_gate(), gate_folded=True)
def content_notice(line: Line) -> bool:
    """Third-party-content, not-advice and views-are-not-ours notices."""
    return (line.within(MAX_NOTICE_WORDS) and line.may_hold_phrase
            and bool(lexicon.lowered_phrases("disclaimer_phrases").search(line.lower)))
