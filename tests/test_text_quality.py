"""Quality gates on real data, text path: the naive full-page text dumps of every dev set.

One pin per set, at a little under what the text path reaches (bench/quality.py's table), so no
change lowers one set silently. Reproduce with `python -m bench.quality --text-only`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.quality import SETS, Run, cached_evaluate, metadata_shares

# Measured 2026-12-01 (python -m bench.quality --text-only); the baselines of the same run: keep everything /
# C4-style line filter.
PINNED_F1 = {
    "scrapinghub": 0.928,  # shingle F1, measured 0.9301 (2026-12-02); baselines 0.679 / 0.834
    "trafilatura-eval": 0.906,  # snippet F1, measured 0.9084; baselines 0.690 / 0.795
    "cleaneval": 0.900,  # token F1 page mean, measured 0.9025 (2026-12-02); baselines 0.883 / 0.775
    "dragnet": 0.904,  # measured 0.9068 (2026-12-02); baselines 0.540 / 0.730
    "l3s_gn1": 0.893,  # measured 0.8959 (2026-12-02); baselines 0.652 / 0.782
    "trafilatura_extra": 0.899,  # snippet F1, measured 0.9014 (2026-12-02); baselines 0.693 / 0.787
}
C4_F1 = {"scrapinghub": 0.834, "trafilatura-eval": 0.795, "cleaneval": 0.775, "dragnet": 0.730, "l3s_gn1": 0.782,
         "trafilatura_extra": 0.787}
PINNED_GOLD_PAGES_F1 = 0.900  # the 555 wceb gold-text pages, measured 0.9025 (2026-12-02)
TITLES_RIGHT = 160  # trafilatura-eval: of 244 pages with a gold title; measured 163
DATES_RIGHT = 153  # trafilatura-eval: of 214 pages with a gold date; measured 156


@pytest.fixture(scope="session")
def text_run(bench_dir: Path) -> Run:
    return cached_evaluate(bench_dir, tuple(SETS), ("text",), ("cleaner",))


@pytest.mark.parametrize("set_name", list(PINNED_F1))
def test_f1_per_set_is_pinned(text_run: Run, set_name: str) -> None:
    score = text_run.score("text", "cleaner", set_name)
    assert score.f1 >= PINNED_F1[set_name], (set_name, score)
    assert score.f1 > C4_F1[set_name] + 0.05, "no better than a C4-style line filter"


def test_wceb_gold_pages_f1_is_pinned(text_run: Run) -> None:
    gold = text_run.gold_pages("text", "cleaner")
    assert gold is not None and gold.f1 >= PINNED_GOLD_PAGES_F1, gold


def test_trafilatura_eval_metadata(text_run: Run) -> None:
    meta = metadata_shares(text_run, "text", "cleaner", ["trafilatura-eval"], ("title", "date", "lang"))
    assert meta["title"][0] >= TITLES_RIGHT and meta["date"][0] >= DATES_RIGHT, meta
    assert meta["lang"][0] >= meta["lang"][1] - 2, meta


def test_presets_trade_precision_for_recall(bench_dir: Path) -> None:
    scores = {preset: cached_evaluate(bench_dir, ("scrapinghub",), ("text",), ("cleaner",), preset)
              .score("text", "cleaner", "scrapinghub") for preset in ("precision", "recall")}
    scores["balanced"] = cached_evaluate(bench_dir, tuple(SETS), ("text",), ("cleaner",)) \
        .score("text", "cleaner", "scrapinghub")
    assert scores["precision"].precision >= scores["balanced"].precision > scores["recall"].precision
    assert scores["recall"].recall > scores["balanced"].recall >= scores["precision"].recall
