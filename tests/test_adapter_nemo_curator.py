"""The NeMo Curator adapters against NeMo Curator's published interfaces (the package needs Ray and
PyTorch, too heavy for this test run; when it is installed, the classes are its subclasses), on
records shaped as its `CommonCrawlWarcIterator` yields them from real crawls."""

from __future__ import annotations

import inspect
import json

import pytest
from conftest import BENCH

from cleaner import clean
from cleaner.adapters.nemo_curator import CleanerDocumentExtractor, CleanerHTMLAlgorithm

warcio = pytest.importorskip("warcio")
CRAWLS = BENCH / "crawls"


def _records(name: str) -> list[dict]:
    """What NeMo Curator's CommonCrawlWarcIterator.iterate yields (1.4.0): response records only."""
    from warcio.archiveiterator import ArchiveIterator

    out = []
    with open(CRAWLS / name, "rb") as f:
        for rec in ArchiveIterator(f, arc2warc=True):
            if rec.rec_type == "response":
                out.append({"url": rec.rec_headers.get_header("WARC-Target-URI"),
                            "warc_id": rec.rec_headers.get_header("WARC-Record-ID")[10:-1],
                            "source_id": name, "content": rec.content_stream().read()})
    return out


def test_published_method_shapes() -> None:
    # DocumentExtractor: extract(record) -> dict | None, input_columns(), output_columns().
    assert list(inspect.signature(CleanerDocumentExtractor.extract).parameters) == ["self", "record"]
    extractor = CleanerDocumentExtractor()
    assert extractor.input_columns() == ["url", "warc_id", "source_id", "content"]
    assert extractor.output_columns()[:5] == ["url", "warc_id", "source_id", "language", "text"]
    # HTMLExtractorAlgorithm: extract_text(html, stop_words, language) -> list[str] | None.
    assert list(inspect.signature(CleanerHTMLAlgorithm.extract_text).parameters) == [
        "self", "html", "stop_words", "language"]
    try:
        from nemo_curator.stages.text.download import DocumentExtractor
        from nemo_curator.stages.text.download.html_extractors import HTMLExtractorAlgorithm
    except ImportError:
        return
    assert isinstance(extractor, DocumentExtractor)
    assert isinstance(CleanerHTMLAlgorithm(), HTMLExtractorAlgorithm)


@pytest.mark.skipif(not CRAWLS.is_dir(), reason="crawls not available")
def test_extractor_on_warc_records() -> None:
    records = _records("pywb-iana.warc.gz") + _records("aut-example.warc.gz")[:25]
    extractor = CleanerDocumentExtractor()
    every = CleanerDocumentExtractor(keep="all")
    kept = [(r, extractor.extract(r)) for r in records]
    kept = [(r, out) for r, out in kept if out is not None]
    assert 10 < len(kept) < len(records)
    for record, out in kept:
        assert set(out) == set(extractor.output_columns())
        assert out["cleaner_page_type"] == "article"
        assert out["text"] == clean(record["content"], url=record["url"]).text
        assert isinstance(json.loads(out["cleaner_removed"]), dict)
    assert sum(every.extract(r) is not None for r in records) > len(kept)


def test_bad_records_give_none_not_exceptions() -> None:
    extractor, algorithm = CleanerDocumentExtractor(), CleanerHTMLAlgorithm()
    for content in (b"", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, b"<html><body></body></html>"):
        assert extractor.extract({"url": "http://x/", "warc_id": "1", "source_id": "s", "content": content}) is None
    assert algorithm.extract_text("\x00\x01\x02" * 500, frozenset(), "ENGLISH") is None


def test_algorithm_returns_paragraphs() -> None:
    html = ("<html><head><title>Ferries</title></head><body><nav><a href=/>Home</a></nav><article>"
            + "".join(f"<p>Paragraph {i}: the old ferries crossed the wide river each morning, carrying "
                      f"farmers, their carts and the post to the market town.</p>" for i in range(5))
            + "</article><footer>© 2024 Example. All rights reserved.</footer></body></html>")
    paragraphs = CleanerHTMLAlgorithm().extract_text(html, frozenset({"the"}), "ENGLISH")
    assert paragraphs is not None and len(paragraphs) == 5
    assert paragraphs[0].startswith("Paragraph 0: the old ferries")
    assert not any("rights reserved" in p for p in paragraphs)
