"""The check of the pages' proofs: marks that name no test, and sections of the proven pages that name none."""

from __future__ import annotations

import pytest

from docs_tools import project as project_module
from docs_tools.proofs.check import check
from tests.docs_tools.proofs.conftest import PAGE
from tests.mkdocs_site import ROOT
from tests.trees import CONFIG, make_tree


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


def test_every_page_of_the_site_names_tests_that_exist_and_every_proven_section_names_one():
    results = check(project_module.load(ROOT))
    assert [error for page in results for error in page.errors] == []
    assert [f"{page.path}:{section.line}: {section.title}" for page in results for section in page.unproven] == []
