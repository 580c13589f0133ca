"""The `proofs` command: every problem of one run listed with its page and line, exit codes, no traceback."""

from __future__ import annotations

from docs_tools.proofs.cli import main
from tests.docs_tools.proofs.conftest import PAGE


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
