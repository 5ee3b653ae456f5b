"""`disclaimer` and `cookie_banner`: notices about content, advice, cookies and consent."""

from __future__ import annotations

import re

from . import lexicon
from .line import Line
from .registry import rule

_COOKIE = re.compile(r"cookie|クッキー|쿠키", re.I)
MAX_NOTICE_WORDS = 120
# The longest line the other phrase rules read (footer.MAX_FOOTER_WORDS). Longer lines, a third of a page's
# text, are searched for the disclaimer keys only (gate_past): the whole phrase gate let every year and
# "cc" of their prose through to these two tests.
PHRASE_RULE_WORDS = 40
_NOTICE_GATES = {"gate": lexicon.folded_phrase_gate(), "gate_folded": True,
                 "gate_past": (PHRASE_RULE_WORDS, lexicon.folded_phrase_gate("disclaimer_phrases"))}


# A cookie notice holds a disclaimer phrase: the phrase gate, whose page search the phrase rules share,
# serves it too (a search of its own for "cookie" cost more than its test of the lines the phrase gate finds).
@rule("cookie_banner", within=MAX_NOTICE_WORDS, **_NOTICE_GATES)
def cookie_notice(line: Line) -> bool:
    """A cookie or consent notice."""
    return (line.within(MAX_NOTICE_WORDS) and bool(_COOKIE.search(line.text))
            and line.may_hold_phrase and bool(lexicon.lowered_phrases("disclaimer_phrases").search(line.lower)))


@rule("disclaimer", within=MAX_NOTICE_WORDS, **_NOTICE_GATES)
def content_notice(line: Line) -> bool:
    """Third-party-content, not-advice and views-are-not-ours notices."""
    return (line.within(MAX_NOTICE_WORDS) and line.may_hold_phrase
            and bool(lexicon.lowered_phrases("disclaimer_phrases").search(line.lower)))
