import os
import threading

import httpx2
import pytest

from docs_src.background_tasks import file_response
from tests.proof import TIMEOUT, call_asgi, logged_by, serve


@pytest.fixture
def created_files(monkeypatch):
    """The export files the example writes, and the thread that wrote each (in the system's temporary folder)."""
    written: list[tuple[str, str]] = []
    original = file_response.write_export

    def tracked(content: str) -> str:
        written.append((original(content), threading.current_thread().name))
        return written[-1][0]

    monkeypatch.setattr(file_response, "write_export", tracked)
    yield written
    for path, _ in written:
        if os.path.exists(path):
            os.remove(path)


def test_the_file_is_written_in_a_worker_thread_sent_then_removed(recorder, created_files):
    with logged_by(file_response) as logged:
        result = call_asgi(file_response.app, recorder.timeline, "GET", "/exports/ana")
    assert result.status == 200
    assert result.body == b"All the data of ana\n"
    assert result.headers["content-disposition"] == 'attachment; filename="ana.txt"'
    recorder.timeline.assert_tasks_after_response(["remove_export"])
    ((path, thread),) = created_files
    assert thread.startswith("AnyIO worker thread"), "the file was written on the event loop"
    assert not os.path.exists(path)
    assert logged.lines == [f"export {path} removed"]


@pytest.mark.parametrize(
    ("user", "disposition"),
    [
        ('a"b', "attachment; filename*=utf-8''a%22b.txt"),
        ("zoë", "attachment; filename*=utf-8''zo%C3%AB.txt"),
    ],
)
def test_a_name_that_needs_quoting_is_encoded_in_the_header(recorder, created_files, user, disposition):
    result = call_asgi(file_response.app, recorder.timeline, "GET", f"/exports/{user}")
    assert result.status == 200
    assert result.headers["content-disposition"] == disposition
    assert result.body == f"All the data of {user}\n".encode()


def test_served_file_exists_until_the_client_has_it(recorder, created_files):
    gate = recorder.hold_tasks()
    with serve(file_response.app) as served:
        response = httpx2.get(served.url + "/exports/bob", timeout=TIMEOUT)
        assert response.content == b"All the data of bob\n"
        assert os.path.exists(created_files[0][0])  # the task is held: nothing removed yet
        gate.set()
        recorder.timeline.wait_for("task-end", ["remove_export"])
    assert not os.path.exists(created_files[0][0])


def test_head_has_the_headers_of_get_and_creates_no_file_that_no_task_would_remove(recorder, created_files):
    got = call_asgi(file_response.app, recorder.timeline, "GET", "/exports/ana")
    created_files.clear()
    result = call_asgi(file_response.app, recorder.timeline, "HEAD", "/exports/ana")
    assert result.status == 200
    for header in ("content-disposition", "content-length", "content-type"):
        assert result.headers[header] == got.headers[header], header
    assert created_files == []
    assert recorder.timeline.of("task-start") == ["remove_export"]  # the GET's only


@pytest.mark.parametrize("byte_range", ["bytes=100-200", "bytes=0-100", "bytes=0-3"],
                         ids=["past-the-end", "ending-past-the-end", "inside"])
def test_a_range_request_gets_the_whole_file_and_the_export_is_removed(recorder, created_files, byte_range):
    result = call_asgi(file_response.app, recorder.timeline, "GET", "/exports/ana", headers={"range": byte_range})
    assert (result.status, result.body) == (200, b"All the data of ana\n")
    recorder.timeline.assert_tasks_after_response(["remove_export"])
    assert not os.path.exists(created_files[0][0])
