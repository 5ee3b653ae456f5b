"""The manifest: DIR/manifest.jsonl, one line per input page, and the counts of the summary.

Line fields: id, input (file), url, site, status (cleaned | empty | not_article | skipped |
duplicate | failed), reason, output (path relative to DIR, or null), size and sha256 of the page's
bytes as read (an archive record's payload once transfer/content encoding is undone), seconds spent
cleaning it, page_type, and when they apply: warc_type, http_status, content_type and location (of a
redirect) for archive records; duplicate_of (a revisit's original, or the first page in id order with
the same cleaned text); template_lines (site-template lines removed).

Archive records that are never pages (request, metadata, warcinfo) have no line: the run counts them
(`Tally.unlisted`, the summary), so lines + unlisted = every record of every input.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from pathlib import Path

from ..decode import scrub

MANIFEST = "manifest.jsonl"


class Tally:
    """Status counts and failure reasons over manifest lines."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self.duplicates = 0
        self.template_lines = 0
        self.unlisted: Counter[str] = Counter()  # archive records counted, not listed: {"request": n, ...}

    def add(self, line: dict) -> None:
        self.counts[line["status"]] += 1
        if line["status"] == "failed":
            self.reasons[str(line["reason"])[:100]] += 1
        self.duplicates += "duplicate_of" in line and line["status"] != "duplicate"
        self.template_lines += line.get("template_lines", 0)

    @property
    def failed(self) -> int:
        return self.counts.get("failed", 0)


class ManifestWriter:
    """Streams manifest lines into a temp file that replaces DIR/manifest.jsonl when complete."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.target = folder / MANIFEST
        fd, self.tmp = tempfile.mkstemp(dir=folder, prefix=f".{MANIFEST}.", suffix=".tmp")
        os.chmod(self.tmp, 0o644)
        self.handle = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, line: dict) -> None:
        self.handle.write(scrub(json.dumps(line, ensure_ascii=False)) + "\n")

    def commit(self) -> None:
        self.handle.close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        try:
            self.handle.close()
        except OSError:  # the disk is full: closing flushes, and that fails too
            pass
        Path(self.tmp).unlink(missing_ok=True)
