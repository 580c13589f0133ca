import hashlib
import importlib.util
import sys
import threading

import httpx2
import pytest

from docs_src.background_tasks import upload
from tests.large_bodies import CHUNK, MEMORY_MARGIN, peak_memory, send_body
from tests.processes import uvicorn
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


def test_a_graceful_shutdown_timeout_stops_waiting_for_the_running_task(recorder):
    """The server stops waiting for the `def` task (the recorder sees the wait cancelled); what then becomes of the
    task's body on a real uvicorn process is proven in tests/behaviour/test_graceful_shutdown_timeout.py."""
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


def test_an_upload_of_exactly_the_limit_is_accepted():
    content = b"x" * upload.MAX_UPLOAD_BYTES
    with serve(upload.app) as served, httpx2.Client(base_url=served.url, timeout=TIMEOUT) as client:
        accepted = client.post("/uploads", content=content)
    assert accepted.status_code == 202
    assert upload.uploads[accepted.json()["id"]]["size"] == upload.MAX_UPLOAD_BYTES


@pytest.mark.parametrize("chunked", [False, True], ids=["declared", "chunked"])
def test_one_byte_over_the_limit_is_refused_with_413_and_nothing_is_recorded(chunked):
    content = b"x" * (upload.MAX_UPLOAD_BYTES + 1)
    body = iter([content[:CHUNK], content[CHUNK:]]) if chunked else content
    with serve(upload.app) as served, httpx2.Client(base_url=served.url, timeout=TIMEOUT) as client:
        refused = client.post("/uploads", content=body)
    assert refused.status_code == 413
    assert refused.json() == {"detail": f"an upload holds at most {upload.MAX_UPLOAD_BYTES} bytes"}
    assert upload.uploads == {}


def test_a_declared_length_over_the_limit_is_refused_before_any_of_the_body_comes():
    with serve(upload.app) as served:
        assert send_body(served.url, "/uploads", size=0, declared=1 << 40) == 413
    assert upload.uploads == {}


@pytest.mark.parametrize(("size", "chunked", "status"), [(upload.MAX_UPLOAD_BYTES, False, 202),
                                                         (300 * 1024 * 1024, True, 413)],
                         ids=["accepted-at-the-limit", "300-mib-chunked"])
def test_on_uvicorn_a_body_raises_the_servers_memory_by_at_most_the_limit_and_4_mib(size, chunked, status):
    with uvicorn("docs_src.background_tasks.upload:app") as (url, server):
        before = peak_memory(server.process.pid)
        assert send_body(url, "/uploads", size=size, chunked=chunked) == status
        grown = peak_memory(server.process.pid) - before
    assert grown <= upload.MAX_UPLOAD_BYTES + MEMORY_MARGIN, grown


def test_the_newest_1000_upload_records_are_kept_and_the_oldest_forgotten_first():
    for number in range(upload.MAX_RECORDS + 1):
        upload.remember(f"u{number}", {"status": "processing"})
    assert len(upload.uploads) == upload.MAX_RECORDS == 1000
    assert "u0" not in upload.uploads and "u1" in upload.uploads and f"u{upload.MAX_RECORDS}" in upload.uploads


def test_an_upload_past_the_cap_makes_the_oldest_one_unknown(monkeypatch):
    monkeypatch.setattr(upload, "MAX_RECORDS", 2)
    first, *_ = [call_asgi(upload.app, Timeline(), "POST", "/uploads", CONTENT).headers["location"]
                 for _ in range(3)]
    assert call_asgi(upload.app, Timeline(), "GET", first).status == 404
    assert len(upload.uploads) == 2


def test_an_upload_forgotten_before_its_task_ran_stays_forgotten(monkeypatch):
    monkeypatch.setattr(upload, "MAX_RECORDS", 1)
    upload.remember("first", {"status": "processing"})
    upload.remember("second", {"status": "processing"})
    upload.process_upload("first", bytearray(CONTENT))
    assert upload.uploads == {"second": {"status": "processing"}}
    assert call_asgi(upload.app, Timeline(), "GET", "/uploads/first").status == 404


def test_records_stay_whole_when_handlers_and_tasks_write_them_at_once(monkeypatch):
    """Tasks write the records from worker threads while handlers write them on the event loop. Threads take turns
    every microsecond here, so that they meet inside `remember` and `process_upload` many times."""
    monkeypatch.setattr(upload, "MAX_RECORDS", 50)
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def write(thread: int) -> None:
        start.wait(TIMEOUT)
        try:
            for number in range(3000):
                upload.remember(f"{thread}-{number}", {"status": "processing"})
                upload.process_upload(f"{thread}-{number - 25}", bytearray(b"x"))
        except BaseException as error:  # noqa: BLE001 - any error in a thread fails the test
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=write, args=(thread,)) for thread in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT * 6)
    finally:
        sys.setswitchinterval(interval)
    assert errors == [] and len(upload.uploads) == 50


@pytest.mark.parametrize("write", [lambda: upload.remember("a", {"status": "processing"}),
                                   lambda: upload.process_upload("a", bytearray(b"x"))], ids=["remember", "task"])
def test_records_are_written_only_while_holding_their_lock(write):
    upload.remember("a", {"status": "old"})
    with upload.records:
        writer = threading.Thread(target=write)
        writer.start()
        writer.join(0.5)  # unlocked, the write takes microseconds
        assert writer.is_alive() and upload.uploads == {"a": {"status": "old"}}
    writer.join(TIMEOUT)
    assert not writer.is_alive() and upload.uploads["a"]["status"] != "old"
