"""`timelines record` writes a case's recording into the project it runs in, from that project's examples;
`timelines check` fails on one whose server order no longer matches."""

from __future__ import annotations

import json
import logging
import shutil

import pytest

from docs_tools.timelines import cli
from tests.mkdocs_site import ROOT


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    shutil.copytree(ROOT / "docs_src", tmp_path / "docs_src", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    logging.disable(logging.NOTSET)


def test_record_writes_the_case_into_the_project(project, capsys):
    assert cli.main(["record", "one_task"]) == 0
    written = json.loads((project / "timelines" / "one_task.json").read_text())
    assert written["example"] == "docs_src/background_tasks/response/via_handlers.py"
    assert "timelines/one_task.json: 8 events" in capsys.readouterr().out


def test_check_names_every_missing_or_stale_recording(project, capsys):
    (project / "timelines").mkdir()
    for path in (ROOT / "timelines").glob("*.json"):
        shutil.copy(path, project / "timelines")
    (project / "timelines" / "streaming.json").unlink()
    sequence = project / "timelines" / "sequence.json"
    sequence.write_text(sequence.read_text().replace("write_audit_entry#2", "write_audit_entry#9"))
    assert cli.main(["check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("timelines/sequence.json: a fresh run of docs_src/background_tasks/response/via_list.py")
    assert out[1].startswith("timelines/streaming.json: cannot be read")


def test_record_serves_the_example_of_the_project_it_runs_in(project):
    example = project / "docs_src" / "background_tasks" / "response" / "via_handlers.py"
    example.write_text(example.read_text() + "\nraise RuntimeError('the copy was loaded')\n")
    with pytest.raises(RuntimeError, match="the copy was loaded"):
        cli.main(["record", "one_task"])


def test_an_unknown_case_is_named_with_the_known_ones(project, capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["record", "nope"])
    assert exited.value.code == 2
    assert "invalid choice: 'nope' (choose from 'as_group'," in capsys.readouterr().err
