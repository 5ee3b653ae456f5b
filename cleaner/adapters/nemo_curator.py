"""NeMo Curator: `cleaner` as the extractor of a `DocumentIterateExtractStage`, or as the HTML
algorithm inside NeMo Curator's own `CommonCrawlHTMLExtractor`.

    from nemo_curator.stages.text.download import DocumentIterateExtractStage
    from nemo_curator.stages.text.download.common_crawl.warc_iterator import CommonCrawlWarcIterator
    from cleaner.adapters.nemo_curator import CleanerDocumentExtractor

    stage = DocumentIterateExtractStage(iterator=CommonCrawlWarcIterator(),
                                        extractor=CleanerDocumentExtractor())

`CleanerDocumentExtractor` reads the record's raw `content` bytes itself (our decode weighs the
page's own declarations and repairs mojibake), and returns text plus our metadata, page type and
removal counts as columns; pages that are not articles give None (the stage drops them) unless
`keep="all"`. `CleanerHTMLAlgorithm` only swaps the algorithm: NeMo Curator still decodes, detects
the language and picks stop words, and gets our paragraphs back. Errors are caught per record.

NeMo Curator (which needs Ray and PyTorch) is imported when it is installed; without it the classes
keep the same interface, so the module can be tried on records of the same shape.
"""

from __future__ import annotations

import json
from typing import Any

from ..options import Options
from .common import KEEP, PREFIX, clean_page, kept

try:
    from nemo_curator.stages.text.download import DocumentExtractor
    from nemo_curator.stages.text.download.html_extractors import HTMLExtractorAlgorithm
except ImportError:  # the host is optional; its stages only call the methods below
    DocumentExtractor = HTMLExtractorAlgorithm = object  # type: ignore[assignment,misc]

COLUMNS = ("title", "author", "date", "sitename", "description", "categories", "tags")


class CleanerDocumentExtractor(DocumentExtractor):  # type: ignore[misc,valid-type]
    """`extract(record) -> dict | None` over records of NeMo Curator's WARC iterators
    (`url`, `warc_id`, `source_id`, `content`)."""

    def __init__(self, *, preset: str = "balanced", keep: str = "articles", options: Options | None = None,
                 prefix: str = PREFIX) -> None:
        if keep not in KEEP:
            raise ValueError(f"keep must be one of {', '.join(KEEP)}, not {keep!r}")
        self.options = options or Options(preset=preset)
        self.keep, self.prefix = keep, prefix

    def extract(self, record: dict[str, Any]) -> dict[str, Any] | None:
        content = record.get("content")
        if not content:
            return None
        result = clean_page(content, url=record.get("url"), options=self.options)
        if not kept(result, self.keep):
            return None
        meta = result["metadata"]
        out = {"url": record.get("url"), "warc_id": record.get("warc_id"), "source_id": record.get("source_id"),
               "language": meta.get("language"), "text": result["text"]}
        for name in COLUMNS:
            out[self.prefix + name] = meta.get(name)
        out[self.prefix + "page_type"] = result["page_type"]
        out[self.prefix + "removed"] = json.dumps(result["removed"], sort_keys=True)  # one string column
        return out

    def input_columns(self) -> list[str]:
        return ["url", "warc_id", "source_id", "content"]

    def output_columns(self) -> list[str]:
        return ["url", "warc_id", "source_id", "language", "text",
                *(self.prefix + name for name in (*COLUMNS, "page_type", "removed"))]


class CleanerHTMLAlgorithm(HTMLExtractorAlgorithm):  # type: ignore[misc,valid-type]
    """`extract_text(html, stop_words, language) -> list[str] | None` for
    `CommonCrawlHTMLExtractor(algorithm=CleanerHTMLAlgorithm())`: the article's paragraphs, or None
    for a page that is not an article (or fails). Stop words are not needed: our rules carry their
    own word lists per language."""

    def __init__(self, *, preset: str = "balanced", keep: str = "articles", options: Options | None = None) -> None:
        if keep not in KEEP:
            raise ValueError(f"keep must be one of {', '.join(KEEP)}, not {keep!r}")
        self.options = options or Options(preset=preset)
        self.keep = keep

    def extract_text(self, html: str, stop_words: frozenset[str], language: str) -> list[str] | None:
        result = clean_page(html, kind="html", options=self.options)
        if not kept(result, self.keep):
            return None
        return [p for p in result["text"].split("\n") if p.strip()]
