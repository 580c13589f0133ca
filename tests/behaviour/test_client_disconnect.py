"""A response created after its client has gone still runs its tasks (uvicorn drops what it cannot send)."""

import socket

from lilya.background import Task
from lilya.responses import PlainText

from tests.proof import TIMEOUT, serve

done: list[str] = []


async def write_audit_entry() -> None:
    done.append("audit entry written")


async def answer_after_the_client_left(scope, receive, send):
    """Reads the request, waits for the client to disconnect, and only then responds."""
    assert (await receive())["type"] == "http.request"
    assert (await receive())["type"] == "http.disconnect"
    await PlainText("nobody is listening", background=Task(write_audit_entry))(scope, receive, send)


def test_tasks_run_although_the_client_has_gone(recorder):
    done.clear()
    with serve(answer_after_the_client_left) as served:
        host, port = served.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=TIMEOUT) as client:
            client.sendall(b"GET / HTTP/1.1\r\nhost: test\r\n\r\n")
        recorder.timeline.wait_for("task-end", ["write_audit_entry"])
    assert done == ["audit entry written"]
