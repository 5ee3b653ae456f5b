"""clean_partition, the engines' per-partition core: order, isolation, pass-through; and Spark's
mapPartitions over it, in local mode, where pyspark and Java are installed."""

from __future__ import annotations

import os
import shutil
import time
from importlib.util import find_spec

import pytest

from cleaner import clean
from cleaner.adapters.common import clean_page
from cleaner.batch.partition import clean_partition


def _page(i: int) -> str:
    return (f"<html><head><title>Report {i}</title></head><body><nav><a href=/>Home</a></nav><article>"
            + "".join(f"<p>Report {i}, paragraph {k}: the harbour board met on Tuesday to discuss the dredging "
                      f"of the eastern channel and the cost of the new pier.</p>" for k in range(4))
            + "</article><footer>© 2024 Harbour News. All rights reserved.</footer></body></html>")


def _hostile_step(data, **kwargs):  # type: ignore[no-untyped-def]
    if isinstance(data, str) and "HANG" in data:
        time.sleep(60)
    if isinstance(data, str) and "CRASH" in data:
        os._exit(3)
    return clean_page(data, **kwargs)


def test_order_fields_and_text_match_clean() -> None:
    records = [{"id": f"r{i}", "html": _page(i), "url": f"https://example.com/{i}", "lang_hint": "en"}
               for i in range(12)]
    out = list(clean_partition(records, jobs=2, timeout=60))
    assert [r["id"] for r in out] == [f"r{i}" for i in range(12)]
    for record, result in zip(records, out, strict=True):
        assert "html" not in result and result["lang_hint"] == "en" and result["url"] == record["url"]
        assert result["page_type"] == "article" and result["error"] is None
        assert result["text"] == clean(record["html"], url=record["url"]).text
        assert result["metadata"]["title"] == f"Report {record['id'][1:]}"
        assert result["removed"].get("footer", 0) >= 1


def test_one_bad_page_costs_only_itself() -> None:
    records = [{"id": 0, "html": _page(0)}, {"id": 1, "html": _page(1).replace("Report 1,", "HANG")},
               {"id": 2, "data": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8}, {"id": 3, "html": _page(3)},
               {"id": 4, "html": _page(4).replace("Report 4,", "CRASH")}, {"id": 5}, {"id": 6, "html": 42},
               {"id": 7, "html": _page(7)}]
    started = time.monotonic()
    out = list(clean_partition(records, jobs=2, timeout=3, page_step=_hostile_step))
    assert time.monotonic() - started < 40
    assert [r["id"] for r in out] == list(range(8))
    types = {r["id"]: r["page_type"] for r in out}
    assert types == {0: "article", 1: "failed", 2: "skipped", 3: "article", 4: "failed", 5: "failed",
                     6: "failed", 7: "article"}
    errors = {r["id"]: r["error"] for r in out}
    assert "timeout" in errors[1] and ("crash" in errors[4] or "exited" in errors[4])
    assert "binary" in errors[2] and "no page" in errors[5] and "int" in errors[6]


def test_in_process_mode_gives_the_same_records() -> None:
    records = [{"id": i, "html": _page(i)} for i in range(4)] + [{"id": 9, "text": "Menu\nHome\n"}]
    assert list(clean_partition(records, timeout=None)) == list(clean_partition(records, jobs=2, timeout=60))


@pytest.mark.skipif(find_spec("pyspark") is None or shutil.which("java") is None,
                    reason="pyspark or java not installed")
def test_spark_map_partitions() -> None:
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("cleaner-test")
             .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
    try:
        records = [{"id": i, "html": _page(i), "url": f"https://example.com/{i}"} for i in range(20)]
        rdd = spark.sparkContext.parallelize(records, numSlices=4)
        out = rdd.mapPartitions(lambda part: clean_partition(part, timeout=60)).collect()
    finally:
        spark.stop()
    assert [r["id"] for r in out] == list(range(20))
    assert all(r["page_type"] == "article" and r["text"] == clean(_page(r["id"]), url=r["url"]).text for r in out)
