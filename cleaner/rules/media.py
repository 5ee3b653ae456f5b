"""`media`: image file names and URLs, photo credits."""

from __future__ import annotations

import re

from .line import Line
from .registry import rule

IMAGE_FILE = re.compile(r"\S+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)(?:[?#]\S*)?", re.I)
_CREDIT = re.compile(r"^(?:photo|image|picture|photograph|credit|source|foto|bild|imagen|immagine|图片|图)"
                     r"(?:\s*(?:credit|by|source))?\s*[:：]|(?:/|\b)getty images\b|\bphoto(?:graph)?\s*(?:by|:)",
                     re.I)


@rule("media")
def image_name(line: Line) -> bool:
    """An image file name or URL taking up most of the line ('26390384-Jzvfcd.jpg?auth_key=...')."""
    found = IMAGE_FILE.findall(line.text)
    return bool(found) and sum(map(len, found)) >= 0.6 * len(line.text)


@rule("media")
def photo_credit(line: Line) -> bool:
    """'Photo: Jane Doe/Reuters', '(Getty Images)' and other short credit lines."""
    return line.size <= 15 and bool(_CREDIT.search(line.text))
