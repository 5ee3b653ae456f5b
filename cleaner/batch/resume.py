"""Resume state, kept in DIR/.cleaner/: per shard, the pass-1 results and a pass-2 done marker,
each under a key that hashes everything the result depends on (inputs, options, templates).

A shard whose key matches is not redone; any change to its inputs or options changes the key.
Every state file is written atomically, so a run killed with kill -9 leaves each shard either
done (and reusable) or not done (and redone): never half done.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from ..decode import scrub
from .writers import compress, decompress, write_atomic

STATE_DIR = ".cleaner"


def key_of(*parts: Any) -> str:
    """A stable hash of JSON-able parts."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=True, default=str).encode("ascii")
    return hashlib.sha256(blob).hexdigest()


class State:
    """The work files of one output folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pass1_dir = root / "pass1"
        self.done_dir = root / "done"

    def reset(self) -> None:
        """--force: forget everything done before (the lock file stays: this run holds it)."""
        shutil.rmtree(self.pass1_dir, ignore_errors=True)
        shutil.rmtree(self.done_dir, ignore_errors=True)

    def _pass1(self, shard_no: int) -> Path:
        return self.pass1_dir / f"{shard_no:05d}.jsonl.zst"

    def _done(self, shard_no: int) -> Path:
        return self.done_dir / f"{shard_no:05d}.jsonl"

    def save_pass1(self, shard_no: int, key: str, entries: list[dict]) -> None:
        lines = [json.dumps({"key": key}), *(json.dumps(e, ensure_ascii=False) for e in entries)]
        write_atomic(self._pass1(shard_no), compress(scrub("\n".join(lines) + "\n").encode("utf-8")))

    def load_pass1(self, shard_no: int, key: str | None = None) -> tuple[str, list[dict]] | None:
        """(key, entries) of the shard's pass 1, or None when absent or made under another key."""
        try:
            raw = decompress(self._pass1(shard_no).read_bytes()).decode("utf-8")
        except Exception:  # missing, or corrupt (zstd, JSON, UTF-8 errors): redo the shard
            return None
        lines = raw.splitlines()
        saved = json.loads(lines[0]).get("key") if lines else None
        if saved is None or (key is not None and saved != key):
            return None
        return saved, [json.loads(line) for line in lines[1:]]

    def save_done(self, shard_no: int, key: str, manifest: list[dict]) -> None:
        lines = [json.dumps({"key": key}), *(json.dumps(m, ensure_ascii=False) for m in manifest)]
        write_atomic(self._done(shard_no), "\n".join(lines) + "\n")

    def load_done(self, shard_no: int, key: str) -> list[dict] | None:
        try:
            lines = self._done(shard_no).read_text("utf-8").splitlines()
            if not lines or json.loads(lines[0]).get("key") != key:
                return None
            return [json.loads(line) for line in lines[1:]]
        except (OSError, ValueError):
            return None

    def prune(self, shards: int) -> None:
        """Drop state of shards past the last one (the inputs shrank since an earlier run)."""
        for folder in (self.pass1_dir, self.done_dir):
            if folder.is_dir():
                for path in folder.iterdir():
                    number = path.name.split(".", 1)[0]
                    if number.isdigit() and int(number) >= shards:
                        path.unlink(missing_ok=True)
