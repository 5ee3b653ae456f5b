"""Fuzz `clean()` for a set time on both paths and report executions, crashes and slow inputs.

    python -m bench.fuzz --seconds 600 [--seed 1] [--slow 2] [--out /tmp/cleaner-fuzz]

Inputs are generated, not mutated at random: HTML trees (nested and unclosed tags, noise and content
class names, attribute floods, comments, CDATA, entities valid and broken), plain-text dumps (prose,
menu lines, footers, dates, URLs), and text salted with what breaks parsers: C0 controls, NULs, lone
surrogates, mojibake runs, combining marks, bidi and zero-width characters, long unbroken tokens. Half the
inputs go in as bytes, in one of several encodings, with or without a BOM, a `<meta charset>` and a
Content-Type that may lie, sometimes truncated mid-character.

A crash is any exception but `InputError`, or an output that breaks the contract: text that is not
UTF-8-encodable, holds C0 controls, or a `to_dict()` that JSON cannot encode. A slow input takes more
than `--slow` seconds. Each is written to `--out` (the input as bytes or a str's UTF-8 with surrogates
escaped, plus a .json of the call) so it can become a test. The run is reproducible from `--seed`.

Engine: a seeded `random.Random` drives the generator. atheris installs on Python 3.11 but is not used:
its coverage guidance mutates flat bytes, which rarely form the nested markup, encodings and control
characters this generator builds on purpose, and a hang inside a C call would stop its process.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import traceback
import zlib
from collections import Counter
from pathlib import Path

from cleaner import Options, clean
from cleaner.errors import InputError

WORDS = {
    "en": "the quick brown fox jumps over a lazy dog while reporters write long articles about it".split(),
    "el": "ΑΘΉΝΑ η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία ΚΥΒΈΡΝΗΣΗ ΔΙΆΣΚΕΨΗ".split(),
    "ru": "Правительство объявило сегодня новые меры для экономики страны Москва".split(),
    "zh": ["政府", "今天", "宣布", "新的", "经济", "措施", "中文中文中文", "北京"],
    "ja": ["政府は", "今日", "新しい", "経済対策を", "発表しました", "東京"],
    "ar": "أعلنت الحكومة اليوم عن إجراءات جديدة للاقتصاد".split(),
    "vi": "Chính phủ hôm nay công bố các biện pháp mới cho nền kinh tế Việt Nam".split(),
    "tr": "Hükümet bugün ekonomi için yeni önlemler açıkladı İstanbul ığdır".split(),
    "is": "Ríkisstjórnin kynnti í dag nýjar aðgerðir fyrir efnahagslífið Þingvellir".split(),
    "fr": "Le café était très bon près de la rivière à côté de l'église".split(),
}
NOISE = ["Home", "Menu", "Share", "Tweet", "Login", "Subscribe", "Cookie settings", "Accept all cookies",
         "Related articles", "Copyright © 2024 Example Ltd. All rights reserved.", "Skip to main content",
         "Next »", "« Previous", "Read more", "0 comments", "Follow us on Facebook", "Privacy policy"]
ODD = ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\u200b", "\u200e", "\u202e", "\ufeff",
       "\ufffd", "\u2028", "\u0301", "\u0308\u0308\u0308", "🚀", "👩‍👩‍👧", "Ã©", "Ã©Ã©Ã©", "Â·", "πŸš€", "Œ", "Î",
       "â€™", "Ð¿Ñ€Ð¸", "\r", "\r\n", "\t", "\f", "&", "<", ">", "\"", "'", "]]>", "--", "\\"]
SURROGATES = ["\ud83d", "\ude00", "\udfff", "\ud800\udc00"]
ENTITIES = ["&amp;", "&lt;", "&gt;", "&nbsp;", "&eacute;", "&#233;", "&#xE9;", "&#x1F680;", "&#0;", "&#1;",
            "&#xD800;", "&#99999999;", "&#x110000;", "&bogus;", "&amp", "&#", "&#x;", "&mdash;", "&quot;"]
TAGS = ["p", "div", "span", "a", "article", "main", "section", "nav", "header", "footer", "aside", "h1", "h2",
        "h3", "ul", "ol", "li", "table", "tr", "td", "th", "blockquote", "pre", "code", "em", "strong", "b",
        "form", "select", "option", "button", "label", "figure", "figcaption", "noscript", "template", "svg",
        "time", "small", "center", "font", "iframe", "textarea", "details", "summary", "dl", "dt", "dd"]
VOID = ["br", "img", "hr", "input", "meta", "link", "wbr"]
RAW = ["script", "style"]
CLASSES = ["content", "article-body", "post", "entry-content", "nav", "menu", "footer", "sidebar", "share",
           "social", "comment", "comments", "related", "breadcrumb", "cookie", "banner", "ad", "promo",
           "hidden", "byline", "author", "date", "title", "caption", "x" * 300]
URLS = ["https://example.com/a", "/relative/path", "javascript:alert(1)", "http://[::1/x", "http://x:99999/",
        "data:text/html;base64,PHA+", "//cdn.example.com/i.png", "mailto:a@b.c", "", "http://ex ample.com/",
        "file:///etc/hostname", "https://例え.jp/パス?q=1#f"]
CHARSETS = ["utf-8", "utf-8", "utf-8", "cp1252", "latin-1", "utf-16", "utf-16-le", "shift_jis", "gb18030",
            "koi8-r", "cp1251", "cp1253", "iso-8859-7", "euc-kr", "big5", "utf-32"]
GLUE = ["www.", "a.", "aB3_", "1", "中文", "—", "|", "Ã©", "x@y.", "2024-01-0"]
JSON_LD = ["{", "[]", '{"@type":"NewsArticle","headline":1}', '{"author":{"name":[null]}}', '{"datePublished":"x"}']
DATES = ["2024-03-05", "x", "9999-99-99", "2024-02-30T25:61:00+99:00"]
# The page's own address (canonical, og:url, og:image): drawn from a second source seeded by the page, so the
# seeds of earlier finds still build the same pages.
PAGE_URLS = URLS + ["http://[ccpa-preferences]/", "http://[bad]/a", "https://x.example:0/", "http://[::1]:80/"]
DECLARED = CHARSETS + ["bogus", "utf-7", "x-user-defined", "", "utf-8; q=1"]


class Gen:
    """Builds one input from a seeded random source."""

    def __init__(self, rnd: random.Random, small: bool = False) -> None:
        self.r = rnd
        self.small = small  # small pages and short glued runs: more executions, fewer known-slow lines

    def word(self) -> str:
        r = self.r
        pick = r.random()
        if pick < 0.75:
            return r.choice(WORDS[r.choice(list(WORDS))])
        if pick < 0.85:
            return r.choice(ODD) + r.choice(WORDS["en"])
        if pick < 0.92:
            return r.choice(ENTITIES)
        if pick < 0.96:
            return r.choice(GLUE) * r.randint(2, 20 if self.small else 400)
        return r.choice(URLS) or "x"

    def sentence(self, words: int | None = None) -> str:
        n = words if words is not None else self.r.randint(3, 40)
        text = " ".join(self.word() for _ in range(n))
        return text[0].upper() + text[1:] + self.r.choice([".", ".", "!", "?", "", "…", "。"]) if text else text

    def attrs(self) -> str:
        r = self.r
        out = []
        for _ in range(r.choice([0, 0, 1, 1, 2, 3, 6])):
            name = r.choice(["class", "id", "href", "src", "style", "hidden", "role", "itemprop", "data-x",
                             "lang", "dir", "alt", "content", "property", "name", "datetime", "aria-hidden"])
            value = r.choice([r.choice(CLASSES), r.choice(URLS), "display:none", "article", "navigation",
                              "true", self.sentence(3), "2024-03-05T10:00:00Z", "og:title", "author"])
            quote = r.choice(['"', "'", "", '"'])
            out.append(f"{name}={quote}{value}{quote}" if r.random() < 0.95 else name)
        if r.random() < 0.003:  # an attribute flood
            out.extend(f"a{i}=x" for i in range(r.choice([500, 2000, 20000])))
        return (" " + " ".join(out)) if out else ""

    def node(self, depth: int, budget: list[int]) -> str:
        r = self.r
        budget[0] -= 1
        if depth <= 0 or budget[0] <= 0 or r.random() < 0.25:
            return self.sentence() if r.random() < 0.8 else r.choice(NOISE)
        pick = r.random()
        if pick < 0.05:
            return f"<{r.choice(VOID)}{self.attrs()}>"
        if pick < 0.08:
            return f"<{r.choice(RAW)}>{self.sentence()} var x = '<p>not text</p>';</{r.choice(RAW)}>"
        if pick < 0.10:
            return r.choice(["<!-- " + self.sentence() + " -->", "<!--", "<![CDATA[" + self.sentence() + "]]>",
                             "<![CDATA[", "<?php echo 1; ?>", "</div>", "</p></p>", "<p", "<", "<!DOCTYPE html>",
                             "<?xml version='1.0' encoding='utf-16'?>", "<!ENTITY x SYSTEM 'file:///etc/hostname'>&x;"])
        tag = r.choice(TAGS)
        inner = "".join(self.node(depth - 1, budget) for _ in range(r.randint(0, 6)))
        close = f"</{tag}>" if r.random() < 0.9 else ""
        return f"<{tag}{self.attrs()}>{inner}{close}"

    def html(self) -> str:
        r = self.r
        budget = [r.choice([20, 80, 300] if self.small else [20, 80, 300, 1500])]
        head = ""
        if r.random() < 0.7:
            head = (f"<head><title>{self.sentence(6)}</title>"
                    + (f"<meta charset='{r.choice(DECLARED)}'>" if r.random() < 0.4 else "")
                    + (f"<meta name='author' content='{self.sentence(2)}'>" if r.random() < 0.3 else "")
                    + (f"<meta property='article:published_time' content='{r.choice(DATES)}'>"
                       if r.random() < 0.3 else "")
                    + (f"<script type='application/ld+json'>{r.choice(JSON_LD)}</script>" if r.random() < 0.2 else "")
                    + "</head>")
        body = "".join(self.node(r.randint(1, 12), budget) for _ in range(r.randint(1, 8)))
        if r.random() < 0.02:  # deep nesting past libxml2's 255 levels
            n = r.choice([300, 3000])
            body += "<div>" * n + self.sentence() + "</div>" * n
        start = r.choice(["<!DOCTYPE html><html>", "<html>", "", "<html lang='el'>", "\ufeff<html>"])
        if head:
            own = random.Random(zlib.crc32((head + body).encode("utf-8", "surrogatepass")))
            address = "".join(tag.format(own.choice(PAGE_URLS)) for tag in (
                "<link rel='canonical' href='{}'>", "<meta property='og:url' content='{}'>",
                "<meta property='og:image' content='{}'>") if own.random() < 0.3)
            head = head.replace("</head>", address + "</head>")
        return f"{start}{head}<body>{body}</body></html>" if start else head + body

    def text(self) -> str:
        r = self.r
        lines = []
        for _ in range(r.randint(1, 120)):
            pick = r.random()
            if pick < 0.5:
                lines.append(self.sentence(r.randint(5, 60)))
            elif pick < 0.75:
                lines.append(r.choice(NOISE))
            elif pick < 0.85:
                lines.append("")
            elif pick < 0.9:
                lines.append(r.choice(["* ", "- ", "[12]", "  ", "# ", "1. "]) + self.sentence(4))
            else:
                lines.append(r.choice(["Published 12 March 2024, 10:31", "By Jane Doe", "https://example.com/x",
                                       "a@b.example", "=" * r.randint(1, 200), self.word() * r.randint(1, 50)]))
        sep = r.choice(["\n", "\n", "\r\n", "\r", "\n\n"])
        return sep.join(lines)

    def salt(self, text: str, allow_surrogates: bool) -> str:
        """Sprinkle odd characters (and, for str input, lone surrogates) into a generated page."""
        r = self.r
        for _ in range(r.choice([0, 0, 1, 3, 10])):
            at = r.randint(0, len(text))
            pool = ODD + (SURROGATES if allow_surrogates else [])
            text = text[:at] + r.choice(pool) + text[at:]
        return text

    def call(self) -> tuple[str | bytes, dict]:
        """One input and the keyword arguments of its call."""
        r = self.r
        kind_of_page = r.choice(["html", "html", "text"])
        page = self.html() if kind_of_page == "html" else self.text()
        as_bytes = r.random() < 0.5
        page = self.salt(page, allow_surrogates=not as_bytes)
        kwargs: dict = {}
        if r.random() < 0.3:
            kwargs["kind"] = r.choice(["html", "text"])
        if r.random() < 0.3:
            kwargs["url"] = r.choice(URLS[:2] + ["https://example.com/", "https://example.com/news/2024/03/05/x"])
        options = {}
        if r.random() < 0.3:
            options = {"preset": r.choice(["precision", "balanced", "recall"]),
                       "include_comments": r.random() < 0.5, "include_tables": r.random() < 0.5,
                       "include_links": r.random() < 0.5, "include_images": r.random() < 0.5}
        kwargs["options"] = options
        if not as_bytes:
            return page, kwargs
        charset = r.choice(CHARSETS)
        data = page.encode(charset, errors=r.choice(["replace", "ignore", "xmlcharrefreplace"]))
        if r.random() < 0.2 and charset.startswith("utf"):
            data = page.encode(charset.replace("-le", ""), errors="replace")  # with a BOM for utf-16/32
        if r.random() < 0.3:
            kwargs["content_type"] = f"text/html; charset={r.choice(DECLARED)}"
        if r.random() < 0.1:
            data = data[: r.randint(0, len(data))]  # a download cut short, maybe mid-character
        if r.random() < 0.05 and data:
            at = r.randrange(len(data))
            data = data[:at] + bytes([r.randrange(256)]) + data[at + 1:]
        return data, kwargs


def check_output(doc: object) -> str | None:
    """What breaks the output contract, or None."""
    text = doc.text  # type: ignore[attr-defined]
    text.encode("utf-8")  # raises on a lone surrogate
    if any(ch < " " and ch not in "\t\n\r\f" for ch in text):
        return "C0 control character in the output text"
    json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")  # type: ignore[attr-defined]
    return None


def run_one(data: str | bytes, kwargs: dict) -> tuple[str | None, float]:
    """(failure or None, seconds) for one call."""
    call = dict(kwargs)
    call["options"] = Options(**call.get("options", {}))
    start = time.perf_counter()
    try:
        doc = clean(data, **call)
        failure = check_output(doc)
    except InputError:
        failure = None
    except Exception as exc:  # a crash is what we are looking for
        failure = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=-4)}"
    return failure, time.perf_counter() - start


def save(out: Path, name: str, data: str | bytes, kwargs: dict, note: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    raw = data if isinstance(data, bytes) else data.encode("utf-8", errors="surrogatepass")
    (out / f"{name}.input").write_bytes(raw)
    meta = {"is_str": isinstance(data, str), "kwargs": kwargs, "note": note[:4000], "size": len(data)}
    (out / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slow", type=float, default=2.0, help="seconds above which an input is reported slow")
    parser.add_argument("--out", type=Path, default=Path("/tmp/cleaner-fuzz"))
    parser.add_argument("--small", action="store_true", help="small pages only: more executions per second")
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    gen = Gen(rnd, small=args.small)
    # Imports and the language model load outside the timed calls.
    prose = "The reporters wrote a long article about the economy, and the readers liked it very much. " * 3
    clean(prose)
    clean(f"<html><head><title>Warm up</title></head><body><article><p>{prose}</p></article></body></html>")
    deadline = time.monotonic() + args.seconds
    runs, crashes, slow = 0, Counter(), []
    kinds: Counter = Counter()
    total_time = 0.0
    while time.monotonic() < deadline:
        data, kwargs = gen.call()
        failure, seconds = run_one(data, kwargs)
        runs += 1
        total_time += seconds
        kinds["bytes" if isinstance(data, bytes) else "str"] += 1
        if failure:
            key = failure.split("\n", 1)[0][:120]
            crashes[key] += 1
            if crashes[key] == 1:
                save(args.out, f"crash-{args.seed}-{runs}", data, kwargs, failure)
                print(f"[{runs}] CRASH {key}", flush=True)
        if seconds > args.slow:
            slow.append((seconds, runs, len(data)))
            save(args.out, f"slow-{args.seed}-{runs}", data, kwargs, f"{seconds:.2f} s")
            print(f"[{runs}] SLOW {seconds:.2f} s, {len(data):,} chars/bytes", flush=True)
    report = {"seconds": args.seconds, "seed": args.seed, "small": args.small, "executions": runs,
              "inputs": dict(kinds),
              "mean_ms": round(1000 * total_time / max(runs, 1), 1), "crash_kinds": len(crashes),
              "crashes": dict(crashes), "slow": [{"seconds": round(s, 2), "run": n, "size": size}
                                                for s, n, size in sorted(slow, reverse=True)],
              "out": str(args.out)}
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
