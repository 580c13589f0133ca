"""The pages of a build are checked before MkDocs reads them: every one that is not UTF-8 is logged, then the build
stops; other files are not pages and are not read."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from docs_tools.site.readable_pages import check_readable


def files_in(folder, names: dict[str, bytes]) -> Files:
    for name, data in names.items():
        (folder / name).write_bytes(data)
    return Files([File(name, str(folder), str(folder / "site"), True) for name in names])


def test_pages_that_read_as_utf8_pass_unchanged(tmp_path, config):
    files = files_in(tmp_path, {"a.md": "# Título\n".encode(), "logo.png": b"\x89PNG\xff"})
    assert check_readable(files, config) is files


def test_each_page_that_is_not_utf8_is_logged_then_the_build_stops(tmp_path, config, caplog):
    files = files_in(tmp_path, {"a.md": b"# A\n\xff\n", "b.md": b"\xe9", "c.md": b"# C\n"})
    with caplog.at_level(logging.ERROR, "mkdocs.hooks.readable_pages"), pytest.raises(PluginError) as raised:
        check_readable(files, config)
    assert str(raised.value) == "2 page(s) cannot be read; each is logged above with its page and line"
    assert [record.getMessage().split(": ", 1)[1] for record in caplog.records] == [
        "byte 0xff is not UTF-8 text; save the file as UTF-8", "byte 0xe9 is not UTF-8 text; save the file as UTF-8"]
    assert [record.getMessage().split(": ", 1)[0].rsplit("/", 1)[1] for record in caplog.records] == ["a.md:2", "b.md:1"]
