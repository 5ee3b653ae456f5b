"""Language identification (py3langid, offline) and stop-word lists (jusText's, per language)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
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
    """`py3langid.classify(text)[0]`, the same label, from a compact copy of its model.

    py3langid walks its n-gram automaton (Aho-Corasick: a state is the longest suffix of the bytes read
    that is a prefix of a feature) in a Python loop over every byte: most of the time of a text page.
    The state after a byte is then the walk from the start over the last `depth` bytes alone (depth: the
    longest feature), so all positions walk at once, `depth` steps each, and the features come out in
    the same order (so the same Counter, down to its key order, which the float sum of the scores follows).
    """
    model = _model()
    if model is None:  # another py3langid than the one this was written for: its own classify
        import py3langid

        return py3langid.classify(text)[0]
    import numpy as np

    visits = model.visit_counts(model.encode(text))
    if visits:
        idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
        counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
        # py3langid's _sparse_score, on the same float32 rows: the same products, in the same order.
        scores = np.log1p(counts) @ model.score_rows(idx) + model.nb_pc
    else:
        scores = np.full(len(model.classes), model.floor, dtype=np.float32)
    for i, j in model.alias_pairs:  # as LanguageIdentifier._decide without norm_probs
        scores[i] = max(scores[i], scores[j])
        scores[j] = model.floor
    return model.classes[int(scores.argmax())]


_ROWS_AT_ONCE = 2048  # rows of the next-state table read per step of the breadth-first walk (2 MB)
# A feature's row with more entries that differ from its language's most common value is held whole: the
# common features, which most pages visit, are read as rows, not rebuilt entry by entry.
_DENSE_ROW = 40


@dataclass(frozen=True)
class _Model:
    """py3langid's model in 31 MiB, not 76 (a worker holds it for every page that names no language): the
    next-state table's 17-bit entries as 16 low bits and a bit plane (not 4 bytes each); the
    feature-by-language table (100,000 x 142 half floats, four in five of them their language's most common
    value) as that value per language, the rows of features with many other entries whole, and the other
    entries one by one; no Python lists."""

    low: Any  # uint16: next state, low 16 bits
    high: Any  # uint8: next state's bit 16, packed little-endian
    rowbase: Any  # int32: each state's row offset
    output: Any  # int32: each state's feature, or -1
    depth: int  # the longest feature, in bytes
    row_start: Any  # int64, per feature (and one past the last): its entries that differ
    dense_slot: Any  # int32, per feature: its row in dense_rows; 0 when held as entries
    dense_rows: Any  # float16: each language's most common value, then the rows held whole
    entry_column: Any  # uint8
    entry_value: Any  # float16
    nb_pc: Any
    classes: list[str]
    alias_pairs: list[tuple[int, int]]
    floor: float
    encode: Any  # py3langid's own text-to-bytes step

    def next_states(self, index: Any) -> Any:
        import numpy as np

        bits = self.high[index >> 3]
        bits >>= (index & 7).astype(np.uint8)
        bits &= 1
        state = self.low[index].astype(np.int32)
        state |= bits.astype(np.int32) << 16
        return state

    def visit_counts(self, data: bytes) -> Counter[int] | None:
        """py3langid.langid.visit_counts(...) of `data`."""
        import numpy as np

        text = np.frombuffer(data, dtype=np.uint8).astype(np.int32)
        state = np.zeros(len(text), dtype=np.int32)
        for back in range(self.depth - 1, -1, -1):  # position p reads byte p - back, oldest first
            state[back:] = self.next_states(self.rowbase[state[back:]] + text[:len(text) - back])
        features = self.output[state]
        found = features[features >= 0].tolist()
        return Counter(found) if found else None

    def score_rows(self, idx: Any) -> Any:
        """The model's feature-by-language rows `idx`, as float32 (what numpy casts them to for the product)."""
        import numpy as np

        width = self.dense_rows.shape[1]
        slot = self.dense_slot[idx]
        rows = self.dense_rows[slot].astype(np.float32).ravel()  # row r's entries at r * width ...
        few = np.flatnonzero(slot == 0)  # rows held as their language's values, and the entries that differ
        starts, ends = self.row_start[idx[few]], self.row_start[idx[few] + 1]
        lengths = ends - starts
        total = int(lengths.sum())
        if total:
            shift = np.cumsum(lengths) - lengths - starts  # entry k of the run holds entry k - shift
            entry = np.arange(total) - np.repeat(shift, lengths)
            rows[np.repeat(few * width, lengths) + self.entry_column[entry]] = self.entry_value[entry]
        return rows.reshape(len(idx), width)


@cache
def _model() -> _Model | None:
    """The compact model, made once per process from py3langid's file (py3langid's own identifier is left
    unloaded); None when its model is not the one this was written for."""
    import numpy as np
    from py3langid import langid

    try:
        full = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)
    except (AttributeError, TypeError, OSError):
        return None
    needed = ("tk_nextmove", "_rowbase", "tk_output", "_encode", "_alias_pairs", "nb_ptc", "nb_pc", "nb_classes")
    if not all(hasattr(full, name) for name in needed) or not hasattr(langid, "RAW_FLOOR"):
        return None
    table = full.tk_nextmove
    nextmove = np.frombuffer(table, dtype=np.uint32) if getattr(table, "typecode", None) == "I" \
        and table.itemsize == 4 else np.asarray(table, dtype=np.int64)
    rowbase = np.asarray(full._rowbase, dtype=np.int32)
    output = np.asarray(full.tk_output, dtype=np.int32)
    ptc = np.asarray(full.nb_ptc)
    depth = _depth(nextmove, rowbase)
    if depth is None or len(rowbase) > 1 << 17 or ptc.dtype != np.float16 or ptc.shape[1] > 256:
        return None
    bits = ptc.view(np.uint16)  # compared as bits: -0.0 stays -0.0
    column_bits = np.array([np.bincount(column, minlength=1 << 16).argmax() for column in bits.T], dtype=np.uint16)
    differs = bits != column_bits[None, :]  # each language's most common value is left out
    count = differs.sum(axis=1)
    dense = count > _DENSE_ROW
    dense_slot = np.zeros(len(ptc), dtype=np.int32)
    dense_slot[dense] = np.arange(1, int(dense.sum()) + 1, dtype=np.int32)
    differs[dense] = False  # those rows are held whole
    row_start = np.concatenate([[0], np.cumsum(differs.sum(axis=1))]).astype(np.int64)
    entry_row, entry_column = np.nonzero(differs)
    return _Model(
        low=(nextmove & 0xFFFF).astype(np.uint16), high=np.packbits(nextmove >> 16 & 1, bitorder="little"),
        rowbase=rowbase, output=output, depth=depth, row_start=row_start, dense_slot=dense_slot,
        dense_rows=np.concatenate([column_bits.view(np.float16)[None, :], ptc[dense]]),
        entry_column=entry_column.astype(np.uint8), entry_value=ptc[entry_row, entry_column],
        nb_pc=np.asarray(full.nb_pc), classes=list(full.nb_classes), alias_pairs=list(full._alias_pairs),
        floor=langid.RAW_FLOOR, encode=full._encode)


def _depth(nextmove: Any, rowbase: Any) -> int | None:
    """Each state's depth (the length of its string) is its distance from the start: the deepest, found
    breadth first; None when some state is never reached (not the automaton this was written for)."""
    import numpy as np

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
    return depth if seen.all() else None


@cache
def stopwords(code: str | None) -> frozenset[str]:
    """Lower-cased stop words of a language; empty when none are known."""
    name = _STOPLIST_NAMES.get(code or "")
    if not name:
        return frozenset()
    import justext

    return frozenset(justext.get_stoplist(name))
