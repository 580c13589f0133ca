"""Proof marks and "claims nothing" statements, found in a page's prose with their lines."""

from __future__ import annotations

from docs_tools.markdown.outline import outline
from docs_tools.markdown.proof_marks import find_marks, find_none, without_marks


def test_marks_are_found_with_their_lines_and_node_ids_in_page_order():
    prose = "Runs after. [[proof: tests/test_a.py::test_one]][[proof:tests/test_a.py::T::test_two]]\n\n- item [[proof: x]]\n"
    assert [(mark.line, mark.node) for mark in find_marks(prose)] == [
        (1, "tests/test_a.py::test_one"), (1, "tests/test_a.py::T::test_two"), (3, "x")]


def test_an_empty_mark_is_found_so_that_the_check_can_name_it():
    assert [(mark.line, mark.node) for mark in find_marks("Text [[proof: ]]\n")] == [(1, "")]


def test_marks_in_code_blocks_and_inline_code_are_text_not_marks():
    page = outline("# T\n\nWrite `[[proof: tests/a.py::b]]`.\n\n```md\n[[proof: tests/c.py::d]]\n```\n\n"
                   "Claim. [[proof: tests/test_e.py::test_f]]\n", "page.md", str)
    assert [(mark.line, mark.node) for mark in page.proofs] == [(9, "tests/test_e.py::test_f")]


def test_a_section_says_it_claims_nothing_with_a_comment_on_any_line():
    prose = "# T\n\n<!-- proof: none, only links onward -->\n\n<!--proof:none-->\n<!-- proof: nonesuch -->\n"
    assert find_none(prose) == [3, 5]


def test_the_prose_keeps_its_lines_and_columns_without_the_marks():
    prose = "A [[proof: tests/test_a.py::test_b]] b\nc\n"
    blanked = without_marks(prose)
    assert blanked.split("\n")[0] == "A " + " " * len("[[proof: tests/test_a.py::test_b]]") + " b"
    assert blanked.count("\n") == prose.count("\n")


def test_the_outline_prose_has_no_node_ids():
    page = outline("# T\n\nA claim. [[proof: tests/test_words.py::test_arquivo]]\n", "page.md", str)
    assert "arquivo" not in page.prose and "A claim." in page.prose
