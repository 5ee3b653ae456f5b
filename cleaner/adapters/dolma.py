"""dolma: a linearizer registered as `cleaner` for dolma's WARC pipeline.

    import cleaner.adapters.dolma  # registers "cleaner" in dolma's LinearizerRegistry
    from cleaner.adapters.dolma import run_warc_pipeline

    run_warc_pipeline(documents="crawl/*.warc.gz", destination="out/", source_name="crawl",
                      num_processes=4)

dolma starts its workers with the `spawn` method, so a registration made only in the parent never
reaches them: the registry there is empty again. `run_warc_pipeline` runs dolma's own
`WarcProcessor` through a subclass defined in this module, and a spawned worker imports this module
(and so registers `cleaner`) when it unpickles that class. Calling dolma's
`create_and_run_warc_pipeline(..., linearizer_name="cleaner")` directly works with
`num_processes=1` only, unless each worker imports this module some other way (for example a
`sitecustomize` that does).
"""

from __future__ import annotations

from typing import Any

from ..options import Options
from .common import clean_page

try:
    from dolma.warc.linearizers import BaseLinearizer, LinearizerRegistry
    from dolma.warc.processor import WarcProcessor
except ImportError:  # dolma is optional; without it the class is still a plain linearizer
    BaseLinearizer, LinearizerRegistry, WarcProcessor = object, None, None  # type: ignore[assignment,misc]

NAME = "cleaner"


class CleanerLinearizer(BaseLinearizer):  # type: ignore[misc,valid-type]
    """`linearize(content) -> str`: the article text of an HTML page (bytes or str), or "" for a
    page that is not an article or not a page at all (dolma keeps empty documents out of its
    counts but writes them; set `keep="all"` to keep every page's text)."""

    def __init__(self, preset: str = "balanced", keep: str = "articles") -> None:
        self.options = Options(preset=preset)
        self.keep = keep

    def linearize(self, content: str | bytes) -> str:
        result = clean_page(content, kind="html", options=self.options)
        if self.keep != "all" and result["page_type"] != "article":
            return ""
        return result["text"]


def register() -> bool:
    """Register `cleaner` in dolma's LinearizerRegistry (done on import); False without dolma."""
    if LinearizerRegistry is None:
        return False
    if NAME not in dict(LinearizerRegistry.items()):
        LinearizerRegistry.add(NAME)(CleanerLinearizer)
    return True


register()


def run_warc_pipeline(**kwargs: Any) -> None:
    """dolma's `create_and_run_warc_pipeline` with `linearizer_name="cleaner"`, and workers that
    register it (see the module docstring). Takes the same keyword arguments."""
    if CleanerWarcProcessor is None:
        raise ImportError("dolma is not installed: pip install dolma")
    import dolma.warc.processor as processor_module

    kwargs.setdefault("linearizer_name", NAME)
    original = processor_module.WarcProcessor
    processor_module.WarcProcessor = CleanerWarcProcessor  # the pipeline function builds this class
    try:
        processor_module.create_and_run_warc_pipeline(**kwargs)
    finally:
        processor_module.WarcProcessor = original


if WarcProcessor is not None:

    class CleanerWarcProcessor(WarcProcessor):  # type: ignore[misc,valid-type]
        """dolma's WarcProcessor, unchanged but for where it lives: dolma sends it to spawned workers
        by reference, so each worker imports this module and so registers the linearizer."""

else:
    CleanerWarcProcessor = None  # type: ignore[assignment,misc]
