"""Line endings as Python-Markdown reads them."""

from __future__ import annotations

from docs_tools.markdown.newlines import normalise_newlines


def test_crlf_cr_and_a_byte_order_mark_become_plain_newlines():
    assert normalise_newlines("\ufeffa\r\nb\rc\n") == "a\nb\nc\n"


def test_other_separators_are_text():
    assert normalise_newlines("a\u2028b\x0cc") == "a\u2028b\x0cc"
