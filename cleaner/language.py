"""Language identification (py3langid, offline) and stop-word lists (jusText's, per language)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any

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
    return iso639_1(classify(sample))


def classify(text: str) -> str:
    """`py3langid.classify(text)[0]`, the same label, with the automaton's walk over the bytes done by numpy.

    py3langid walks its n-gram automaton (Aho-Corasick: a state is the longest suffix of the bytes read
    that is a prefix of a feature) in a Python loop over every byte: most of the time of a text page.
    The state after a byte is then the walk from the start over the last `depth` bytes alone (depth: the
    longest feature), so all positions walk at once, `depth` steps each, and the features come out in
    the same order (so the same Counter, down to its key order, which the float sum of the scores follows).
    """
    import py3langid  # numpy and the model: 200 ms, paid only by pages whose markup names no language
    from py3langid import langid

    model = langid._get_identifier()
    tables = _walk_tables(model)
    if tables is None:  # another py3langid than the one this was written for: its own classify
        return py3langid.classify(text)[0]
    import numpy as np

    data = model._encode(text)
    visits = _visit_counts(tables, data)
    if visits:
        scores = model._sparse_score(visits, model.nb_ptc)
    else:
        scores = np.full(len(model.nb_classes), langid.RAW_FLOOR, dtype=np.float32)
    for i, j in model._alias_pairs:  # as LanguageIdentifier._decide without norm_probs
        scores[i] = max(scores[i], scores[j])
        scores[j] = langid.RAW_FLOOR
    return model.nb_classes[int(scores.argmax())]


_tables: dict[int, Any] = {}
_ROWS_AT_ONCE = 2048  # rows of the next-state table read per step of the breadth-first walk (2 MB)


def _walk_tables(model: Any) -> tuple[Any, Any, Any, int] | None:
    """(next-state table, row offsets, outputs, depth) as numpy arrays, made once per model; None when
    the model is not the one this walk was written for."""
    key = id(model)
    if key not in _tables:
        _tables.clear()
        _tables[key] = _make_tables(model)
    return _tables[key]


def _make_tables(model: Any) -> tuple[Any, Any, Any, int] | None:
    import numpy as np

    needed = ("tk_nextmove", "_rowbase", "tk_output", "_encode", "_sparse_score", "_alias_pairs", "nb_ptc",
              "nb_classes", "_norm_probs", "min_confidence")
    if not all(hasattr(model, name) for name in needed) or model._norm_probs or model.min_confidence is not None:
        return None
    # The next-state table (10M entries) as a view of the model's own array when it is one of 4-byte
    # unsigned ints, not a 40 MB copy.
    table = model.tk_nextmove
    if getattr(table, "typecode", None) == "I" and table.itemsize == 4:
        nextmove = np.frombuffer(table, dtype=np.uint32)
    else:
        nextmove = np.asarray(table, dtype=np.int64)
    rowbase = np.asarray(model._rowbase, dtype=np.int32)
    output = np.asarray(model.tk_output, dtype=np.int32)
    # Each state's depth (the length of its string) is its distance from the start: breadth first.
    # States share rows of the table: each level reads each row once.
    seen = np.zeros(len(rowbase), dtype=bool)
    seen[0], frontier, depth = True, np.zeros(1, dtype=np.int64), 0
    byte = np.arange(256, dtype=np.int32)
    row_used = np.zeros(int(rowbase.max()) + 256, dtype=bool)
    while True:
        row_used[:] = False
        row_used[rowbase[frontier]] = True
        rows = np.flatnonzero(row_used).astype(np.int32)
        reached = np.zeros(len(rowbase), dtype=bool)
        for start in range(0, len(rows), _ROWS_AT_ONCE):  # bounded temporaries: the heap would keep them
            reached[nextmove[(rows[start:start + _ROWS_AT_ONCE, None] + byte[None, :]).ravel()]] = True
        frontier = np.flatnonzero(reached & ~seen)
        if not len(frontier):
            break
        seen[frontier] = True
        depth += 1
    if not seen.all():
        return None
    return nextmove, rowbase, output, depth


def _visit_counts(tables: tuple[Any, Any, Any, int], data: bytes) -> Counter[int] | None:
    """py3langid.langid.visit_counts(...) of `data`."""
    import numpy as np

    nextmove, rowbase, output, depth = tables
    text = np.frombuffer(data, dtype=np.uint8).astype(np.int32)
    state = np.zeros(len(text), dtype=np.int32)
    for back in range(depth - 1, -1, -1):  # position p reads byte p - back, oldest first
        state[back:] = nextmove[rowbase[state[back:]] + text[:len(text) - back]]
    features = output[state]
    found = features[features >= 0].tolist()
    return Counter(found) if found else None


@cache
def stopwords(code: str | None) -> frozenset[str]:
    """Lower-cased stop words of a language; empty when none are known."""
    name = _STOPLIST_NAMES.get(code or "")
    if not name:
        return frozenset()
    import justext

    return frozenset(justext.get_stoplist(name))
