"""`clean_partition`: the per-partition core for engines that bring their own data plane (Spark's
`mapPartitions`, Dask bags, Ray datasets): records in, records out, in order, never an exception.

A record is a mapping with the page under `data` (or `html`, `content`, `text`: the first present),
and optionally `url`, `content_type` and `status`; every other field passes through. The page runs
in a killable worker process under `timeout` seconds (`timeout=None` runs it in this process, for
engines that isolate tasks themselves), so one page that hangs or crashes costs only that page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import Any

from ..adapters.common import clean_page
from ..options import DEFAULT, Options
from .workers import PagePool

PAYLOAD_FIELDS = ("data", "html", "content", "text")
PageStep = Callable[..., dict]


def clean_partition(records: Iterable[Mapping[str, Any]], options: Options = DEFAULT, *,
                    timeout: float | None = 60.0, jobs: int = 1,
                    page_step: PageStep = clean_page) -> Iterator[dict[str, Any]]:
    """One output record per input record, in input order: the input's fields (without the page
    itself) plus `text`, `page_type` ("failed" or "skipped" with `error` saying why), `metadata`
    (title, author, date, …) and `removed` (counts by reason)."""
    step = partial(_one, options=options, page_step=page_step)
    if timeout is None:
        for record in records:
            yield _merge(record, step(record))
        return
    window: dict[int, Mapping[str, Any]] = {}
    ready: dict[int, dict] = {}
    wanted = 0

    def tasks() -> Iterator[tuple[int, Mapping[str, Any]]]:
        for n, record in enumerate(records):
            window[n] = record
            yield n, record

    with PagePool(step, jobs, timeout) as pool:
        for n, outcome in pool.run(tasks()):
            ready[n] = outcome.value if outcome.ok else _failure(outcome.error or "worker failed")
            while wanted in ready:  # the pool answers in completion order; the caller gets input order
                yield _merge(window.pop(wanted), ready.pop(wanted))
                wanted += 1


def _one(record: Mapping[str, Any], options: Options, page_step: PageStep) -> dict:
    payload = next((record[f] for f in PAYLOAD_FIELDS if record.get(f) is not None), None)
    if payload is None:
        return _failure(f"no page in the record (one of the fields {', '.join(PAYLOAD_FIELDS)})")
    if not isinstance(payload, (str, bytes, bytearray)):
        return _failure(f"the page is a {type(payload).__name__}, not str or bytes")
    status = record.get("status")
    return page_step(bytes(payload) if isinstance(payload, bytearray) else payload, url=_str(record.get("url")),
                     content_type=_str(record.get("content_type")),
                     status=status if isinstance(status, int) else None, options=options)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _failure(error: str) -> dict:
    return {"text": "", "page_type": "failed", "metadata": {}, "removed": {}, "error": error}


def _merge(record: Mapping[str, Any], result: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in record.items() if k not in PAYLOAD_FIELDS}
    out.update(result)
    return out
