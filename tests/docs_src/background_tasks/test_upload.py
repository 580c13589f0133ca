import hashlib
import importlib.util

import httpx2
import pytest

from docs_src.background_tasks import upload
from tests.proof import TIMEOUT, Timeline, call_asgi, logged_by, serve

CONTENT = b"name,size\nreport.pdf,1024\n"


@pytest.fixture(autouse=True)
def no_uploads():
    upload.uploads.clear()


def test_accepted_first_then_processed(recorder):
    with logged_by(upload) as logged:
        result = call_asgi(upload.app, recorder.timeline, "POST", "/uploads", CONTENT)
    assert result.status == 202
    recorder.timeline.assert_tasks_after_response(["process_upload"])
    (upload_id,) = upload.uploads
    assert result.headers["location"] == f"/uploads/{upload_id}"
    assert upload.uploads[upload_id] == {
        "status": "done",
        "size": len(CONTENT),
        "sha256": hashlib.sha256(CONTENT).hexdigest(),
    }
    assert logged.lines == [f"upload {upload_id} processed"]


def test_served_client_sees_processing_until_the_task_has_run(recorder):
    gate = recorder.hold_tasks()
    with serve(upload.app) as served, httpx2.Client(base_url=served.url, timeout=TIMEOUT) as client:
        accepted = client.post("/uploads", content=CONTENT)
        assert accepted.status_code == 202
        assert client.get(accepted.headers["location"]).json()["status"] == "processing"
        gate.set()
        recorder.timeline.wait_for("task-end", ["process_upload"])
        done = client.get(accepted.headers["location"]).json()
    assert done["status"] == "done"
    assert done["sha256"] == hashlib.sha256(CONTENT).hexdigest()


def test_unknown_upload_is_404():
    result = call_asgi(upload.app, Timeline(), "GET", "/uploads/nope")
    assert result.status == 404


def test_graceful_shutdown_waits_for_the_running_task(recorder):
    gate = recorder.hold_tasks()
    with serve(upload.app) as served:
        with httpx2.Client(base_url=served.url, timeout=TIMEOUT) as client:
            assert client.post("/uploads", content=CONTENT).status_code == 202
        recorder.timeline.wait_for("task-start", ["process_upload"])
        served.server.should_exit = True
        assert served.log.wait_until(lambda lines: any(line.startswith("Waiting for") for line in lines)), served.log
        with pytest.raises(httpx2.ConnectError):
            httpx2.get(served.url + "/uploads/any", timeout=TIMEOUT)
        assert served.thread.is_alive()
        assert recorder.timeline.of("task-end") == []
        gate.set()
        served.thread.join(TIMEOUT)
        assert not served.thread.is_alive()
    assert recorder.timeline.of("task-end") == ["process_upload"]
    assert [item["status"] for item in upload.uploads.values()] == ["done"]


def test_a_graceful_shutdown_timeout_cancels_the_running_task(recorder):
    gate = recorder.hold_tasks()  # not opened before the shutdown: the task is still running when the timeout ends
    with serve(upload.app, timeout_graceful_shutdown=0.5) as served:
        with httpx2.Client(base_url=served.url, timeout=TIMEOUT) as client:
            assert client.post("/uploads", content=CONTENT).status_code == 202
        recorder.timeline.wait_for("task-start", ["process_upload"])
    gate.set()  # lets the abandoned worker thread end
    assert recorder.timeline.of("task-cancelled") == ["process_upload"]
    assert [item["status"] for item in upload.uploads.values()] == ["processing"]


def test_a_restarted_server_knows_nothing_of_an_accepted_upload(recorder):
    """The upload record lives in the server process's memory: a new process (the example imported afresh, as a
    restart after a crash would) answers 404 for an upload the old one accepted and never finished."""
    gate = recorder.hold_tasks()  # the task does not finish, as if the process died while it ran
    with serve(upload.app) as served:
        accepted = httpx2.post(served.url + "/uploads", content=CONTENT, timeout=TIMEOUT)
        recorder.timeline.wait_for("task-start", ["process_upload"])
        location = accepted.headers["location"]
        assert httpx2.get(served.url + location, timeout=TIMEOUT).json()["status"] == "processing"
        served.server.force_exit = True  # no graceful wait for the held task
    gate.set()  # lets the abandoned worker thread end
    spec = importlib.util.spec_from_file_location("restarted_upload", upload.__file__)
    restarted = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(restarted)
    assert call_asgi(restarted.app, Timeline(), "GET", location).status == 404
