"""On uvicorn, a client that leaves while the handler awaits `request.body()` makes that await raise
ClientDisconnect: the handler returns no response, Lilya answers with a 500 error that carries no task, and the task
the handler had made never runs. The same handler, sent a whole body, runs it."""

import socket

import httpx2
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import TIMEOUT, observed_app, serve

written: list[bytes] = []


def write_audit_entry(body: bytes) -> None:
    written.append(body)


async def receive_upload(request: Request) -> PlainText:
    task = Task(write_audit_entry, b"")  # made before the body is read: never attached if reading fails
    body = await request.body()
    task.args = (body,)
    return PlainText("received", background=task)


def test_a_client_gone_during_await_request_body_gets_a_500_without_task_and_the_task_never_runs(recorder):
    written.clear()
    sent: list[dict] = []
    app = observed_app(Lilya(routes=[Path("/upload", receive_upload, methods=["POST"])]), recorder.timeline, sent)
    with serve(app) as served:
        host, port = served.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=TIMEOUT) as client:
            client.sendall(b"POST /upload HTTP/1.1\r\nhost: test\r\ncontent-length: 100\r\n\r\n" + b"x" * 10)
        recorder.timeline.wait_for("app", ["ClientDisconnect"])
        assert [(message["type"], message.get("status")) for message in sent] == [
            ("http.response.start", 500),
            ("http.response.body", None),
        ]
        assert recorder.timeline.of("task-start") == []
        response = httpx2.post(served.url + "/upload", content=b"x" * 100, timeout=TIMEOUT)
        assert (response.status_code, response.text) == (200, "received")
        recorder.timeline.wait_for("task-end", ["write_audit_entry"])
    assert recorder.timeline.of("task-start") == ["write_audit_entry"]  # the complete request's only
    assert written == [b"x" * 100]
