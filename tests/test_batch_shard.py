"""The shard functions alone, as a distributed engine would call them, give the runner's very files;
and the progress display in both of its forms."""

from __future__ import annotations

import io
import json
from pathlib import Path

from test_batch_run import config, site_page

from cleaner import Options
from cleaner.batch import clean_shard, finish_shard, run
from cleaner.batch.progress import Progress
from cleaner.batch.shard import OutputSpec, summarise
from cleaner.batch.sources import Fields, read_records, walk
from cleaner.batch.tasks import Reducer
from cleaner.batch.templates import TemplateSettings


def test_shard_functions_reproduce_the_runner(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    rows = [json.dumps({"url": f"https://harbour.example/{i}", "text": site_page(i % 9)}) for i in range(11)]
    (src / "site.jsonl").write_text("\n".join(rows) + "\n")
    (src / "loose.txt").write_text(site_page(3))
    out = tmp_path / "out"
    run(config([src], out, fmt="jsonl", shard_size=4))

    # map: pass 1 per shard, on any machine, in any order
    records = [r for item in walk([str(src)]) for r in read_records(item, Fields())]
    shards = [records[i:i + 4] for i in range(0, len(records), 4)]
    pass1 = [clean_shard(shard, Options()) for shard in reversed(shards)][::-1]
    # reduce: template counts and first-id-per-text, both small
    reducer = Reducer()
    for n, entries in enumerate(pass1):
        reducer.add(n, [s for s in map(summarise, entries) if s is not None])
    templates, canonical = reducer.counter.templates(TemplateSettings()), reducer.canonical
    assert templates.get("harbour.example")
    # map: pass 2 per shard
    for n, entries in enumerate(pass1):
        done = finish_shard(n, entries, templates, canonical, OutputSpec("parts", "jsonl"))
        ((name, text),) = done.files
        assert (out / name).read_text() == text


def test_progress_bar_on_a_terminal_and_lines_elsewhere() -> None:
    bar = io.StringIO()
    p = Progress(1000, bar, live=True, interval=0.0)
    p.read(500)
    p.page()
    p.page(failed=True)
    p.done()
    assert bar.getvalue().startswith("\r\x1b[K[############............]  50% 1 pages")
    assert "2 pages" in bar.getvalue() and "1 failed" in bar.getvalue()
    plain = io.StringIO()
    p = Progress(1000, plain, live=False, interval=0.0)
    p.read(1000)
    p.page()
    assert plain.getvalue().startswith("cleaner: 100% of input read; 1 pages, ")
    assert plain.getvalue().endswith("\n") and "\r" not in plain.getvalue()
