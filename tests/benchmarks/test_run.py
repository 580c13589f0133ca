"""The benchmark command's bookkeeping: what the figures were measured on, and a results file replaced whole."""

from __future__ import annotations

import pytest

from benchmarks import build_cost, run
from docs_tools.figures import performance


def test_the_machine_record_names_cpu_python_and_every_package():
    """wrk's own version is asked by the benchmark command, which installs wrk; here a stand-in answers."""
    machine = run.measured_on(wrk=lambda: "4.1.0")
    assert machine["cpus"] >= 1 and machine["cpu"] and machine["python"].count(".") == 2
    assert set(run.PACKAGES) | {"wrk"} == set(machine["packages"])
    assert machine["packages"]["wrk"] == "4.1.0"


@pytest.mark.parametrize("said, version", [
    ("wrk 4.1.0 [epoll] Copyright (C) 2012 Will Glozer\n", "4.1.0"),
    ("", "unknown"),
])
def test_the_version_is_read_from_what_wrk_says_of_itself(said, version):
    assert run.version_said(said) == version


def test_a_results_file_is_replaced_in_one_step(tmp_path):
    path = tmp_path / "results.json"
    path.write_text("old")
    run.write_atomically(path, "new")
    assert path.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["results.json"]


def test_every_section_of_the_performance_page_has_its_benchmark():
    assert tuple(run.BENCHMARKS) == performance.SECTIONS


def test_a_failed_build_is_one_message_and_the_results_stay(tmp_path, monkeypatch, capsys):
    def fail(quick: bool) -> dict:
        raise build_cost.BuildFailed("all_languages: mkdocs build --strict exited with 1:\nERROR - a page")

    monkeypatch.setattr(build_cost, "measure", fail)
    (tmp_path / "results.json").write_text('{"kept": true}', encoding="utf-8")
    assert run.main(["--only", "build_cost", "--output", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines()[1:] == [
        "build_cost: all_languages: mkdocs build --strict exited with 1:", "ERROR - a page",
        f"Nothing was written; {tmp_path / 'results.json'} keeps its results."]
    assert (tmp_path / "results.json").read_text(encoding="utf-8") == '{"kept": true}'
