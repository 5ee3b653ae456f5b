"""A disk cache of numpy arrays made once from slower sources (the compact language model), so that a
fresh process maps them in milliseconds instead of rebuilding them.

Where: `$CLEANER_CACHE_DIR`, else `$XDG_CACHE_HOME/cleaner`, else `~/.cache/cleaner`; an empty
`CLEANER_CACHE_DIR` turns the cache off. An entry is a directory of `.npy` files and a `meta.json`,
written under a temporary name and renamed into place, so readers never see half an entry. The cache
is only an accelerator: a missing, unreadable or unwritable entry means the arrays are built again.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    """The cache's directory (not created here), or None when the cache is turned off."""
    configured = os.environ.get("CLEANER_CACHE_DIR")
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


def load(name: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The arrays (read-only views of memory maps: processes share their pages) and metadata of entry
    `name`, or None when there is no readable entry."""
    import numpy as np

    root = cache_dir()
    if root is None:
        return None
    entry = root / name
    try:
        meta = json.loads((entry / "meta.json").read_text("utf-8"))
        # plain ndarray views of the maps: np.memmap indexes through a Python method (26 us a call)
        arrays = {key: np.load(entry / f"{key}.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)
                  for key in meta.pop("arrays")}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return arrays, meta


def save(name: str, arrays: dict[str, Any], meta: dict[str, Any], replace: bool = False) -> bool:
    """Write entry `name` unless it exists (`replace`: an entry that could not be read is put aside
    first); False when the cache is off or cannot be written."""
    import numpy as np

    root = cache_dir()
    if root is None:
        return False
    entry = root / name
    if entry.exists() and not replace:
        return True
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=root))
    except OSError:
        return False
    try:
        for key, value in arrays.items():
            np.save(staging / f"{key}.npy", np.ascontiguousarray(value), allow_pickle=False)
        (staging / "meta.json").write_text(json.dumps({**meta, "arrays": list(arrays)}), "utf-8")
        if replace and entry.exists():
            aside = Path(tempfile.mkdtemp(prefix=f".{name}.old.", dir=root))
            os.rename(entry, aside / name)
            shutil.rmtree(aside, ignore_errors=True)
        os.rename(staging, entry)  # atomic; fails when another process got there first, which is as good
        return True
    except OSError:
        return entry.exists()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
