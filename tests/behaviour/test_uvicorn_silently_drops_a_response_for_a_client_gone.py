"""uvicorn silently drops the messages of a response whose client has gone: the response's `send` calls raise
nothing, the app's call returns, uvicorn logs nothing about it, and the response runs its tasks as usual."""

import socket

from tests.behaviour.test_client_disconnect import answer_after_the_client_left, done
from tests.proof import TIMEOUT, observed_app, serve


def test_the_response_to_a_client_gone_is_dropped_without_error_or_log_and_its_task_runs(recorder):
    done.clear()
    sent: list[dict] = []
    with serve(observed_app(answer_after_the_client_left, recorder.timeline, sent)) as served:
        host, port = served.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=TIMEOUT) as client:
            client.sendall(b"GET / HTTP/1.1\r\nhost: test\r\n\r\n")
        recorder.timeline.wait_for("app", ["returned"])
        said = [line for line in served.log.lines if not line.startswith("Started server process")]
    assert [message["type"] for message in sent] == ["http.response.start", "http.response.body"]
    assert recorder.timeline.of("task-end") == ["write_audit_entry"]
    assert done == ["audit entry written"]
    assert said == []
