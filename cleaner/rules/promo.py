"""`promo`: app-download, QR, newsletter, subscription and sign-in prompts."""

from __future__ import annotations

import re

from . import lexicon
from .line import Line
from .registry import rule

MAX_PROMPT_WORDS = 25


@rule("promo", within=MAX_PROMPT_WORDS, gate=lexicon.folded_phrase_gate(), gate_folded=True)
def prompt(line: Line) -> bool:
    """'Scan to download Gate App', 'Sign up for our newsletter', 'Subscribe now'."""
    return (line.within(MAX_PROMPT_WORDS) and line.may_hold_phrase
            and bool(lexicon.lowered_phrases("promo_phrases").search(line.lower)))


@rule("promo", gate=re.compile(r"q[\s-]*r|二[\s-]*维[\s-]*码"), gate_folded=True)
def qr_label(line: Line) -> bool:
    """Image labels of QR codes ('qrCode', 'QR code')."""
    # norm only trims the ends and folds spaces, so every such line holds "qr" or "二维码" once its
    # spaces and hyphens are out: two substring tests spare the normalisation of every other line.
    squeezed = "".join(line.lower.split()).replace("-", "")
    if "qr" not in squeezed and "二维码" not in squeezed:
        return False
    return line.norm.replace(" ", "").replace("-", "") in {"qrcode", "qr", "二维码"}


@rule("promo", max_words=6, gate=lexicon.label_gate(), gate_folded=True)
def ad_label(line: Line) -> bool:
    """'Advertisement', 'Continue reading below', 'Anzeige': labels of ad slots."""
    return line.size <= 6 and bool(line.norm) and line.norm in lexicon.words("ad_words")
