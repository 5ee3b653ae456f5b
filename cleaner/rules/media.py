"""`media`: image file names and URLs, photo credits."""

from __future__ import annotations

import re

from . import lexicon
from .line import Line
from .registry import rule

# Only from the start of a token: the greedy \S+ already reaches the last extension in it, so a later
# start finds nothing new, and retrying every position of a long token was quadratic.
_IMAGE_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)", re.I)
IMAGE_FILE = re.compile(r"(?<!\S)\S+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)(?:[?#]\S*)?", re.I)
_CREDIT = re.compile(r"^(?:photo|image|picture|photograph|credit|source|foto|bild|imagen|immagine|quelle|źródło|fuente|"
                     r"fonte|zdjęcie|图片|图)"
                     r"(?:\s*(?:credit|by|source))?\s*[:：]|(?:/|\b)getty images\b|\bphoto(?:graph)?\s*(?:by|:)",
                     re.I)


@rule("media", gate=_IMAGE_EXTENSION)
def image_name(line: Line) -> bool:
    """An image file name or URL taking up most of the line ('26390384-Jzvfcd.jpg?auth_key=...')."""
    if not _IMAGE_EXTENSION.search(line.text):
        return False  # every match holds one: a scan for it is cheaper than IMAGE_FILE's token walk
    found = IMAGE_FILE.findall(line.text)
    return bool(found) and sum(map(len, found)) >= 0.6 * len(line.text)


# What every credit line holds: the label's colon, "getty" or "photo" (case-folded). Written as the first
# characters of its three branches, then each branch's rest (the same matches, at the same places): re finds
# a pattern's first characters by a scan only when every branch starts with a single character.
_CREDIT_GATE = re.compile(r"[:：gp](?:(?<=[:：])|(?<=g)etty|(?<=p)hoto)")


@rule("media", within=15, gate=_CREDIT_GATE, gate_folded=True)
def photo_credit(line: Line) -> bool:
    """'Photo: Jane Doe/Reuters', '(Getty Images)' and other short credit lines."""
    return line.within(15) and bool(_CREDIT.search(line.text.lstrip("([.,;: ")))


_AGENCY = (r"(?:AP|AFP|Reuters|Getty(?: Images)?|EPA|Shutterstock|iStock|Alamy|dpa|Xinhua|Bloomberg|Pixabay|Unsplash|"
           r"Pexels|Wikimedia Commons|Imago|picture alliance)")
CAPTION_CREDIT = re.compile(
    rf"\((?:{_AGENCY}|image|photo|foto|picture|credit|pictured|bild)\b[^()]{{0,80}}\)\s*$"
    rf"|(?:/|\|)\s*(?:(?:source|credit|quelle|źródło|fuente|fonte|foto|photo)\s*:\s*)?{_AGENCY}"
    rf"(?:\s+(?:file|photo|images|via getty images))?\s*\)?\s*$"
    rf"|^\d+\s*(?:of|/)\s*\d+\s+\S",
    re.I,
)
MAX_CAPTION_WORDS = 60
# What every CAPTION_CREDIT match holds (folded): "(" with an agency or a picture word, "/" or "|" with a
# source label or an agency, or a digit opening the line. "(", "/" and "|" alone let 29,000 lines of the dev
# dumps through, nearly all of them prose.
_AGENCY_KEYS = ("ap", "afp", "reuters", "getty", "epa", "shutterstock", "istock", "alamy", "dpa", "xinhua", "bloomberg",
                "pixabay", "unsplash", "pexels", "wikimedia commons", "imago", "picture alliance")
# Written, as _CREDIT_GATE, as its branches' first characters (scanned for), then each branch's rest.
_CAPTION_GATE = re.compile(
    r"[(/|\n](?:(?<=\()(?:" + lexicon.trie_pattern({*_AGENCY_KEYS, "image", "photo", "foto", "picture", "credit",
                                                    "pictured", "bild"})
    + r")|(?<=[/|])\s*(?:" + lexicon.trie_pattern({*_AGENCY_KEYS, "source", "credit", "quelle", "źródło", "fuente",
                                                   "fonte", "foto", "photo"}) + r")|(?<=\n)\d)")


@rule("media", within=MAX_CAPTION_WORDS, gate=_CAPTION_GATE, gate_folded=True)
def caption(line: Line) -> bool:
    """A photo caption: '... (Image: GETTY)', '... J. Smith / AP file', '2 of 4 A shopper looks ...'."""
    return line.within(MAX_CAPTION_WORDS) and bool(CAPTION_CREDIT.search(line.text))
