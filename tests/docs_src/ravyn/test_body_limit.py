import json

import anyio
import pytest

from docs_src.ravyn import via_response
from docs_src.ravyn.body_limit import MAX_BODY_BYTES, LimitBody
from tests.large_bodies import send_body
from tests.proof import TIMEOUT, call_asgi, serve

HEADERS = {"content-type": "application/json"}


def scope(headers: dict[str, str] | None = None) -> dict:
    raw = [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    return {"type": "http", "method": "POST", "path": "/", "headers": raw, "query_string": b""}


def run(limit_body: LimitBody, chunks: list[bytes], headers: dict[str, str] | None = None) -> tuple[list, list]:
    """Calls the middleware with the body in `chunks`; (the messages it sent, the chunks it read)."""
    sent, read = [], []
    messages = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)]
    messages.append({"type": "http.disconnect"})

    async def receive():
        message = messages.pop(0)
        read.append(message.get("body"))
        return message

    async def send(message):
        sent.append(message)

    async def main():
        with anyio.fail_after(TIMEOUT):
            await limit_body(scope(headers), receive, send)

    anyio.run(main)
    return sent, read


class Seen:
    """An app that records the messages it receives: the body, then whatever comes next."""

    def __init__(self) -> None:
        self.messages: list[dict] = []

    async def __call__(self, scope, receive, send) -> None:
        self.messages.append(await receive())
        self.messages.append(await receive())


def test_a_body_of_exactly_the_limit_reaches_the_app_in_one_message_and_then_the_servers_messages():
    app = Seen()
    sent, read = run(LimitBody(app, limit=10), [b"12345", b"67890"])
    assert sent == []
    assert app.messages == [
        {"type": "http.request", "body": b"1234567890", "more_body": False},
        {"type": "http.disconnect"},
    ]


def test_a_body_past_the_limit_is_refused_with_413_once_the_limit_is_passed_and_the_app_is_not_called():
    app = Seen()
    sent, read = run(LimitBody(app, limit=10), [b"123456", b"789012", b"never read"])
    assert [m.get("status") for m in sent] == [413, None]
    assert json.loads(sent[1]["body"]) == {"detail": "a request body holds at most 10 bytes"}
    assert read == [b"123456", b"789012"]
    assert app.messages == []


def test_a_declared_length_past_the_limit_is_refused_before_any_of_the_body_is_read():
    app = Seen()
    sent, read = run(LimitBody(app, limit=10), [b"x" * 11], {"content-length": "11"})
    assert sent[0]["status"] == 413
    assert read == []
    assert app.messages == []


def test_other_connections_pass_through_untouched():
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["type"])

    anyio.run(LimitBody(app), {"type": "lifespan"}, None, None)
    assert seen == ["lifespan"]



@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_served_an_example_refuses_a_large_body_with_413_and_runs_no_task(recorder, chunked):
    with serve(via_response.app) as served:
        assert send_body(served.url, "/register", 4 * MAX_BODY_BYTES, chunked=chunked) == 413
    assert recorder.timeline.of("task-start") == []


def test_an_example_accepts_a_body_of_exactly_the_limit(recorder):
    padding = MAX_BODY_BYTES - len(json.dumps({"email": "ana@example.com", "pad": ""}))
    body = json.dumps({"email": "ana@example.com", "pad": " " * padding}).encode()
    assert len(body) == MAX_BODY_BYTES
    result = call_asgi(via_response.app, recorder.timeline, "POST", "/register", body, HEADERS)
    assert result.status == 201
    recorder.timeline.assert_tasks_after_response(["send_confirmation"])
    via_response.outbox.clear()
