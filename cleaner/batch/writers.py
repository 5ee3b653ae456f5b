"""Atomic writes: a reader (or a resumed run) sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import zstandard

from ..decode import scrub

_UMASK = os.umask(0)
os.umask(_UMASK)  # read once: mkstemp makes 0600 files, outputs should get the usual mode


def write_atomic(target: Path, data: str | bytes) -> None:
    """Write to a hidden temp file beside `target`, then rename it into place.

    A run killed with kill -9 leaves at most a stray `.name.*.tmp`, which the walker skips
    (hidden) and `sweep_temp` removes on the next run. No fsync: the goal is surviving a killed
    process, not a power cut, and fsync per page would cost more than the cleaning.
    """
    make_folders(target.parent)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(scrub(data).encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def make_folders(folder: Path) -> None:
    """`folder` and its missing parents, top down, without recursion (Path.mkdir(parents=True)
    recurses once per level: a tree mirrored 1,000 folders deep would raise RecursionError)."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            if not path.is_dir():
                raise


def sweep_temp(folder: Path) -> int:
    """Remove temp files a killed run left behind under `folder`; how many went."""
    gone = 0
    if not folder.is_dir():
        return 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                Path(root, name).unlink(missing_ok=True)
                gone += 1
    return gone


def compress(data: bytes) -> bytes:
    """Work files (pass-1 results) are zstd-compressed: they hold every removed block too."""
    return zstandard.ZstdCompressor(level=3).compress(data)


def decompress(data: bytes) -> bytes:
    return zstandard.ZstdDecompressor().decompress(data)
