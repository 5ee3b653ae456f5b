"""Bad input: a clear error or an empty document with a reason; never a crash or a hang."""

from __future__ import annotations

import pytest

from cleaner import InputError, clean


def test_empty_input_gives_empty_document() -> None:
    for data in (b"", "", "   \n\n  "):
        doc = clean(data)
        assert doc.text == "" and doc.page_type == "empty" and doc.empty_reason


def test_binary_data_is_an_input_error() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    with pytest.raises(InputError, match="PNG image"):
        clean(png)
    with pytest.raises(InputError, match="binary"):
        clean(bytes(range(32)) * 200)


def test_invalid_utf8_is_decoded_not_fatal() -> None:
    data = ("A sentence long enough to count as the body of an article, with caf\xe9 in it. " * 5).encode("latin-1")
    doc = clean(data)
    assert "café" in doc.text


def test_fifty_megabyte_single_line() -> None:
    doc = clean(b"word " * 10_000_000)
    assert doc.text == "" and doc.page_type == "empty"
    assert doc.removed[0].reason == "oversize"


def test_fifty_megabytes_of_non_ascii_on_one_line() -> None:
    doc = clean(("é" * 25_000_000).encode())
    assert doc.page_type == "empty" and doc.removed[0].reason == "oversize"


def test_only_noise_gives_empty_document_with_reasons() -> None:
    data = "Skip to main content\nHome\nMenu\nShare\nTweet\n0/400\nCopyright © 2020 Example Ltd. All rights reserved.\n"
    doc = clean(data)
    assert doc.text == ""
    assert doc.empty_reason
    assert {r.reason for r in doc.removed} >= {"navigation", "widget", "footer"}


def test_unknown_kind_and_wrong_type() -> None:
    with pytest.raises(InputError, match="unknown kind"):
        clean("x", kind="pdf")
    with pytest.raises(InputError, match="expected str or bytes"):
        clean(123)  # type: ignore[arg-type]
