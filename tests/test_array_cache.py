"""The disk cache of arrays (array_cache) and the language model it serves: a second process maps what
the first one built, and a missing or broken entry only means building again."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cleaner import array_cache

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_saved_arrays_come_back_mapped_and_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "c"))
    arrays = {"a": np.arange(10, dtype=np.int32), "b": np.linspace(0, 1, 7, dtype=np.float16)}
    assert array_cache.load("entry") is None
    assert array_cache.save("entry", arrays, {"depth": 6, "names": ["en", "de"]})
    loaded, meta = array_cache.load("entry")
    assert meta == {"depth": 6, "names": ["en", "de"]}
    for key, value in arrays.items():
        assert type(loaded[key]) is np.ndarray and not loaded[key].flags.writeable
        assert isinstance(loaded[key].base, np.memmap)  # mapped, not read into memory
        assert loaded[key].dtype == value.dtype and np.array_equal(loaded[key], value)
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["entry"]  # no staging directory left behind


def test_broken_or_switched_off_cache_reads_as_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    assert array_cache.save("one", {"a": np.arange(1000)}, {})
    (tmp_path / "one" / "a.npy").write_bytes((tmp_path / "one" / "a.npy").read_bytes()[:200])  # cut short
    assert array_cache.load("one") is None
    assert array_cache.save("two", {"a": np.arange(3)}, {})
    (tmp_path / "two" / "meta.json").write_text("{not json", "utf-8")
    assert array_cache.load("two") is None
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    assert array_cache.cache_dir() is None
    assert not array_cache.save("three", {"a": np.arange(3)}, {})
    assert array_cache.load("three") is None


def test_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", "utf-8")
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(blocker / "cache"))
    assert not array_cache.save("entry", {"a": np.arange(3)}, {})
    assert array_cache.load("entry") is None


def test_language_model_is_built_once_then_mapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first process builds and caches the model; the next maps it and gives py3langid's labels; an
    entry that cannot be read is built again."""
    py3langid = pytest.importorskip("py3langid")
    from cleaner import language

    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    texts = [path.read_text("utf-8")[:5000] for path in sorted(SAMPLES.glob("*.txt"))]
    texts += ["Ceci est une phrase en français, écrite pour le test.", "Das ist ein deutscher Satz."]
    language._model.cache_clear()
    try:
        built = language._model()
        assert not isinstance(built.keys.base, np.memmap)
        (entry,) = tmp_path.iterdir()
        language._model.cache_clear()
        mapped = language._model()
        assert isinstance(mapped.keys.base, np.memmap)
        assert [language.classify(text) for text in texts] == [py3langid.classify(text)[0] for text in texts]
        meta = json.loads((entry / "meta.json").read_text("utf-8"))
        (entry / "meta.json").write_text(json.dumps({**meta, "arrays": meta["arrays"][1:]}), "utf-8")
        language._model.cache_clear()
        rebuilt = language._model()
        assert not isinstance(rebuilt.keys.base, np.memmap)
        assert [language.classify(text) for text in texts] == [py3langid.classify(text)[0] for text in texts]
        language._model.cache_clear()
        assert isinstance(language._model().keys.base, np.memmap)  # the broken entry was replaced
        assert [p.name for p in tmp_path.iterdir()] == [entry.name]
    finally:
        language._model.cache_clear()
