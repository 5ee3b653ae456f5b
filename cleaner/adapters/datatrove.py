"""A ready datatrove step: `CleanerExtractor` in place of datatrove's `Trafilatura` extractor.

    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.adapters.datatrove import CleanerExtractor

    pipeline = [WarcReader("crawl/"), CleanerExtractor(keep="articles"), JsonlWriter("out/")]

Beyond datatrove's own extractors, each kept document carries our metadata, page type and removal
counts under `cleaner_` keys in `document.metadata`; pages that are not articles (index, login,
error, …) are dropped by default (`keep="all"` keeps every page with text) and can be kept aside
with `exclusion_writer`, each with its page type and reason. Each page runs in datatrove's own
sandbox process under `timeout` seconds; a page that hangs or kills its process is counted and
skipped, and the next page gets a fresh process.
"""

from __future__ import annotations

from typing import Any

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.typeshelper import StatHints

from ..options import Options
from .common import KEEP, PREFIX, clean_page, flat_metadata, kept

_WARMUP = ("<html><head><title>warm-up</title></head><body><p>One short paragraph to load every rule.</p>"
           "</body></html>", None)


class CleanerExtractor(BaseExtractor):
    """Extract article text and metadata with `cleaner` (HTML or text dumps, sniffed unless `kind`).

    keep: "articles" forwards articles only, "all" every page with text.
    exclusion_writer: where dropped documents go (with `cleaner_page_type`, `cleaner_drop_reason`).
    """

    name = "🧹 cleaner"
    _requires_dependencies = ["trafilatura"]

    def __init__(self, *, preset: str = "balanced", keep: str = "articles", kind: str | None = None,
                 timeout: float = 10.0, options: Options | None = None, prefix: str = PREFIX,
                 exclusion_writer: DiskWriter | None = None) -> None:
        super().__init__(timeout)
        if keep not in KEEP:
            raise ValueError(f"keep must be one of {', '.join(KEEP)}, not {keep!r}")
        self.options = options or Options(preset=preset)
        self.keep, self.kind, self.prefix = keep, kind, prefix
        self.exclusion_writer = exclusion_writer

    def extract(self, text: str) -> str:
        """The text alone, for callers of datatrove's plain extractor interface."""
        return clean_page(text, kind=self.kind, options=self.options)["text"]

    def _clean(self, text: str, url: str | None) -> dict[str, Any]:
        return clean_page(text, url=url, kind=self.kind, options=self.options)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        with ExtractorSandbox(timeout=self.timeout, warmup_text=_WARMUP) as sandbox:
            exclusion = self.exclusion_writer
            if exclusion is not None:
                exclusion = exclusion.__enter__()
            try:
                for doc in data:
                    self.stat_update(StatHints.total)
                    with self.track_time():
                        reason = None
                        try:
                            result = sandbox.process_document((doc.text, doc.metadata.get("url")), self._clean)
                        except TimeoutError:
                            result, reason = None, "timeout"
                        except EOFError:  # the sandbox process died (a crash, the OOM killer)
                            result, reason = None, "broken_process"
                    if result is None:
                        self.stat_update(reason)
                        self._drop(doc, exclusion, "failed", reason, rank)
                        continue
                    self.stat_update(f"page_type_{result['page_type']}")
                    for code, count in result["removed"].items():
                        self.stat_update(f"removed_{code}", value=count)
                    if kept(result, self.keep):
                        doc.text = result["text"]
                        doc.metadata.update(flat_metadata(result, self.prefix))
                        self.stat_update(StatHints.forwarded)
                        self.update_doc_stats(doc)
                        yield doc
                    else:
                        why = result["error"] or result["metadata"].get("empty_reason") or (
                            "no text" if not result["text"] else f"not an article ({result['page_type']})")
                        doc.metadata.update(flat_metadata(result, self.prefix))
                        self._drop(doc, exclusion, result["page_type"], why, rank)
            finally:
                if exclusion is not None:
                    exclusion.__exit__(None, None, None)

    def _drop(self, doc: Any, exclusion: DiskWriter | None, page_type: str, reason: str, rank: int) -> None:
        self.stat_update(StatHints.dropped)
        if exclusion is not None:
            doc.metadata[f"{self.prefix}page_type"] = page_type
            doc.metadata[f"{self.prefix}drop_reason"] = reason
            exclusion.write(doc, rank)
