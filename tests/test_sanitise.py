"""sanitise and the parser's attribute-flood check take fast paths; they must give what the plain scans give."""

from __future__ import annotations

import re

import pytest

from cleaner.api import sanitise
from cleaner.html.parse import MAX_ATTRIBUTES, _flood_possible

_PLAIN = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]+")


@pytest.mark.parametrize("text", [
    "plain ascii", "caf\u00e9 \u2019quoted\u2019", "a\x01b\x1fc", "tab\tnew\nline\rcr", "form\ffeed",
    "x\ufffey\uffffz", "\u00e9\x0b\u4e2d\x1b", "lone \ud83d surrogate \x02", "\ud800\x07\f", "",
])
def test_sanitise_gives_what_the_plain_regex_gives(text: str) -> None:
    want = _PLAIN.sub("", text).replace("\f", "\n")
    want = re.sub("[\ud800-\udfff]", "\ufffd", want)
    assert sanitise(text) == want


def test_flood_check_sees_one_flooded_tag_and_not_many_small_ones() -> None:
    many = "".join(f'<a href="/{i}" title="t{i}">x</a>' for i in range(MAX_ATTRIBUTES))
    assert many.count("=") > MAX_ATTRIBUTES and not _flood_possible(many)
    flood = " ".join(f"a{i}=x" for i in range(MAX_ATTRIBUTES + 1))
    assert _flood_possible(f"<p>x</p><div {flood}>y</div>")
