import os

import httpx2
import pytest

from docs_src.background_tasks import file_response
from tests.proof import TIMEOUT, call_asgi, serve


@pytest.fixture
def created_files(monkeypatch):
    """The export files the example writes, and where (in the system's temporary folder)."""
    paths: list[str] = []
    original = file_response.write_export

    def tracked(user: str) -> str:
        paths.append(original(user))
        return paths[-1]

    monkeypatch.setattr(file_response, "write_export", tracked)
    yield paths
    for path in paths:
        if os.path.exists(path):
            os.remove(path)


def test_the_file_is_sent_then_removed(recorder, created_files):
    result = call_asgi(file_response.app, recorder.timeline, "GET", "/exports/ana")
    assert result.status == 200
    assert result.body == b"All the data of ana\n"
    assert result.headers["content-disposition"] == 'attachment; filename="ana.txt"'
    recorder.timeline.assert_tasks_after_response(["remove"])
    assert not os.path.exists(created_files[0])


def test_served_file_exists_until_the_client_has_it(recorder, created_files):
    gate = recorder.hold_tasks()
    with serve(file_response.app) as served:
        response = httpx2.get(served.url + "/exports/bob", timeout=TIMEOUT)
        assert response.content == b"All the data of bob\n"
        assert os.path.exists(created_files[0])  # the task is held: nothing removed yet
        gate.set()
        recorder.timeline.wait_for("task-end", ["remove"])
    assert not os.path.exists(created_files[0])


def test_head_creates_no_file_that_no_task_would_remove(recorder, created_files):
    result = call_asgi(file_response.app, recorder.timeline, "HEAD", "/exports/ana")
    assert result.status == 200
    assert result.headers["content-disposition"] == 'attachment; filename="ana.txt"'
    assert created_files == []
    assert recorder.timeline.of("task-start") == []
