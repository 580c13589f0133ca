import hashlib
import signal
import subprocess
import sys
import threading

import httpx2
import pytest

from docs_src.background_tasks import upload
from tests.mkdocs_site import ROOT
from tests.proof import TIMEOUT, Timeline, call_asgi, listening_socket, serve

CONTENT = b"name,size\nreport.pdf,1024\n"


@pytest.fixture(autouse=True)
def no_uploads():
    upload.uploads.clear()


def test_accepted_first_then_processed(recorder):
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
    waiting = threading.Event()
    with serve(upload.app, shutdown_waiting=waiting) as served:
        with httpx2.Client(base_url=served.url, timeout=TIMEOUT) as client:
            assert client.post("/uploads", content=CONTENT).status_code == 202
        recorder.timeline.wait_for("task-start", ["process_upload"])
        served.server.should_exit = True
        assert waiting.wait(TIMEOUT), f"uvicorn did not wait during shutdown: {served.log}"
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
    recorder.hold_tasks()  # never opened: the task is still running when the timeout ends
    with serve(upload.app, timeout_graceful_shutdown=0.5) as served:
        with httpx2.Client(base_url=served.url, timeout=TIMEOUT) as client:
            assert client.post("/uploads", content=CONTENT).status_code == 202
        recorder.timeline.wait_for("task-start", ["process_upload"])
    assert recorder.timeline.of("task-cancelled") == ["process_upload"]
    assert [item["status"] for item in upload.uploads.values()] == ["processing"]


def test_a_crash_loses_the_running_task_for_good(tmp_path):
    """Tasks live in the server's memory: after a SIGKILL nothing finishes or retries them."""
    with listening_socket() as sock:
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        crashing = subprocess.Popen(
            [sys.executable, "-m", "tests.held_tasks_server", "docs_src.background_tasks.upload:app", str(sock.fileno())],
            pass_fds=[sock.fileno()],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        try:
            accepted = httpx2.post(url + "/uploads", content=CONTENT, timeout=TIMEOUT)
            assert accepted.status_code == 202
            assert crashing.stdout.readline().strip() == "task-start process_upload"
        finally:
            crashing.kill()
            crashing.stdout.close()
            assert crashing.wait(TIMEOUT) == -signal.SIGKILL
        restarted = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "docs_src.background_tasks.upload:app", "--fd", str(sock.fileno())],
            pass_fds=[sock.fileno()],
            cwd=ROOT,
        )
        try:
            after = httpx2.get(url + accepted.headers["location"], timeout=TIMEOUT)
        finally:
            restarted.terminate()
            restarted.wait(TIMEOUT)
    assert after.status_code == 404
