"""Language identification (py3langid, offline) and stop-word lists (jusText's, per language)."""

from __future__ import annotations

import re
from functools import cache

import justext
import py3langid

# ISO 639-1 code -> jusText stop-list name.
_STOPLIST_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "ga": "Irish", "gl": "Galician", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ka": "Georgian",
    "kk": "Kazakh", "ko": "Korean", "la": "Latin", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ml": "Malayalam", "mr": "Marathi", "ms": "Malay", "nb": "Norwegian_Bokmal", "ne": "Nepali",
    "nl": "Dutch", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}
MIN_CHARS = 40
_LETTER = re.compile(r"[^\W\d_]")
SAMPLE_CHARS = 5000


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample, 0, MIN_CHARS * 8)) < MIN_CHARS:
        return None
    code, _score = py3langid.classify(sample)
    return code


@cache
def stopwords(code: str | None) -> frozenset[str]:
    """Lower-cased stop words of a language; empty when none are known."""
    name = _STOPLIST_NAMES.get(code or "")
    if not name:
        return frozenset()
    return frozenset(justext.get_stoplist(name))
