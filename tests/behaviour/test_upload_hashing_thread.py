"""The upload example's task is a plain `def` function: Lilya runs it in a worker thread, so while it hashes an
upload, the event loop is free and the server answers other requests, the upload's own status among them."""

import hashlib
import threading
import types

import httpx2
import pytest

from docs_src.background_tasks import upload
from tests.proof import TIMEOUT, get_in_background, logged_by, serve

CONTENT = b"name,size\nreport.pdf,1024\n"


class HeldHashing:
    """Stands in for `hashlib` in the example: `sha256` blocks whatever thread calls it until the gate opens, as
    hashing a large upload would, and notes which thread that was."""

    def __init__(self) -> None:
        self.entered, self.gate = threading.Event(), threading.Event()
        self.thread = ""

    def sha256(self, content: bytes):
        self.thread = threading.current_thread().name
        self.entered.set()
        self.gate.wait(TIMEOUT)
        return hashlib.sha256(content)


@pytest.fixture
def held(monkeypatch):
    hashing = HeldHashing()
    monkeypatch.setattr(upload, "hashlib", types.SimpleNamespace(sha256=hashing.sha256))
    upload.uploads.clear()
    yield hashing
    hashing.gate.set()
    upload.uploads.clear()


def test_while_the_upload_is_hashed_in_a_worker_thread_the_server_answers_its_status_request(held):
    with logged_by(upload) as logged, serve(upload.app) as served:
        try:
            accepted = httpx2.post(served.url + "/uploads", content=CONTENT, timeout=TIMEOUT)
            assert accepted.status_code == 202
            assert held.entered.wait(TIMEOUT)  # the task is inside sha256, which does not return
            status = get_in_background(served.url + accepted.headers["location"])
            assert status.answered.wait(TIMEOUT), "the status request got no answer while the upload was hashed"
            assert status.responses[0].json()["status"] == "processing"
        finally:
            held.gate.set()
        location = accepted.headers["location"]
        assert logged.wait_until(lambda lines: len(lines) == 1), "the task did not end once the gate was open"
        done = httpx2.get(served.url + location, timeout=TIMEOUT).json()
    assert held.thread.startswith("AnyIO worker thread")
    assert done == {"id": location.rsplit("/", 1)[1], "status": "done", "size": len(CONTENT),
                    "sha256": hashlib.sha256(CONTENT).hexdigest()}
