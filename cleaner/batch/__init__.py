"""Batch cleaning of scraped folders and web archives (WARC, ARC, WET): every input kind, every
archive record accounted for, all cores, progress, manifest, resume, site templates. Knows nothing
about how a page is cleaned: it calls a page function.

    from cleaner.batch import BatchConfig, run
    result = run(BatchConfig(paths=("scraped/",), output_dir=Path("cleaned")))
"""

from .runner import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, BatchConfig, Result, run
from .shard import clean_record, clean_shard, finish_shard
from .sources import Fields, Record
from .templates import TemplateSettings

__all__ = ["run", "BatchConfig", "Result", "Fields", "Record", "TemplateSettings", "clean_record",
           "clean_shard", "finish_shard", "EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "EXIT_INTERRUPTED"]
