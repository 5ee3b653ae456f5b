"""Quality gates on real data: the text dumps of the public dev sets (../shared/bench).

The figures are pinned at what the text path reaches, so no change lowers them silently.
Reproduce with `python -m bench.text_bench`.
"""

from __future__ import annotations

from bench.text_bench import run_scrapinghub, run_trafilatura_eval
from cleaner import Options

SCRAPINGHUB_F1 = 0.912  # measured 0.913; issue target 0.90; keep-everything 0.679, C4-style filter 0.833
TITLES_RIGHT = 160  # of 244 pages with a gold title; measured 163
DATES_RIGHT = 153  # of 214 pages with a gold date; measured 156
TRAFILATURA_EVAL_F1 = 0.880  # snippet F1 measured 0.884; C4-style filter 0.795


def test_scrapinghub_text_dumps_f1(bench_dir) -> None:
    results = run_scrapinghub(bench_dir, Options())
    precision, recall, f1 = results["cleaner"]
    assert f1 >= SCRAPINGHUB_F1, (precision, recall, f1)
    assert f1 > results["C4-style line filter"][2] + 0.05


def test_trafilatura_eval_text_dumps_snippets_and_metadata(bench_dir) -> None:
    results = run_trafilatura_eval(bench_dir, Options())
    assert results["cleaner"]["f1"] >= TRAFILATURA_EVAL_F1, results["cleaner"]
    meta = results["_metadata"]
    assert meta["title"][0] >= TITLES_RIGHT and meta["date"][0] >= DATES_RIGHT, meta
    assert meta["language"][0] >= meta["language"][1] - 2, meta


def test_presets_trade_precision_for_recall(bench_dir) -> None:
    scores = {preset: run_scrapinghub(bench_dir, Options(preset=preset))["cleaner"]
              for preset in ("precision", "balanced", "recall")}
    assert scores["precision"][0] >= scores["balanced"][0] > scores["recall"][0]
    assert scores["recall"][1] > scores["balanced"][1] >= scores["precision"][1]
