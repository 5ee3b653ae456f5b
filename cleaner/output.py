"""Render a Document as txt, json, jsonl or markdown."""

from __future__ import annotations

import json

from .document import Document

FORMATS = ("txt", "json", "jsonl", "markdown")
EXTENSIONS = {"txt": ".txt", "json": ".json", "jsonl": ".jsonl", "markdown": ".md"}


def render(doc: Document, fmt: str, *, with_metadata: bool = True, record_id: str | None = None) -> str:
    """The document in one output format (jsonl: one line, no trailing newline)."""
    if fmt == "txt":
        if not with_metadata:
            return doc.text + "\n"
        head = [f"{key}: {_flat(value)}" for key, value in doc.metadata().items() if value]
        return ("\n".join(head) + "\n\n" if head else "") + doc.text + "\n"
    if fmt in ("json", "jsonl"):
        data = doc.to_dict()
        if record_id is not None:
            data = {"id": record_id, **data}
        if fmt == "jsonl":
            return json.dumps(data, ensure_ascii=False)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        body = doc.markdown if doc.markdown is not None else _text_to_markdown(doc.text)
        title = f"# {doc.title}\n\n" if doc.title else ""
        return title + body + "\n"
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _flat(value: object) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


def _text_to_markdown(text: str) -> str:
    """Plain body lines as Markdown paragraphs; list items stay list items."""
    out: list[str] = []
    for line in text.split("\n"):
        is_item = line.startswith("- ")
        if out and not (is_item and out[-1].startswith("- ")):
            out.append("")
        out.append(line if is_item else _escape(line))
    return "\n".join(out)


def _escape(line: str) -> str:
    """Keep a paragraph from being read as Markdown syntax it does not mean."""
    stripped = line.lstrip()
    if stripped[:1] in "#>+-*=|" or (stripped[:1].isdigit() and stripped.rstrip(".)").isdigit()):
        return "\\" + stripped
    return stripped
