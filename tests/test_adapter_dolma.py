"""The dolma linearizer: its published interface (`linearize(content) -> str`) always, and, where dolma
is installed, dolma's own WARC pipeline with two spawned workers on real crawls."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest
from conftest import BENCH

from cleaner import clean
from cleaner.adapters.dolma import CleanerLinearizer

CRAWLS = BENCH / "crawls"
PAGE = ("<html><head><title>Ferries</title></head><body><nav><a href=/>Home</a> <a href=/b>Blog</a></nav><main>"
        + "".join(f"<p>Paragraph {i}: the old ferries crossed the wide river each morning, carrying farmers, "
                  f"their carts and the post to the market town.</p>" for i in range(5))
        + "</main><footer>© 2024 Example. All rights reserved.</footer></body></html>")


def test_linearize_bytes_and_str() -> None:
    linearizer = CleanerLinearizer()
    assert linearizer.linearize(PAGE) == linearizer.linearize(PAGE.encode("utf-8")) == clean(PAGE).text
    assert "rights reserved" not in linearizer.linearize(PAGE)
    assert linearizer.linearize(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10) == ""
    index = "<html><body>" + "".join(f"<p><a href='/a{i}'>Story {i} headline here</a></p>" for i in range(40)) \
        + "</body></html>"
    assert linearizer.linearize(index) == ""
    assert CleanerLinearizer(keep="all").linearize(index) != ""


SCRIPT = """
import sys
from cleaner.adapters.dolma import run_warc_pipeline
if __name__ == "__main__":
    run_warc_pipeline(documents=sys.argv[1], destination=sys.argv[2], source_name="crawl", num_processes=2)
"""


@pytest.mark.skipif(find_spec("dolma") is None, reason="dolma not installed")
@pytest.mark.skipif(not CRAWLS.is_dir(), reason="crawls not available")
def test_dolma_warc_pipeline_with_spawned_workers(tmp_path: Path) -> None:
    script = tmp_path / "run.py"
    script.write_text(SCRIPT)
    # dolma downloads NLTK's punkt on import when it cannot find it; an empty one keeps the test offline.
    (tmp_path / "nltk" / "tokenizers" / "punkt").mkdir(parents=True)
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "nltk")}
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, str(script), str(CRAWLS / "pywb-*.warc.gz"), str(out) + "/"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    docs = [json.loads(line) for f in sorted(out.glob("*.jsonl.gz")) for line in gzip.open(f, "rt")]
    texts = [d["text"] for d in docs if d["text"]]
    assert len(texts) >= 10
    # Every text is cleaner's article text for one of the WARCs' pages: the registration reached the
    # spawned workers (dolma's default linearizer, resiliparse, would give other text).
    from warcio.archiveiterator import ArchiveIterator

    ours = set()
    for path in sorted(CRAWLS.glob("pywb-*.warc.gz")):
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f):
                if rec.rec_type == "response" and "html" in (rec.http_headers.get_header("Content-Type") or ""):
                    ours.add(CleanerLinearizer().linearize(rec.content_stream().read()))
    assert set(texts) <= ours
