"""Language identification (py3langid, offline) and stop-word lists (jusText's, per language)."""

from __future__ import annotations

import re
from functools import cache

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
# Every ISO 639-1 code; a declared language outside this set ("utf", "x-default", "english") is no code.
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el
en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja
jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd
ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split())
_RETIRED = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro"}  # old codes some pages still declare
MIN_CHARS = 40
_LETTER = re.compile(r"[^\W\d_]")
SAMPLE_CHARS = 5000


def iso639_1(value: str | None) -> str | None:
    """The ISO 639-1 code of a declared language tag ("en-US", "de_DE", "fr"), or None when the value
    is no language tag ("UTF-8", "x-default", "*")."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].split(",")[0].strip().lower()
    code = _RETIRED.get(code, code)
    return code if code in ISO_639_1 else None


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample, 0, MIN_CHARS * 8)) < MIN_CHARS:
        return None
    import py3langid  # numpy and the model: 200 ms, paid only by pages whose markup names no language

    code, _score = py3langid.classify(sample)
    return iso639_1(code)


@cache
def stopwords(code: str | None) -> frozenset[str]:
    """Lower-cased stop words of a language; empty when none are known."""
    name = _STOPLIST_NAMES.get(code or "")
    if not name:
        return frozenset()
    import justext

    return frozenset(justext.get_stoplist(name))
