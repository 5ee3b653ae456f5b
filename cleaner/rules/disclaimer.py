"""`disclaimer` and `cookie_banner`: notices about content, advice, cookies and consent."""

from __future__ import annotations

import re

from . import lexicon
from .line import Line
from .registry import rule

_COOKIE = re.compile(r"cookie|クッキー|쿠키", re.I)
MAX_NOTICE_WORDS = 120


@rule("cookie_banner", within=MAX_NOTICE_WORDS, gate=re.compile(_COOKIE.pattern), gate_folded=True)
def cookie_notice(line: Line) -> bool:
    """A cookie or consent notice."""
    return (line.within(MAX_NOTICE_WORDS) and bool(_COOKIE.search(line.text))
            and line.may_hold_phrase and bool(lexicon.lowered_phrases("disclaimer_phrases").search(line.lower)))


@rule("disclaimer", within=MAX_NOTICE_WORDS, gate=lexicon.folded_phrase_gate(), gate_folded=True)
def content_notice(line: Line) -> bool:
    """Third-party-content, not-advice and views-are-not-ours notices."""
    return (line.within(MAX_NOTICE_WORDS) and line.may_hold_phrase
            and bool(lexicon.lowered_phrases("disclaimer_phrases").search(line.lower)))
