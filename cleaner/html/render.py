"""Render the extracted body XML as plain text and as CommonMark.

The body is trafilatura's XML: blocks <head rend="h2">, <p>, <list rend="ul|ol"><item>, <table><row>
<cell>, <quote>, <code>, <graphic>; inline <hi rend="#b|#i|...">, <ref target>, <lb/>, <del>.
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree

BLOCKS = frozenset({"head", "p", "list", "table", "quote", "code", "graphic", "div", "item", "row", "cell"})
LAYOUT_BLOCKS = frozenset({"head", "p", "list", "table", "quote", "code"})
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=|~]|\d+[.)])(?=\s|$)")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def _squeeze(text: str) -> str:
    """Runs of spaces and tabs as one space (not line breaks, nor no-break spaces). Most text has none to
    squeeze: five scans in C find that for a twentieth of what the substitution costs."""
    if "  " in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        return _SPACES.sub(" ", text)
    return text


# --- plain text -----------------------------------------------------------------------------------

def _inline_text(el: etree._Element) -> str:
    parts: list[str] = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in BLOCKS:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _lines(text: str) -> list[str]:
    return [line for line in (_squeeze(part).strip() for part in text.split("\n")) if line]


def block_lines(el: etree._Element) -> list[str]:
    """The plain-text lines of one block."""
    if el.tag == "list":
        return [line for item in el if item.tag == "item" for line in block_lines(item)]
    if el.tag == "item":
        # An item may hold paragraphs and lists of its own.
        return _container_lines(el)
    if el.tag == "table":
        if layout_table(el):
            return _container_lines(el)
        rows = []
        for row in el.iter("row"):
            cells = [" ".join(_lines(_inline_text(cell))) for cell in row if cell.tag == "cell"]
            if any(cells):
                rows.append(" | ".join(cells))
        return rows
    if el.tag == "code":
        return [line.rstrip() for line in "".join(el.itertext()).strip("\n").split("\n")]
    if any(child.tag in BLOCKS for child in el):
        return _container_lines(el)
    return _lines(_inline_text(el))


def _container_lines(el: etree._Element) -> list[str]:
    """Lines of an element holding blocks (a quote of paragraphs, a layout-table cell)."""
    out = _lines(el.text or "")
    for child in el:
        out += block_lines(child) if child.tag in BLOCKS else _lines(_inline_text(child))
        out += _lines(child.tail or "")
    return out


def layout_table(el: etree._Element) -> bool:
    """A table used for page layout: its cells hold paragraphs, headings or lists, not data."""
    return any(node.tag in LAYOUT_BLOCKS for cell in el.iter("cell") for node in cell)


def to_text(body: etree._Element) -> str:
    """One line per paragraph, heading, list item or table row."""
    return "\n".join(line for block in body for line in block_lines(block)).strip()


# --- CommonMark -----------------------------------------------------------------------------------

def escape(text: str) -> str:
    """Text that CommonMark reads back as the same text."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if m.group(2)[0] in "#>+-=|~"
                           else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def _md_inline(el: etree._Element, links: bool) -> str:
    parts: list[str] = [escape(_squeeze(el.text or ""))]
    for child in el:
        if child.tag == "lb":
            parts.append("\\\n")
        elif child.tag == "hi":
            inner = _md_inline(child, links).strip()
            rend = child.get("rend", "")
            if inner and rend in ("#b", "#strong"):
                parts.append(f"**{inner}**")
            elif inner and rend in ("#i", "#em"):
                parts.append(f"*{inner}*")
            else:
                parts.append(inner)
        elif child.tag == "ref":
            inner = _md_inline(child, links).strip()
            target = (child.get("target") or "").strip()
            if links and inner and target and not re.search(r"[\s<>]", target):
                parts.append(f"[{inner}](<{target}>)")
            else:
                parts.append(inner)
        elif child.tag == "graphic":
            pass
        elif child.tag not in BLOCKS:
            parts.append(_md_inline(child, links))
        parts.append(escape(_squeeze(child.tail or "")))
    return "".join(parts)


def _paragraph(el: etree._Element, links: bool) -> str:
    lines = [line.strip() for line in _md_inline(el, links).split("\n")]
    return "\n".join(line for line in lines if line and line != "\\").rstrip("\\").strip()


def _fence(code: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _md_block(el: etree._Element, links: bool, images: bool, depth: int = 0) -> str:
    tag = el.tag
    if tag == "head":
        level = int(el.get("rend", "h2")[1:2] or 2) if re.fullmatch(r"h[1-6]", el.get("rend", "")) else 2
        # A heading is one line of plain text, whatever it wraps (a list, a link).
        text = escape(" ".join(" ".join(el.itertext()).split()))
        return f"{'#' * level} {text}" if text else ""
    if tag == "list":
        ordered = el.get("rend", "").startswith("ol")
        items = []
        number = 1
        for item in el:
            if item.tag != "item":
                continue
            marker = f"{number}." if ordered else "-"
            number += 1
            if any(child.tag in LAYOUT_BLOCKS for child in item):
                body = _md_children(item, links, images, depth + 1)
            else:
                body = _paragraph(item, links)
            if not body:
                continue
            pad = " " * (len(marker) + 1)
            items.append(marker + " " + "\n".join(pad + line if line else "" for line in body.split("\n")).lstrip())
        return "\n".join(items)
    if tag == "table" and layout_table(el):
        return _md_children(el, links, images, depth)
    if tag == "table":
        rows = []
        for row in el.iter("row"):
            cells = [" ".join(_paragraph(cell, links).split()).replace("|", "\\|")
                     for cell in row if cell.tag == "cell"]
            if any(cells):
                rows.append(cells)
        if not rows:
            return ""
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(lines)
    if tag == "code":
        code = "".join(el.itertext()).strip("\n")
        fence = _fence(code)
        return f"{fence}\n{code}\n{fence}"
    if tag == "quote":
        if any(child.tag in BLOCKS for child in el):
            inner = _md_children(el, links, images, depth)
        else:
            inner = _paragraph(el, links)
        return "\n".join("> " + line if line else ">" for line in inner.split("\n")) if inner else ""
    if tag == "graphic":
        src = (el.get("src") or "").strip()
        if images and src and not re.search(r"[\s<>]", src):
            return f"![{escape(el.get('alt') or '')}](<{src}>)"
        return ""
    if tag in ("div", "row", "cell", "item") or any(child.tag in LAYOUT_BLOCKS for child in el):
        return _md_children(el, links, images, depth)
    return _paragraph(el, links)


def _md_children(el: etree._Element, links: bool, images: bool, depth: int) -> str:
    """Markdown of an element holding blocks; loose text around them becomes paragraphs."""
    parts = [escape(" ".join((el.text or "").split()))]
    for child in el:
        parts.append(_md_block(child, links, images, depth) if child.tag in BLOCKS else _md_inline_one(child, links))
        parts.append(escape(" ".join((child.tail or "").split())))
    return "\n\n".join(part for part in parts if part.strip())


def _md_inline_one(el: etree._Element, links: bool) -> str:
    wrapper = etree.Element("p")
    # A copy, not a round trip through XML: HTML allows attribute names XML refuses ("x<y", '"q"').
    copy = deepcopy(el)
    copy.tail = None
    wrapper.append(copy)
    return _paragraph(wrapper, links)


def to_markdown(body: etree._Element, *, links: bool = False, images: bool = False) -> str:
    """CommonMark for the body: headings, paragraphs, lists, tables (pipe tables), code, quotes."""
    blocks = [_md_block(block, links, images) for block in body]
    return "\n\n".join(block for block in blocks if block.strip()).strip()
