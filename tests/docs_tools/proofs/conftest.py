"""A throw-away project with one page of proof marks and the tests they name, for the check and its command."""

from __future__ import annotations

import pytest

from tests.trees import CONFIG, make_tree

TESTS = "def test_runs_after():\n    pass\n\n\ndef test_in_order():\n    pass\n"
PAGE = """\
# Tasks

Tasks run after the response. [[proof: tests/test_tasks.py::test_runs_after]]

## In order

They run in order. [[proof: tests/test_tasks.py::test_in_order]]

## See also
<!-- proof: none, only links onward -->

[Responses](responses.md).
"""


@pytest.fixture
def tree(tmp_path):
    tree = make_tree(tmp_path, CONFIG + "extra:\n  proven_pages: [tasks.md]\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_tasks.py").write_text(TESTS, encoding="utf-8")
    tree.write("en", "index.md", "# Home\n\nNo claim here, and no page to prove.\n")
    tree.write("en", "tasks.md", PAGE)
    tree.write("pt", "tasks.md", PAGE.replace("They run", "Correm").replace("test_in_order", "test_in_ordre"))
    return tree
