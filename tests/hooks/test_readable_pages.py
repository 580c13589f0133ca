"""A build whose pages are not all UTF-8 stops before writing any page, naming every such page with its line, once
(the translation check of a strict build finds them first; hooks/readable_pages.py covers every other build)."""

from __future__ import annotations

import pytest

from tests import mkdocs_site
from tests.trees import copy_project


@pytest.mark.parametrize("strict", [True, False])
def test_every_page_that_is_not_utf8_is_named_and_nothing_is_written(tmp_path, strict):
    project = copy_project(tmp_path / "project")
    with (project / "docs" / "pt" / "responses.md").open("ab") as page:
        page.write(b"\nTexto \xff aqui.\n")
    english = project / "docs" / "en" / "index.md"
    english.write_bytes(english.read_bytes().replace(b"\n", b"\n\xe9 ", 1))
    built = mkdocs_site.build(tmp_path / "site", project / "mkdocs.yml", strict=strict)
    assert built.error is not None
    errors = built.messages("ERROR")
    lines = len((project / "docs" / "pt" / "responses.md").read_bytes().split(b"\n")) - 1
    assert errors[:-1] == [
        "docs/en/index.md:2: byte 0xe9 is not UTF-8 text; save the file as UTF-8",
        f"docs/pt/responses.md:{lines}: byte 0xff is not UTF-8 text; save the file as UTF-8",
    ]
    assert errors[-1] == ("2 fault(s) in translated pages that readers must not get" if strict
                          else "2 page(s) cannot be read") + "; each is logged above with its page and line"
    assert not list((tmp_path / "site").rglob("*.html"))
