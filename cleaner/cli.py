"""Command line: a thin layer over the library."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .api import clean as clean_page
from .errors import CleanerError
from .options import PRESETS, Options
from .output import FORMATS

COLOURS = {
    "navigation": "blue", "language_picker": "cyan", "disclaimer": "magenta", "cookie_banner": "magenta",
    "widget": "yellow", "promo": "yellow", "footer": "blue", "media": "cyan", "related": "blue",
    "comments": "magenta", "metadata": "green", "duplicate": "white", "boilerplate": "white",
}


@click.group()
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Strip boilerplate from scraped web pages (HTML or plain-text dumps)."""


def _options(preset: str, comments: bool, tables: bool = True, links: bool = False, images: bool = False,
             language: str | None = None) -> Options:
    return Options(preset=preset, include_comments=comments, include_tables=tables, include_links=links,
                   include_images=images, target_language=language)


def _names(value: str | None, default: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(n.strip() for n in value.split(",") if n.strip()) if value else default


@main.command("clean")
@click.argument("paths", nargs=-1)
@click.option("--input-dir", "input_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="A folder of inputs (the same as giving it as PATH).")
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write here, mirroring the input tree (jsonl: part-NNNNN.jsonl files), with manifest.jsonl. "
                   "Without it, JSONL goes to stdout.")
@click.option("--format", "--output-format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format [default: json].")
@click.option("--keep-dirs", is_flag=True, hidden=True, help="Mirroring is the default.")
@click.option("--json", "fmt_json", is_flag=True, help="Same as --format json.")
@click.option("--markdown", "fmt_markdown", is_flag=True, help="Same as --format markdown.")
@click.option("--txt", "fmt_txt", is_flag=True, help="Same as --format txt.")
@click.option("--with-metadata/--no-metadata", default=True, show_default=True,
              help="Metadata lines on top of txt output.")
@click.option("--preset", type=click.Choice(PRESETS), default="balanced", show_default=True)
@click.option("--precision", is_flag=True, help="Same as --preset precision.")
@click.option("--recall", is_flag=True, help="Same as --preset recall.")
@click.option("--comments/--no-comments", default=False, help="Keep comment sections (HTML).")
@click.option("--no-tables", is_flag=True, help="Leave tables out (HTML).")
@click.option("--links", is_flag=True, help="Keep links (HTML).")
@click.option("--images", is_flag=True, help="Keep images (HTML).")
@click.option("--target-language", help="Expected language (ISO 639-1).")
@click.option("-j", "--jobs", "--parallel", "jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: all cores].")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds per page; a page still running is killed and recorded as failed.")
@click.option("--force", is_flag=True, help="Redo everything, even what an earlier run finished.")
@click.option("--dedup", is_flag=True, help="Leave exact duplicates out of the output (always flagged).")
@click.option("--keep-pages", type=click.Choice(["articles", "all"]), default="articles", show_default=True,
              help="Which pages to write: 'articles' (cleaned text only) or 'all' (error, redirect, index, "
                   "login, form-only and empty pages too). Every page is listed in the manifest either way.")
@click.option("--content-field", help="Page fields of JSON/JSONL records, in order "
              "[default: html,raw_html,content,body,text].")
@click.option("--url-field", help="URL fields of JSON/JSONL records [default: url,source_url,target_uri,link].")
@click.option("--template-share", type=click.FloatRange(0.0, 1.0, min_open=True), default=0.5, show_default=True,
              help="Remove blocks found on at least this share of a site's pages.")
@click.option("--template-min-pages", type=click.IntRange(min=2), default=5, show_default=True,
              help="Only look for site templates on sites with at least this many pages.")
@click.option("--no-templates", is_flag=True, help="Do not remove site-template blocks.")
@click.option("--shard-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Pages per shard (unit of resume and of jsonl parts).")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="Progress and summary on stderr (a bar on a terminal, lines otherwise).")
@click.option("--follow-links", is_flag=True,
              help="Follow symbolic links out of the given paths and into folders (default: such links are "
                   "listed as skipped, never read).")
@click.option("--max-stdin-mb", type=click.IntRange(min=1), default=1024, show_default=True,
              help="Stop when - (stdin) holds more than this many MB.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where pages are cleaned: this machine's processes, or a Dask cluster (one task per shard; "
                   "pip install 'cleaner[dask]').")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler to use (tcp://HOST:8786) [default: a local cluster of -j "
                   "workers]. Inputs and -o must be on a file system every worker sees.")
@click.option("--scheduler-file", type=click.Path(exists=True, dir_okay=False),
              help="With --engine dask: the scheduler's file (dask scheduler --scheduler-file).")
def clean_command(paths: tuple[str, ...], input_dirs: tuple[str, ...], output_dir: Path | None, fmt: str | None,
                  keep_dirs: bool, fmt_json: bool, fmt_markdown: bool, fmt_txt: bool, with_metadata: bool, preset: str,
                  precision: bool, recall: bool, comments: bool, no_tables: bool, links: bool, images: bool,
                  target_language: str | None, jobs: int | None, timeout: float, force: bool, dedup: bool,
                  keep_pages: str, content_field: str | None, url_field: str | None, template_share: float,
                  template_min_pages: int, no_templates: bool, shard_size: int, progress: bool, follow_links: bool,
                  max_stdin_mb: int, engine: str, scheduler: str | None, scheduler_file: str | None) -> None:
    """Clean pages: files, folders (recursively) or - for stdin.

    Reads HTML pages, text dumps (.txt, .md), JSON/JSONL scraper records and web archives (WARC, ARC,
    WET), any of them compressed (.gz .bz2 .xz .zst). Exit status: 0 all inputs handled, 1 some pages failed
    (see manifest.jsonl), 2 bad usage (or stdin past --max-stdin-mb), 3 the output folder cannot be written
    (read-only, full), 4 another run is writing to the output folder, 130 interrupted; after 3 and 130, the
    same command resumes.
    """
    from .batch import EXIT_INTERRUPTED, BatchConfig, Fields, TemplateSettings, run
    from .batch.runner import BatchError, cores

    given = tuple(paths) + tuple(input_dirs)
    if not given:
        raise click.UsageError("give at least one PATH (a file, a folder, or - for stdin)")
    for path in given:
        if path != "-" and not os.path.exists(path):
            raise click.BadParameter(f"no such file or folder: {path}", param_hint="PATH")
    shortcuts = [name for name, on in (("json", fmt_json), ("markdown", fmt_markdown), ("txt", fmt_txt)) if on]
    if len(shortcuts) > 1 or (shortcuts and fmt and fmt != shortcuts[0]):
        raise click.UsageError("choose one output format")
    if precision and recall:
        raise click.UsageError("--precision and --recall exclude each other")
    preset = "precision" if precision else "recall" if recall else preset
    if (scheduler or scheduler_file) and engine != "dask":
        raise click.UsageError("--scheduler and --scheduler-file go with --engine dask")
    if scheduler and scheduler_file:
        raise click.UsageError("give --scheduler or --scheduler-file, not both")
    defaults = Fields()
    config = BatchConfig(
        paths=given, output_dir=output_dir, fmt=fmt or (shortcuts[0] if shortcuts else "json"),
        options=_options(preset, comments, not no_tables, links, images, target_language),
        jobs=jobs or cores(), timeout=timeout, shard_size=shard_size, force=force, dedup=dedup,
        keep=keep_pages, with_metadata=with_metadata,
        fields=Fields(content=_names(content_field, defaults.content), url=_names(url_field, defaults.url)),
        templates=TemplateSettings(share=template_share, min_pages=template_min_pages, enabled=not no_templates),
        progress=progress, follow_links=follow_links, max_stdin_bytes=max_stdin_mb * 1024 * 1024,
        engine=engine, scheduler=scheduler, scheduler_file=scheduler_file)
    if output_dir is not None and any(p != "-" and Path(p).resolve() == output_dir.resolve() for p in given):
        raise click.BadParameter("the output folder must not be an input folder", param_hint="-o/--output-dir")
    try:
        result = run(config)
    except KeyboardInterrupt:
        click.echo("\ninterrupted: run the same command again to resume", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BatchError as exc:
        click.echo(f"cleaner: {exc}", err=True)
        sys.exit(exc.exit_code)
    sys.exit(result.exit_code)


@main.command("explain")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--preset", type=click.Choice(PRESETS), default="balanced", show_default=True)
@click.option("--color/--no-color", default=None, help="Colour the output (default: on a terminal).")
def explain_command(file: Path, fmt: str, preset: str, color: bool | None) -> None:
    """Show every line of FILE, kept or removed, with the reason code of each removal."""
    try:
        doc = clean_page(file.read_bytes(), options=Options(preset=preset, with_trace=True))
    except CleanerError as exc:
        raise click.ClickException(f"{file}: {exc}") from exc
    if fmt == "json":
        lines = [{"line": t.line, "kept": t.kept, "reason": t.reason, "rule": t.rule, "text": t.text}
                 for t in doc.trace]
        removed = [] if doc.trace else [r.__dict__ for r in doc.removed]
        click.echo(json.dumps({"metadata": doc.metadata(), "kind": doc.kind, "page_type": doc.page_type,
                               "lines": lines, "removed": removed}, ensure_ascii=False, indent=2))
        return
    for key, value in doc.metadata().items():
        if value:
            click.echo(click.style(f"# {key}: {value}", fg="green"), color=color)
    if doc.trace:
        for t in doc.trace:
            if not t.text.strip():
                click.echo("", color=color)
            elif t.kept:
                click.echo(f"{t.line:5}  {'keep':24}  {t.text.strip()}", color=color)
            else:
                code = f"{t.reason}/{t.rule}"
                click.echo(click.style(f"{t.line:5}  {code:24}  {t.text.strip()}",
                                       fg=COLOURS.get(t.reason or "", "red"), dim=True), color=color)
        return
    for removal in doc.removed:
        code = f"{removal.reason}/{removal.rule}"
        click.echo(click.style(f"{removal.path or '-':30}  {code:28}  {removal.text[:120]}",
                               fg=COLOURS.get(removal.reason, "red")), color=color)
    click.echo(doc.text, color=color)


if __name__ == "__main__":
    main()
