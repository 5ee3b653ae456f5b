"""`footer`: copyright, contact details, registration and licence lines, link-list headings."""

from __future__ import annotations

import re

from . import lexicon
from .line import Line
from .registry import rule

# The lookbehind starts a match only where a local part begins: a start inside one would find the same
# address, and retrying every position of a long token made the search quadratic.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_LABELS = "tel|phone|telephone|fax|mobile|hotline|telefon|téléphone|teléfono|电话|電話|手机"
_ADDRESS_LABELS = "address|adresse|dirección|indirizzo|endereço|adres|地址|住所"
_EMAIL_LABELS = "e-?mail|mail|邮箱|电子邮件"
_PHONE_LABEL = re.compile(rf"^(?:{_PHONE_LABELS})\.?\s*[:：]?\s*[+(\d]", re.I)
_PHONE_ONLY = re.compile(r"^\+?[\d\s().-]{7,20}$")
_ADDRESS_LABEL = re.compile(rf"^(?:{_ADDRESS_LABELS})\s*[:：]", re.I)
_EMAIL_LABEL = re.compile(rf"^(?:{_EMAIL_LABELS})\s*[:：]", re.I)
MAX_FOOTER_WORDS = 40
# What every contact line holds (folded): a label at its start, or what a bare number starts with
# (_PHONE_ONLY: its text is stripped, so no space), or an "@".
_CONTACT_GATE = re.compile(rf"\n(?:[-+().\d]|{_PHONE_LABELS}|{_ADDRESS_LABELS}|{_EMAIL_LABELS})|@")


@rule("footer", within=MAX_FOOTER_WORDS, gate=lexicon.folded_phrase_gate(), gate_folded=True)
def copyright_line(line: Line) -> bool:
    """'Copyright © 2021 ...', 'All Rights Reserved', 粤ICP备..., company registration."""
    return (line.within(MAX_FOOTER_WORDS) and line.may_hold_phrase
            and bool(lexicon.lowered_phrases("footer_phrases").search(line.lower)))


@rule("footer", within=MAX_FOOTER_WORDS, gate=_CONTACT_GATE, gate_folded=True)
def contact_line(line: Line) -> bool:
    """Phone, fax, e-mail and postal-address lines."""
    text = line.text
    if not line.within(MAX_FOOTER_WORDS):
        return False
    if _PHONE_LABEL.match(text) or _ADDRESS_LABEL.match(text) or _EMAIL_LABEL.match(text):
        return True
    if _PHONE_ONLY.match(text) and sum(c.isdigit() for c in text) >= 7:
        return True
    return line.size <= 12 and "@" in text and bool(EMAIL.search(text))


@rule("footer", max_words=5, gate=lexicon.label_gate(), gate_folded=True)
def footer_heading(line: Line) -> bool:
    """Headings of link lists and contact blocks: 'LINKS', 'Follow us', 'Privacy Policy', 'TEL:'."""
    return line.size <= 5 and bool(line.norm) and line.norm in lexicon.words("footer_words")
