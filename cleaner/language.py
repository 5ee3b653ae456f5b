"""Language identification (py3langid, offline) and stop-word lists (jusText's, per language)."""

from __future__ import annotations

import re
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
    that is a prefix of a feature, a node of the features' trie) in a Python loop over every byte: most of
    the time of a text page. Here every position is looked up at once: the n bytes ending at a position are
    a node only if the n - 1 bytes before them were one, so the nodes of each length are found among the
    ends of the shorter ones, and the longest wins. The features come out in the order the walk meets
    them, with its counts (the float sum of the scores follows that order).
    """
    model = _model()
    if model is None:  # another py3langid than the one this was written for: its own classify
        import py3langid

        return py3langid.classify(text)[0]
    import numpy as np

    visits = model.visit_counts(model.encode(text))
    if visits is not None:
        idx, counts = visits
        # py3langid's _sparse_score, on the same float32 rows: the same products, in the same order.
        scores = np.log1p(counts.astype(np.float32)) @ model.score_rows(idx) + model.nb_pc
    else:
        scores = np.full(len(model.classes), model.floor, dtype=np.float32)
    for i, j in model.alias_pairs:  # as LanguageIdentifier._decide without norm_probs
        scores[i] = max(scores[i], scores[j])
        scores[j] = model.floor
    return model.classes[int(scores.argmax())]


_STATES_AT_ONCE = 2048  # states of the automaton read per step of the breadth-first walk (4 MB of temporaries)
# A feature's row with more entries that differ from its language's most common value is held whole: the
# common features, which most pages visit, are read as rows, not rebuilt entry by entry.
_DENSE_ROW = 40
_NOT_NODE = -2  # in the node tables: these bytes are no prefix of a feature (-1: a node that is no feature)


@dataclass(frozen=True)
class _Model:
    """py3langid's model in 14 MiB, not 76 (a worker holds it for every page that names no language): the
    automaton's 10 million next states (a trie of 104,583 nodes walked with failure moves) as its nodes
    alone: one- and two-byte nodes in direct tables, longer ones in a hash table of their bytes; the
    feature-by-language table (100,000 x 142 half floats, four in five of them their language's most common
    value) as that value per language, the rows of features with many other entries whole, and the other
    entries one by one; no Python lists."""

    byte_node: Any  # int32 [256]: the feature of each one-byte node, _NOT_NODE, or -1
    pair_node: Any  # int32 [65536]: the same for two-byte nodes, by (first byte << 8 | second)
    keys: Any  # uint64: a longer node's bytes, its length in the top byte; 0 = empty slot
    key_node: Any  # int32: that node's feature, or -1
    hash_bits: int
    probes: int  # a key sits at most this many slots after its hash (linear probing); the table is padded
    depth: int  # the longest node, in bytes
    root: int  # the start state's feature (-1: none)
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

    def find(self, keys: Any) -> Any:
        """The feature (or -1) of each node key; _NOT_NODE for keys that are no node."""
        import numpy as np

        slot = ((keys * np.uint64(_HASH)) >> np.uint64(64 - self.hash_bits)).astype(np.intp)
        held = self.keys[slot]
        found = self.key_node[slot]
        missed = held != keys
        if missed.any():
            found[missed] = _NOT_NODE
            later = np.flatnonzero(missed & (held != 0))  # pushed along by a collision
            if len(later):
                window = slot[later, None] + np.arange(1, self.probes + 1)
                match = self.keys[window] == keys[later, None]
                hit = match.any(axis=1)
                found[later[hit]] = self.key_node[window[hit, match[hit].argmax(axis=1)]]
        return found

    def features(self, data: bytes) -> Any:
        """The feature py3langid's walk counts after each byte of `data` (-1: none)."""
        import numpy as np

        text = np.frombuffer(data, dtype=np.uint8)
        feature = self.byte_node[text]
        feature[feature == _NOT_NODE] = self.root
        if len(text) < 2:
            return feature
        pair = text[:-1].astype(np.intp) << 8 | text[1:]
        pair_feature = self.pair_node[pair]
        ends = np.flatnonzero(pair_feature != _NOT_NODE)  # where a two-byte node starts (so its first byte is one)
        feature[ends + 1] = pair_feature[ends]
        key = pair[ends].astype(np.uint64)
        ends += 1
        wide = text.astype(np.uint64)
        for length in range(3, self.depth + 1):
            if len(ends) and ends[-1] == len(text) - 1:  # ends ascend: only the last can be the text's end
                ends, key = ends[:-1], key[:-1]
            if not len(ends):
                break
            ends = ends + 1
            key <<= np.uint64(8)
            key |= wide[ends]
            found = self.find(key | np.uint64(length) << np.uint64(56))
            hit = found != _NOT_NODE
            ends, key = ends[hit], key[hit]
            feature[ends] = found[hit]
        return feature

    def visit_counts(self, data: bytes) -> tuple[Any, Any] | None:
        """py3langid.langid.visit_counts(...) of `data`: its keys and counts as arrays, in its order."""
        import numpy as np

        feature = self.features(data)
        feature = feature[feature >= 0]
        if not len(feature):
            return None
        # A Counter's keys come in the order they were first met: the features at the positions where each
        # is met first, found without sorting (np.unique sorted the positions, then its answer by them).
        every = len(self.row_start) - 1  # features of the model
        counts = np.bincount(feature, minlength=every)
        at = np.arange(len(feature))
        first = np.full(every, len(feature), dtype=np.intp)
        np.minimum.at(first, feature, at)  # each feature's first position
        index = feature[first[feature] == at].astype(np.intp)
        return index, counts[index]

    def score_rows(self, idx: Any) -> Any:
        """The model's feature-by-language rows `idx`, as float32 (what numpy casts them to for the product)."""
        import numpy as np

        width = self.dense_rows.shape[1]
        slot = self.dense_slot[idx]
        # row r's entries at r * width ...; each half float's bits looked up in a table of their float32
        # values (the same values as astype(float32), several times faster than numpy's conversion)
        rows = _half_to_single().take(self.dense_rows.view(np.uint16).take(slot, axis=0)).ravel()
        few = np.flatnonzero(slot == 0)  # rows held as their language's values, and the entries that differ
        starts, ends = self.row_start[idx[few]], self.row_start[idx[few] + 1]
        lengths = ends - starts
        total = int(lengths.sum())
        if total:
            shift = np.cumsum(lengths) - lengths - starts  # entry k of the run holds entry k - shift
            entry = np.arange(total) - np.repeat(shift, lengths)
            # the half floats looked up in the same table as the rows' (numpy's own cast: the same values)
            rows[np.repeat(few * width, lengths) + self.entry_column[entry]] = \
                _half_to_single().take(self.entry_value.view(np.uint16).take(entry))
        return rows.reshape(len(idx), width)


@cache
def _half_to_single() -> Any:
    """The float32 value of every float16 bit pattern (256 KiB)."""
    import numpy as np

    return np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16).astype(np.float32)


_HASH = 0x9E3779B97F4A7C15  # Fibonacci hashing: the top bits of key * 2^64 / golden ratio


_ARRAYS = ("byte_node", "pair_node", "keys", "key_node", "row_start", "dense_slot", "dense_rows", "entry_column",
           "entry_value", "nb_pc")
_SCALARS = ("hash_bits", "probes", "depth", "root", "classes", "alias_pairs", "floor")
_FORMAT = 1  # of the cached arrays: a change to _Model's fields or their meaning must raise it


@cache
def _model() -> _Model | None:
    """The compact model: mapped from the disk cache (see array_cache) when an earlier process made it from
    this very py3langid model file, else made from that file (1-2 s) and cached; None when py3langid's model
    is not the one this was written for."""
    import hashlib
    from pathlib import Path

    from py3langid import langid

    from . import array_cache

    try:
        source = Path(langid.MODEL_DIR) / langid.MODEL_FILE
        name = f"langid-{_FORMAT}-{hashlib.sha256(source.read_bytes()).hexdigest()[:24]}"
    except (AttributeError, TypeError, OSError):
        return _build()
    cached = array_cache.load(name)
    if cached is not None:
        arrays, meta = cached
        if set(arrays) == set(_ARRAYS) and set(meta) == set(_SCALARS):
            meta["alias_pairs"] = [tuple(pair) for pair in meta["alias_pairs"]]
            return _Model(**arrays, **meta, encode=langid.LanguageIdentifier._encode)
    model = _build()
    if model is not None:
        array_cache.save(name, {key: getattr(model, key) for key in _ARRAYS},
                         {key: getattr(model, key) for key in _SCALARS}, replace=True)
    return model


def _build() -> _Model | None:
    """The compact model, made from py3langid's file (py3langid's own identifier is left unloaded); None
    when its model is not the one this was written for."""
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
    rowbase = np.asarray(full._rowbase, dtype=np.int64)
    output = np.asarray(full.tk_output, dtype=np.int32)
    ptc = np.asarray(full.nb_ptc)
    nodes = _trie(nextmove, rowbase)
    if nodes is None or ptc.dtype != np.float16 or ptc.shape[1] > 256 or output.min() < -1:
        return None
    codes, states = nodes
    byte_node = np.full(256, _NOT_NODE, dtype=np.int32)
    byte_node[codes[1].astype(np.intp)] = output[states[1]]
    pair_node = np.full(1 << 16, _NOT_NODE, dtype=np.int32)
    pair_node[codes[2].astype(np.intp)] = output[states[2]]
    long_keys = np.concatenate([codes[n] | np.uint64(n) << np.uint64(56) for n in range(3, len(codes))])
    long_features = np.concatenate([output[states[n]] for n in range(3, len(codes))])
    hash_bits = max(int(len(long_keys) * 2 - 1).bit_length(), 8)  # at most half full
    home = ((long_keys * np.uint64(_HASH)) >> np.uint64(64 - hash_bits)).astype(np.intp)
    order = np.argsort(home, kind="stable")
    home = home[order]
    rank = np.arange(len(home))
    slot = np.maximum.accumulate(home - rank) + rank  # linear probing, placed in order of home slot
    probes = int((slot - home).max())
    keys = np.zeros(max(1 << hash_bits, int(slot.max()) + 1) + probes, dtype=np.uint64)
    key_node = np.full(len(keys), _NOT_NODE, dtype=np.int32)
    keys[slot], key_node[slot] = long_keys[order], long_features[order]

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
        byte_node=byte_node, pair_node=pair_node, keys=keys, key_node=key_node, hash_bits=hash_bits,
        probes=probes, depth=len(codes) - 1, root=int(output[0]), row_start=row_start, dense_slot=dense_slot,
        dense_rows=np.concatenate([column_bits.view(np.float16)[None, :], ptc[dense]]),
        entry_column=entry_column.astype(np.uint8), entry_value=ptc[entry_row, entry_column],
        nb_pc=np.asarray(full.nb_pc), classes=[str(name) for name in full.nb_classes],
        alias_pairs=[(int(i), int(j)) for i, j in full._alias_pairs],
        floor=langid.RAW_FLOOR, encode=full._encode)


def _trie(nextmove: Any, rowbase: Any) -> tuple[list[Any], list[Any]] | None:
    """The automaton's nodes by length n (index n of both lists): their bytes as a big-endian number and
    their state. Found breadth first: a move from a node of length n - 1 to a state not met before reaches
    its child of length n (a failure move only ever goes back to a shorter node). None when some state is
    never reached or a node is longer than 7 bytes (not the automaton this was written for)."""
    import numpy as np

    seen = np.zeros(len(rowbase), dtype=bool)
    seen[0] = True
    codes, states = [np.zeros(1, dtype=np.uint64)], [np.zeros(1, dtype=np.int64)]
    byte = np.arange(256, dtype=np.int64)
    while len(states[-1]):
        level_codes, level_states = [], []
        for start in range(0, len(states[-1]), _STATES_AT_ONCE):  # bounded temporaries: the heap would keep them
            parent = states[-1][start:start + _STATES_AT_ONCE]
            child = nextmove[rowbase[parent][:, None] + byte].astype(np.int64)
            new = ~seen[child]
            rows, columns = np.nonzero(new)
            level_states.append(child[rows, columns])
            level_codes.append(codes[-1][start:start + _STATES_AT_ONCE][rows] << np.uint64(8)
                               | columns.astype(np.uint64))
            seen[child[new]] = True
        codes.append(np.concatenate(level_codes))
        states.append(np.concatenate(level_states))
        if len(codes) > 8:
            return None
    codes.pop(), states.pop()  # the empty last level
    if not seen.all() or len(codes) < 3 or len(np.unique(np.concatenate(states))) != len(rowbase):
        return None
    return codes, states


@cache
def stopwords(code: str | None) -> frozenset[str]:
    """Lower-cased stop words of a language; empty when none are known."""
    name = _STOPLIST_NAMES.get(code or "")
    if not name:
        return frozenset()
    import justext

    return frozenset(justext.get_stoplist(name))
