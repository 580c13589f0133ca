"""Every case names an example that exists, with an app, and is drawn on a page; what each case records is proven
in `test_record.py`."""

from __future__ import annotations

import importlib

import pytest

from docs_tools.timelines.cases import CASES
from tests.mkdocs_site import ROOT


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_names_an_example_with_an_app(name):
    case = CASES[name]
    assert (ROOT / case.example).is_file()
    assert callable(importlib.import_module(case.module).app)


def test_each_case_is_drawn_on_a_page():
    pages = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs" / "en").rglob("*.md"))
    assert [name for name in CASES if f"```timeline\n{name}\n```" not in pages] == []
