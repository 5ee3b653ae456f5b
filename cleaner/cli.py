"""Command line: a thin layer over the library."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import click

from . import __version__
from .api import clean as clean_page
from .errors import CleanerError
from .options import PRESETS, Options
from .output import EXTENSIONS, FORMATS, render

COLOURS = {
    "navigation": "blue", "language_picker": "cyan", "disclaimer": "magenta", "cookie_banner": "magenta",
    "widget": "yellow", "promo": "yellow", "footer": "blue", "media": "cyan", "related": "blue",
    "comments": "magenta", "metadata": "green", "duplicate": "white", "boilerplate": "white",
}
PAGE_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".txt", ".md", ""}


@click.group()
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Strip boilerplate from scraped web pages (HTML or plain-text dumps)."""


def _options(preset: str, comments: bool) -> Options:
    return Options(preset=preset, include_comments=comments)


def _inputs(paths: tuple[str, ...], output_dir: Path | None) -> list[tuple[Path, Path]]:
    """(file, path relative to its root) for every page file under the given paths."""
    found: list[tuple[Path, Path]] = []
    out = output_dir.resolve() if output_dir else None
    for given in paths:
        root = Path(given)
        if root.is_file():
            found.append((root, Path(root.name)))
            continue
        if not root.is_dir():
            raise click.BadParameter(f"no such file or folder: {given}", param_hint="PATH")
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.suffix.lower() not in PAGE_SUFFIXES:
                continue
            if out and out in path.resolve().parents:
                continue  # our own output folder inside an input folder is not input
            found.append((path, path.relative_to(root)))
    return found


def _write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@main.command("clean")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write one output file per input here, mirroring the input tree.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--preset", type=click.Choice(PRESETS), default="balanced", show_default=True)
@click.option("--comments/--no-comments", default=False, help="Keep comment sections (HTML).")
def clean_command(paths: tuple[str, ...], output_dir: Path | None, fmt: str, preset: str,
                  comments: bool) -> None:
    """Clean page files and folders of them."""
    options = _options(preset, comments)
    failed = 0
    for path, rel in _inputs(paths, output_dir):
        try:
            doc = clean_page(path.read_bytes(), options=options)
        except (CleanerError, OSError) as exc:
            failed += 1
            click.echo(f"failed: {path}: {exc}", err=True)
            continue
        if output_dir is None:
            text = render(doc, "jsonl" if fmt == "json" else fmt, record_id=str(rel))
            click.echo(text if fmt in ("json", "jsonl") else text.rstrip("\n"))
        else:
            _write_atomic(output_dir / rel.with_suffix(EXTENSIONS[fmt]), render(doc, fmt, record_id=str(rel)))
    if failed:
        sys.exit(1)


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
