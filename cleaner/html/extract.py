"""HTML -> Document. For now: trafilatura with metadata, then the shared text rules as a last pass."""

from __future__ import annotations

import trafilatura

from ..document import Document, Removal
from ..options import Options
from ..rules import Line, match


def clean_html(html: str, options: Options, *, url: str | None = None) -> Document:
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=options.include_comments,
        include_tables=options.include_tables, favor_precision=options.preset == "precision",
        favor_recall=options.preset == "recall",
    )
    doc = Document(kind="html", url=url)
    if result is None:
        doc.page_type = "empty"
        doc.empty_reason = "no article body found"
        return doc
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    kept = []
    for number, raw in enumerate((data.get("text") or "").split("\n"), 1):
        line = Line(raw, number)
        found = match(line) if line.text else None
        if found is not None and found.reason != "metadata":
            doc.removed.append(Removal(line.text[:500], found.reason, found.name, line=number))
        else:
            kept.append(raw)
    doc.text = "\n".join(kept).strip()
    doc.title = data.get("title")
    doc.author = data.get("author")
    doc.date = data.get("date")
    doc.sitename = data.get("sitename")
    doc.url = data.get("url") or url
    doc.language = data.get("language")
    doc.description = data.get("description")
    doc.categories = [c for c in (data.get("categories") or []) if c]
    doc.tags = [t for t in (data.get("tags") or []) if t]
    doc.image = data.get("image")
    doc.comments = data.get("comments") if options.include_comments else None
    return doc
