"""The check of the pages' proofs: marks that name no test, and sections of the proven pages that name none; and the
`proofs` command that reports it."""

from __future__ import annotations

import pytest

from docs_tools import project as project_module
from docs_tools.proofs.check import check
from docs_tools.proofs.cli import main
from tests.mkdocs_site import ROOT
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


def by_path(tree) -> dict:
    return {page.path: page for page in check(tree.project())}


def test_a_page_whose_every_section_names_a_proof_or_claims_nothing_passes(tree):
    page = by_path(tree)["docs/en/tasks.md"]
    assert (page.required, page.proofs, page.errors, page.unproven) == (True, 2, [], [])


def test_a_page_outside_proven_pages_needs_no_proof(tree):
    page = by_path(tree)["docs/en/index.md"]
    assert (page.required, page.proofs, page.errors, page.unproven) == (False, 0, [], [])


def test_a_misspelt_node_id_is_an_error_naming_page_line_and_value_in_any_language(tree):
    assert by_path(tree)["docs/pt/tasks.md"].errors == [
        "docs/pt/tasks.md:7: 'tests/test_tasks.py::test_in_ordre': the file has no function test_in_ordre"]


def test_a_section_with_neither_proof_nor_statement_is_listed_with_its_line(tree):
    tree.write("en", "tasks.md", PAGE.replace(" [[proof: tests/test_tasks.py::test_in_order]]", "")
               .replace("<!-- proof: none, only links onward -->\n", ""))
    assert [(section.line, section.title) for section in by_path(tree)["docs/en/tasks.md"].unproven] == [
        (5, "In order"), (9, "See also")]


def test_the_text_above_the_first_heading_counts_with_the_title(tree):
    tree.write("en", "tasks.md", "Intro. [[proof: tests/test_tasks.py::test_runs_after]]\n\n# Tasks\n\nText.\n")
    assert by_path(tree)["docs/en/tasks.md"].unproven == []
    tree.write("en", "tasks.md", "Intro.\n\n# Tasks\n\nText.\n\n## More\n\nMore. [[proof: tests/test_tasks.py::test_in_order]]\n")
    assert [(s.line, s.title) for s in by_path(tree)["docs/en/tasks.md"].unproven] == [(1, "Tasks")]


def test_a_section_that_names_proofs_and_claims_nothing_is_an_error(tree):
    tree.write("en", "tasks.md", PAGE.replace("## In order\n", "## In order\n<!-- proof: none -->\n"))
    assert by_path(tree)["docs/en/tasks.md"].errors == [
        "docs/en/tasks.md:6: the section 'In order' names proofs and also says it claims nothing to prove; remove "
        "one of the two"]


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ("extra:\n  proven_pages: [tasks.md, gone.md]\n",
         "mkdocs.yml: extra.proven_pages names pages that docs/en/ does not have: gone.md"),
        ("extra:\n  proven_pages: tasks.md\n",
         "mkdocs.yml: extra.proven_pages must be a list of page paths, e.g. [background-tasks.md]"),
    ],
)
def test_a_bad_proven_pages_list_is_refused(tmp_path, extra, error):
    tree = make_tree(tmp_path, CONFIG + extra)
    tree.write("en", "tasks.md", PAGE)
    with pytest.raises(project_module.ProjectError) as refused:
        check(tree.project())
    assert str(refused.value) == error


def test_the_command_lists_every_problem_and_exits_1(tree, capsys):
    tree.write("en", "tasks.md", PAGE.replace(" [[proof: tests/test_tasks.py::test_in_order]]", ""))
    assert main(["--project", str(tree.root)]) == 1
    out = capsys.readouterr().out.split("\n")
    assert out[:4] == [
        "docs/en/tasks.md: 1 proof(s), 1 section(s) without one",
        "  docs/en/tasks.md:5: the section 'In order' names no proof",
        "docs/pt/tasks.md: 2 proof(s), 0 section(s) without one",
        "  docs/pt/tasks.md:7: 'tests/test_tasks.py::test_in_ordre': the file has no function test_in_ordre",
    ]
    assert out[-3].startswith("A section names a proof with [[proof: tests/…/test_x.py::test_name]]")
    assert out[-2] == ("3 proof(s) on 3 page(s); pages that must prove every section are listed under "
                       "extra.proven_pages in mkdocs.yml")


def test_the_command_exits_0_when_all_is_proven(tree, capsys):
    tree.write("pt", "tasks.md", PAGE)
    assert main(["--project", str(tree.root)]) == 0
    assert capsys.readouterr().out.split("\n")[:2] == [
        "docs/en/tasks.md: 2 proof(s), every section proven", "docs/pt/tasks.md: 2 proof(s)"]


def test_the_command_reports_a_bad_project_without_a_traceback(tmp_path, capsys):
    assert main(["--project", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (f"error: {tmp_path}/mkdocs.yml: not found; run the tools from the project "
                                       "root or pass --project\n")


def test_every_page_of_the_site_names_tests_that_exist_and_every_proven_section_names_one():
    results = check(project_module.load(ROOT))
    assert [error for page in results for error in page.errors] == []
    assert [f"{page.path}:{section.line}: {section.title}" for page in results for section in page.unproven] == []
