"""A page that is not UTF-8, or cannot be opened, is one message naming the file, the line and what to do."""

from __future__ import annotations

import pytest

from docs_tools.markdown.front_matter import PageError
from docs_tools.markdown.page_file import read_page


def test_utf8_text_is_read_as_it_is(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("# Título\r\n\nТекст\n".encode())
    assert read_page(path, "docs/pt/a.md") == "# Título\r\n\nТекст\n"


def test_a_byte_that_is_not_utf8_is_named_with_its_line(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("# Título\n\nok\nfaz isto\xe9 aqui\n".encode("latin-1"))
    with pytest.raises(PageError) as raised:
        read_page(path, "docs/pt/a.md")
    assert str(raised.value) == "docs/pt/a.md:1: byte 0xed is not UTF-8 text; save the file as UTF-8"


def test_the_line_counts_the_lines_before_the_byte(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"# Title\n\nfine\nbad \xff here\n")
    with pytest.raises(PageError, match=r"^docs/pt/a.md:4: byte 0xff is not UTF-8 text"):
        read_page(path, "docs/pt/a.md")


def test_a_folder_in_place_of_the_page_is_named(tmp_path):
    with pytest.raises(PageError, match=r"^docs/pt/a.md:1: cannot be read \(Is a directory\); check that the file"):
        read_page(tmp_path, "docs/pt/a.md")
