"""`timelines record` writes a case's recording into the project it runs in; `timelines check` fails on one whose
server order no longer matches."""

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
