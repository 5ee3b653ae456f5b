"""What a fetched payload is: a page, or something else with the reason why."""

from __future__ import annotations

import pytest

from cleaner.batch.payload import classify, sniff_text

PAGE = b"<!doctype html><html><head><title>T</title></head><body><p>Hello there, reader.</p></body></html>"


@pytest.mark.parametrize(("ctype", "url", "head", "why"), [
    ("image/gif", "http://a.example/x.gif", b"GIF89a", "image (image/gif)"),
    ("text/css", "http://a.example/s.css", b"body{}", "stylesheet (text/css)"),
    ("application/x-javascript", "http://a.example/j", b"var a;", "script (application/x-javascript)"),
    ("font/woff2", "http://a.example/f", b"wOF2", "font (font/woff2)"),
    ("application/octet-stream", "http://a.example/f", b"OTTO\x00\x01", "binary (application/octet-stream)"),
    (None, "dns:a.example", b"20080430 a.example 300 IN A 1.2.3.4", "DNS lookup (dns: record)"),
])
def test_binary_and_asset_types_are_believed(ctype: str | None, url: str, head: bytes, why: str) -> None:
    assert classify(ctype, url, head).skip == why


def test_text_that_is_not_a_page_is_told_by_its_content() -> None:
    robots = b"# hello crawlers\nUser-agent: *\nDisallow: /private/\nCrawl-delay: 5\n"
    assert classify("text/plain", "http://a.example/anything", robots).skip.startswith("robots.txt")
    assert classify("text/plain", "http://a.example/robots.txt", b"").skip.startswith("robots.txt")
    sitemap = b'<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
    assert classify("text/xml", "http://a.example/s", sitemap).skip == "sitemap (<urlset>)"
    playlist = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- made by hand -->\n<playlist version="1"><title>x'
    assert classify("text/plain", "http://a.example/p", playlist).skip == "XML data (<playlist>)"
    log = (b"2015-03-30 16:50:45,566 - wpull - INFO - Fetching x\n2015-03-30 16:50:46,001 - wpull - INFO - ok\n"
           b"2015-03-30 16:50:47,120 - wpull - INFO - done\n")
    assert classify("text/plain", "urn:X-wpull:log", log, "resource").skip.startswith("crawler or server log")
    htc = (b'<attach event="ondocumentready" handler="parse" />\n<script>\nfunction parse() {\n'
           b"  var sheets = document.styleSheets;\n  for (var i = 0; i < sheets.length; i++) {\n"
           b"    patch(sheets[i]);\n  }\n}\n</script>\n")
    assert classify("text/plain", "http://a.example/h", htc).skip == "script or stylesheet (code)"
    assert classify("text/plain", "http://a.example/d", b'{"items": [1, 2, 3]}').skip == "data (JSON)"
    args = b'"--no-verbose" "--warc-file=x"\n'
    assert classify("text/plain", "metadata://gnu.org/software/wget/warc/args.txt", args, "resource").skip \
        == "crawler's own file (metadata: record)"


def test_pages_stay_pages() -> None:
    assert classify("text/html; charset=utf-8", "http://a.example/", PAGE).kind == "html"
    # declared HTML is believed, even when its first bytes are all script
    scripty = b"<script>\nvar a = 1;\nvar b = 2;\nfunction f() {\n return a;\n}\n</script>\n" + PAGE
    assert classify("text/html", "http://a.example/", scripty).skip is None
    xhtml = b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">'
    assert classify("application/xml", "http://a.example/", xhtml).skip is None
    prose = b"Yes \xe2\x80\x94 our list of winners.\nThe committee met on Monday.\nIt chose three books.\n"
    assert classify("text/plain", "http://a.example/news.txt", prose).kind == "text"
    assert classify(None, "http://a.example/", PAGE).kind is None  # unknown type: the cleaner sniffs
    assert sniff_text(b"Malformed request") is None


def test_scripts_with_markup_in_strings_and_minified_code_are_code() -> None:
    script = "\n".join(["// player set-up", "function draw(el) {", "  var html = '<div class=\"p\"><p>' + el + '</p>';",
                        "  return html;", "}", "/* helpers */", "var x = 1;", "if (x) {", "  draw(x);", "}"] * 3)
    assert sniff_text(script.encode()) == "script or stylesheet (code)"
    minified = "/*! lib v1 */(function(e,t){" + "var n=e.document,r=t.x;if(n){r(n,{a:1,b:[2,3]})};" * 60 + "})(window);"
    assert sniff_text(minified.encode()) == "script or stylesheet (minified code)"


def test_text_dumps_with_bullets_and_pages_with_inline_code_stay_pages() -> None:
    # Lynx dumps list menus as "* item" lines: not the inside of a /* comment */.
    dump = "\n".join(["    * Home", "    * World", "        + Africa", "        + Europe", "    * Sports",
                      "    * Opinion", "Rivers of the north", "The rivers carry snow water to the sea in spring."] * 2)
    assert sniff_text(dump.encode()) is None
    page = "<!DOCTYPE html><html><head><style>" + "body{margin:0;}\n.a{color:red;}\n" * 200 + "</style></head>"
    assert sniff_text(page.encode()) is None
