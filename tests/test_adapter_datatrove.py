"""The datatrove step, run inside datatrove for real: its WarcReader on real crawls, its executor,
its writers, and its sandbox process for hangs and crashes."""

from __future__ import annotations

import copy
import gzip
import json
import os
import time
from pathlib import Path

import pytest

pytest.importorskip("datatrove")
pytest.importorskip("cchardet")  # datatrove's WarcReader needs these two
pytest.importorskip("magic")

from conftest import BENCH  # noqa: E402
from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner import clean  # noqa: E402
from cleaner.adapters.datatrove import CleanerExtractor  # noqa: E402

CRAWLS = BENCH / "crawls"
ARTICLE = ("<html><head><title>Rivers of the north</title></head><body><nav><a href=/>Home</a> "
           "<a href=/news>News</a></nav><article><h1>Rivers of the north</h1>"
           + "".join(f"<p>Paragraph {i} tells how the rivers of the north carry snow water to the sea "
                     f"in spring, and how the towns along them grew around the old ferries.</p>" for i in range(6))
           + "</article><footer>© 2024 Example Media. All rights reserved.</footer></body></html>")


def _read(folder: Path) -> list[dict]:
    return [json.loads(line) for f in sorted(folder.glob("*.jsonl.gz")) for line in gzip.open(f, "rt")]


@pytest.mark.skipif(not CRAWLS.is_dir(), reason="crawls not available")
def test_warc_pipeline_accounts_for_every_document(tmp_path: Path) -> None:
    glob = "pywb-*.warc.gz"
    read = list(WarcReader(str(CRAWLS), glob_pattern=glob).run())
    assert len(read) > 10
    pipeline = [WarcReader(str(CRAWLS), glob_pattern=glob),
                CleanerExtractor(exclusion_writer=JsonlWriter(str(tmp_path / "dropped"))),
                JsonlWriter(str(tmp_path / "kept"))]
    LocalPipelineExecutor(pipeline=pipeline, tasks=1, logging_dir=str(tmp_path / "logs")).run()
    kept, dropped = _read(tmp_path / "kept"), _read(tmp_path / "dropped")
    # Every document the reader gave is either forwarded or set aside, with its reason.
    assert sorted(d["id"] for d in kept + dropped) == sorted(d.id for d in read)
    assert kept and dropped
    originals = {d.id: d for d in read}
    for out in kept:
        meta = out["metadata"]
        assert meta["cleaner_page_type"] == "article"
        assert isinstance(meta["cleaner_removed"], dict)
        source = originals[out["id"]]
        # The step's text is cleaner's own answer for that page.
        assert out["text"] == clean(source.text, url=source.metadata["url"]).text
    for out in dropped:
        assert out["metadata"]["cleaner_page_type"] != "article" or not out["text"]
        assert out["metadata"]["cleaner_drop_reason"]
    # The host's own stats carry our page types.
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    extractor = next(s for s in stats if "cleaner" in s["name"])
    count = extractor["stats"]["page_type_article"]
    assert (count["total"] if isinstance(count, dict) else count) == len(kept)


def test_keep_all_forwards_every_page_with_text() -> None:
    index = "<html><body>" + "".join(f"<p><a href='/a{i}'>Story number {i} headline</a></p>" for i in range(40)) \
        + "</body></html>"
    docs = [Document(text=ARTICLE, id="a", metadata={"url": "https://example.com/rivers"}),
            Document(text=index, id="i", metadata={"url": "https://example.com/"})]
    only = list(CleanerExtractor(timeout=30).run(iter(copy.deepcopy(docs))))
    every = list(CleanerExtractor(keep="all", timeout=30).run(iter(copy.deepcopy(docs))))
    assert [d.id for d in only] == ["a"]
    assert {d.id for d in every} == {"a", "i"}
    article = only[0]
    assert "rivers of the north carry snow water" in article.text
    assert "All rights reserved" not in article.text
    assert article.metadata["cleaner_title"] == "Rivers of the north"
    assert article.metadata["cleaner_removed"].get("footer", 0) >= 1


class _Hostile(CleanerExtractor):
    """Pages that hang or kill their process, as a rule bug or a native crash would."""

    def _clean(self, text: str, url: str | None) -> dict:
        if "HANG" in text:
            time.sleep(60)
        if "CRASH" in text:
            os._exit(3)
        return super()._clean(text, url)


def test_hang_and_crash_cost_one_page_each() -> None:
    docs = [Document(text=ARTICLE.replace("Paragraph 0", tag), id=tag, metadata={}) for tag in
            ("ok1", "HANG", "ok2", "CRASH", "ok3")]
    step = _Hostile(timeout=3)
    started = time.monotonic()
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["ok1", "ok2", "ok3"]
    assert time.monotonic() - started < 40  # the hang was cut at its time limit, not waited out
    assert step.stats["timeout"].total == 1
    assert step.stats["broken_process"].total == 1
    assert step.stats["dropped"].total == 2


def test_binary_page_is_dropped_with_reason() -> None:
    docs = [Document(text="\x00\x01\x02PNG" * 200, id="bin", metadata={}),
            Document(text=ARTICLE, id="a", metadata={})]
    step = CleanerExtractor(timeout=30)
    assert [d.id for d in step.run(iter(docs))] == ["a"]
    assert step.stats["dropped"].total == 1
