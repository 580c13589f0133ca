"""Node ids read from the suite's source: accepted when pytest would collect and run the test, refused with the
reason otherwise; and, against pytest itself, every node id the site's pages name is collected."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

import pytest

from docs_tools import project as project_module
from docs_tools.proofs.check import check
from docs_tools.proofs.suite import Suite, UnknownTest, claim_of
from tests.mkdocs_site import ROOT

MODULE = '''\
import pytest


def test_plain():
    """Says why.

    More words."""


async def test_async():
    pass


@pytest.mark.skip(reason="later")
def test_skipped():
    pass


@pytest.mark.skipif(True, reason="never")
def test_skipped_if():
    pass


@pytest.mark.xfail
def test_expected_to_fail():
    pass


@pytest.mark.parametrize("x", [1])
def test_with_cases(x):
    pass


def helper():
    pass


class TestGroup:
    def test_method(self):
        pass


class Group:
    def test_method(self):
        pass


class TestWithInit:
    def __init__(self):
        pass

    def test_method(self):
        pass
'''


@pytest.fixture
def suite(tmp_path):
    (tmp_path / "tests" / "sub").mkdir(parents=True)
    (tmp_path / "tests" / "sub" / "test_things.py").write_text(MODULE, encoding="utf-8")
    (tmp_path / "tests" / "sub" / "helpers.py").write_text("def test_helper():\n    pass\n", encoding="utf-8")
    (tmp_path / "tests" / "sub" / "test_reused.py").write_text(
        "from tests.sub.test_things import test_plain as test_plain_again, test_async\n"
        "from tests.sub.test_things import helper as test_helper, test_skipped\n"
        "from tests.sub.test_gone import test_lost\n", encoding="utf-8")
    (tmp_path / "tests" / "test_broken.py").write_text("def test_broken(:\n", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "test_out.py").write_text("def test_out():\n    pass\n", encoding="utf-8")
    return Suite(tmp_path)


@pytest.mark.parametrize(
    ("node", "claim", "docstring"),
    [
        ("tests/sub/test_things.py::test_plain", "Plain.", "Says why."),
        ("tests/sub/test_things.py::test_async", "Async.", ""),
        ("tests/sub/test_things.py::test_with_cases", "With cases.", ""),
        ("tests/sub/test_things.py::TestGroup::test_method", "Method.", ""),
        ("tests/sub/test_reused.py::test_async", "Async.", ""),
        ("tests/sub/test_reused.py::test_plain_again", "Plain again.", "Says why."),
        ("tests/sub/test_reused.py::test_helper", "Helper.", ""),
    ],
)
def test_a_test_pytest_runs_is_accepted_with_what_its_name_says(suite, node, claim, docstring):
    test = suite.test(node)
    assert (test.node, test.claim, test.docstring) == (node, claim, docstring)


@pytest.mark.parametrize(
    ("node", "reason"),
    [
        ("", "'' is not a pytest node id; write tests/…/test_x.py::test_name"),
        ("tests/sub/test_things.py", "'tests/sub/test_things.py' is not a pytest node id; write "
                                     "tests/…/test_x.py::test_name"),
        ("tests/sub/test_things.py::test_with_cases[1]", "'tests/sub/test_things.py::test_with_cases[1]' names one "
                                                         "parametrised case; name the test without '[…]'"),
        ("outside/test_out.py::test_out", "'outside/test_out.py::test_out': the path must start with tests/ and "
                                          "stay inside it"),
        ("tests/../outside/test_out.py::test_out", "'tests/../outside/test_out.py::test_out': the path must start "
                                                   "with tests/ and stay inside it"),
        ("tests/sub/helpers.py::test_helper", "'tests/sub/helpers.py::test_helper': pytest collects only files "
                                              "named test_*.py"),
        ("tests/sub/test_gone.py::test_plain", "'tests/sub/test_gone.py::test_plain': tests/sub/test_gone.py does "
                                               "not exist"),
        ("tests/test_broken.py::test_broken", "'tests/test_broken.py::test_broken': tests/test_broken.py cannot be "
                                              "parsed (line 1: invalid syntax)"),
        ("tests/sub/test_things.py::test_plian", "'tests/sub/test_things.py::test_plian': the file has no function "
                                                 "test_plian"),
        ("tests/sub/test_things.py::helper", "'tests/sub/test_things.py::helper': pytest collects only functions "
                                             "named test…"),
        ("tests/sub/test_things.py::test_skipped", "'tests/sub/test_things.py::test_skipped' is marked skip: a proof "
                                                   "must run on every run of the suite"),
        ("tests/sub/test_things.py::test_skipped_if", "'tests/sub/test_things.py::test_skipped_if' is marked skipif: "
                                                      "a proof must run on every run of the suite"),
        ("tests/sub/test_things.py::test_expected_to_fail", "'tests/sub/test_things.py::test_expected_to_fail' is "
                                                            "marked xfail: a proof must run on every run of the suite"),
        ("tests/sub/test_things.py::Group::test_method", "'tests/sub/test_things.py::Group::test_method': the file "
                                                         "has no class Group (pytest collects classes Test…)"),
        ("tests/sub/test_things.py::TestWithInit::test_method", "'tests/sub/test_things.py::TestWithInit::"
                                                                "test_method': pytest does not collect TestWithInit, "
                                                                "which has an __init__"),
        ("tests/sub/test_things.py::TestGroup::test_other", "'tests/sub/test_things.py::TestGroup::test_other': the "
                                                            "class TestGroup has no function test_other"),
        ("tests/sub/test_reused.py::test_skipped", "'tests/sub/test_reused.py::test_skipped' is marked skip: a proof "
                                                   "must run on every run of the suite"),
        ("tests/sub/test_reused.py::test_lost", "'tests/sub/test_reused.py::test_lost': the file has no function "
                                                "test_lost"),
        ("tests/sub/test_things.py::TestGroup::test_method::x", "'tests/sub/test_things.py::TestGroup::test_method::"
                                                                "x' is nested too deep; name a test function or a "
                                                                "method of a Test class"),
    ],
)
def test_a_node_id_pytest_would_not_run_is_refused_with_the_reason(suite, node, reason):
    with pytest.raises(UnknownTest) as refused:
        suite.test(node)
    assert str(refused.value) == reason


def test_a_test_file_changed_since_it_was_read_is_read_again(suite):
    path = suite.root / "tests" / "sub" / "test_things.py"
    with pytest.raises(UnknownTest):
        suite.test("tests/sub/test_things.py::test_new")
    path.write_text(MODULE + "\n\ndef test_new():\n    pass\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    assert suite.test("tests/sub/test_things.py::test_new").claim == "New."


def test_a_test_file_is_parsed_once_for_every_suite_of_the_process_while_it_is_unchanged(suite, monkeypatch):
    """A site build makes a Suite per language: the second one reads what the first parsed."""
    parsed = []
    parse = ast.parse
    monkeypatch.setattr(ast, "parse", lambda source, *args: parsed.append(args[0]) or parse(source, *args))
    suite.test("tests/sub/test_things.py::test_plain")
    Suite(suite.root).test("tests/sub/test_things.py::test_async")
    assert parsed == [str(suite.root / "tests" / "sub" / "test_things.py")]


@pytest.mark.parametrize(
    ("name", "claim"),
    [("test_a_task_runs_after_the_body", "A task runs after the body."), ("test", ""), ("test_x", "X.")],
)
def test_a_tests_name_reads_as_its_claim(name, claim):
    assert claim_of(name) == claim


def test_pytest_collects_every_node_id_the_sites_pages_name():
    """The source reading above is a model of pytest's collection; this holds it to pytest's own."""
    site = project_module.load(ROOT)
    named = sorted({mark.node for page in check(site) for mark in page.marks})
    assert named, "the pages name no proof"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-n", "0", *named],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    collected = {line.split("[")[0] for line in result.stdout.splitlines() if "::" in line}
    assert set(named) <= collected
