"""When each response class of `lilya.responses` runs its `background=` tasks, message by message, and whether it runs
them for `HEAD` and `OPTIONS` (the table of the responses page).

Every test calls the response as an ASGI app with a hand-written receive/send (`tests.proof.call_asgi`): the
timeline holds each message the response sent and each task's start and end, in the order they happened.
"""

from __future__ import annotations

import inspect
import io
import os
import pathlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
import jinja2
import lilya.responses as responses
import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.routing import Path

from tests.proof import Event, TaskRecorder, Timeline, call_asgi

START = ("send", "http.response.start", False)
MORE = ("send", "http.response.body", True)
FINAL = ("send", "http.response.body", False)
TASK = [("task-start", "job", False), ("task-end", "job", False)]


async def job() -> None:
    """The background task of every response here."""


def steps(timeline: Timeline) -> list[tuple[str, str, bool]]:
    return [(event.kind, event.name, event.more_body) for event in timeline.events]


def keeping(app: Any, sent: list[dict[str, Any]]) -> Any:
    """The app, keeping a copy of every message it sends."""

    async def kept(scope, receive, send):
        async def keep(message):
            sent.append(message)
            await send(message)

        await app(scope, receive, keep)

    return kept


async def stopped_when_cancelled(timeline: Timeline) -> None:
    """A source with nothing more to give: it waits until cancelled, and records that on the timeline."""
    try:
        await anyio.sleep_forever()
    except anyio.get_cancelled_exc_class():
        timeline.add(Event("source", "stopped"))
        raise


# One body message for the whole body: each factory makes a response with a non-empty body.
SINGLE_MESSAGE: dict[str, Callable[[Task], responses.Response]] = {
    "Response": lambda bg: responses.Response(b"raw bytes", background=bg),
    "HTMLResponse": lambda bg: responses.HTMLResponse("<p>hi</p>", background=bg),
    "HTML": lambda bg: responses.HTML("<p>hi</p>", background=bg),
    "Error": lambda bg: responses.Error("<p>failed</p>", background=bg),
    "PlainText": lambda bg: responses.PlainText("hi", background=bg),
    "TextResponse": lambda bg: responses.TextResponse("hi", background=bg),
    "JSONResponse": lambda bg: responses.JSONResponse({"ok": True}, background=bg),
    "Ok": lambda bg: responses.Ok({"ok": True}, background=bg),
    "TemplateResponse": lambda bg: responses.TemplateResponse(
        jinja2.Template("<p>{{ name }}</p>"), context={"name": "ana"}, background=bg
    ),
    "XMLResponse": lambda bg: responses.XMLResponse({"ok": "yes"}, background=bg),
    "YAMLResponse": lambda bg: responses.YAMLResponse({"ok": True}, background=bg),
    "MessagePackResponse": lambda bg: responses.MessagePackResponse({"ok": True}, background=bg),
}


@pytest.mark.parametrize("name", sorted(SINGLE_MESSAGE))
def test_a_single_message_response_sends_its_whole_body_in_one_message_right_after_the_start_then_runs_its_tasks(
    recorder, name
):
    response = SINGLE_MESSAGE[name](Task(job))
    sent: list[dict[str, Any]] = []
    result = call_asgi(keeping(response, sent), recorder.timeline, "GET", "/")
    assert result.error is None
    assert steps(recorder.timeline) == [START, FINAL, *TASK]
    assert sent[1]["body"] == response.body != b""  # the whole body, in that one message


def test_a_redirect_sends_a_single_empty_body_message_then_runs_its_tasks(recorder):
    result = call_asgi(responses.RedirectResponse("/elsewhere", background=Task(job)), recorder.timeline, "GET", "/")
    assert (result.headers["location"], result.error) == ("/elsewhere", None)
    assert steps(recorder.timeline) == [START, FINAL, *TASK]
    assert result.body == b""


# Three items each, and the contents of the body messages they make, in order.
async def three_chunks() -> AsyncIterator[str]:
    for chunk in ("first ", "second ", "third"):
        yield chunk


async def three_rows() -> AsyncIterator[dict[str, int]]:
    for n in (1, 2, 3):
        yield {"n": n}


STREAMING: dict[str, tuple[Callable[[Task], responses.Response], list[bytes]]] = {
    "StreamingResponse": (
        lambda bg: responses.StreamingResponse(three_chunks(), background=bg),
        [b"first ", b"second ", b"third"],
    ),
    "CSVResponse": (
        lambda bg: responses.CSVResponse(content=three_rows(), background=bg),
        [b"n\n", b"1\n", b"2\n", b"3"],
    ),
    "NDJSONResponse": (
        lambda bg: responses.NDJSONResponse(three_rows(), background=bg),
        [b'{"n":1}\n', b'{"n":2}\n', b'{"n":3}'],
    ),
}


@pytest.mark.parametrize("name", sorted(STREAMING))
def test_a_streaming_response_sends_each_chunk_as_it_comes_and_runs_its_tasks_after_the_last_one(recorder, name):
    make, expected = STREAMING[name]
    sent: list[dict[str, Any]] = []
    result = call_asgi(keeping(make(Task(job)), sent), recorder.timeline, "GET", "/")
    assert result.error is None
    assert steps(recorder.timeline) == [START, *[MORE] * (len(expected) - 1), FINAL, *TASK]
    assert [message["body"] for message in sent[1:]] == expected


def endless_chunks(timeline: Timeline) -> Callable[[], AsyncIterator[Any]]:
    async def chunks() -> AsyncIterator[str]:
        yield "first "
        yield "second "
        await stopped_when_cancelled(timeline)
        yield "unreachable"  # pragma: no cover

    return chunks


def endless_rows(timeline: Timeline) -> Callable[[], AsyncIterator[Any]]:
    async def rows() -> AsyncIterator[dict[str, int]]:
        yield {"n": 1}
        yield {"n": 2}
        await stopped_when_cancelled(timeline)
        yield {"n": 3}  # pragma: no cover

    return rows


ENDLESS: dict[str, Callable[[Timeline, Task], responses.Response]] = {
    "StreamingResponse": lambda timeline, bg: responses.StreamingResponse(endless_chunks(timeline)(), background=bg),
    "CSVResponse": lambda timeline, bg: responses.CSVResponse(content=endless_rows(timeline)(), background=bg),
    "NDJSONResponse": lambda timeline, bg: responses.NDJSONResponse(endless_rows(timeline)(), background=bg),
}


@pytest.mark.parametrize("name", sorted(ENDLESS))
def test_a_streaming_response_runs_its_tasks_once_a_client_disconnect_has_stopped_the_stream(recorder, name):
    """The source would never end: only the client's disconnect stops the stream, and then the tasks run."""
    response = ENDLESS[name](recorder.timeline, Task(job))
    result = call_asgi(response, recorder.timeline, "GET", "/", disconnect_after_chunks=1)
    assert result.error is None
    happened = steps(recorder.timeline)
    assert FINAL not in happened  # the stream did not end on its own
    assert happened[-4:] == [("client", "http.disconnect", False), ("source", "stopped", False), *TASK]


def test_a_file_response_runs_its_tasks_after_the_files_last_chunk(recorder, tmp_path):
    path = tmp_path / "export.bin"
    path.write_bytes(b"x" * (responses.FileResponse.chunk_size * 2 + 1))  # three chunks, the last of one byte
    sent: list[dict[str, Any]] = []
    result = call_asgi(keeping(responses.FileResponse(path, background=Task(job)), sent), recorder.timeline, "GET", "/")
    assert result.error is None
    assert steps(recorder.timeline) == [START, MORE, MORE, FINAL, *TASK]
    assert [len(message["body"]) for message in sent[1:]] == [responses.FileResponse.chunk_size] * 2 + [1]


@pytest.fixture
def a_file(tmp_path) -> str:
    """A file of three chunks, as a FileResponse reads it."""
    path = tmp_path / "photo.bin"
    path.write_bytes(b"x" * (responses.FileResponse.chunk_size * 2 + 1))
    return os.fspath(path)


def simple_file_contents(a_file: str) -> dict[str, Callable[[], Any]]:
    return {
        "bytes": lambda: b"\x89PNG\r\n\x1a\n",
        "str-path": lambda: a_file,
        "pathlib-path": lambda: pathlib.Path(a_file),
        "named-file-object": lambda: open(a_file, "rb"),  # noqa: SIM115 - the response closes it
        "nameless-file-object": lambda: io.BytesIO(b"line 1\nline 2\nline 3"),
    }


@pytest.mark.parametrize("cls", [responses.SimpleFileResponse, responses.ImageResponse], ids=lambda c: c.__name__)
def test_a_simple_file_response_sends_bytes_as_a_single_body_message(recorder, cls):
    response = cls(b"\x89PNG\r\n\x1a\n", media_type="image/png", background=Task(job))
    result = call_asgi(response, recorder.timeline, "GET", "/")
    assert result.error is None
    assert steps(recorder.timeline) == [START, FINAL, *TASK]
    assert result.body == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("content", ["str-path", "pathlib-path", "named-file-object"])
def test_a_simple_file_response_sends_a_path_or_a_named_file_object_as_a_file_response(recorder, a_file, content):
    response = responses.SimpleFileResponse(simple_file_contents(a_file)[content](), background=Task(job))
    assert type(response) is responses.FileResponse
    result = call_asgi(response, recorder.timeline, "GET", "/")
    assert result.error is None
    assert steps(recorder.timeline) == [START, MORE, MORE, FINAL, *TASK]  # chunk by chunk, as a FileResponse
    assert len(result.body) == responses.FileResponse.chunk_size * 2 + 1


def test_a_simple_file_response_streams_any_other_file_object_as_a_streaming_response(recorder):
    response = responses.SimpleFileResponse(io.BytesIO(b"line 1\nline 2\nline 3"), background=Task(job))
    assert type(response) is responses.StreamingResponse
    result = call_asgi(response, recorder.timeline, "GET", "/")
    assert result.error is None
    assert steps(recorder.timeline) == [START, MORE, MORE, FINAL, *TASK]  # line by line, as the file iterates
    assert result.body == b"line 1\nline 2\nline 3"


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS"])
@pytest.mark.parametrize("content", ["bytes", "str-path", "pathlib-path", "named-file-object", "nameless-file-object"])
def test_a_simple_file_response_skips_its_tasks_for_head_and_options_whatever_its_content(
    recorder, a_file, content, method
):
    content = simple_file_contents(a_file)[content]()
    response = responses.SimpleFileResponse(content, media_type="image/png", background=Task(job))
    result = call_asgi(response, recorder.timeline, method, "/")
    assert result.error is None
    assert recorder.timeline.of("send")[0] == "http.response.start"
    assert recorder.timeline.of("task-start") == []


async def two_events() -> AsyncIterator[dict[str, Any]]:
    yield {"event": "tick", "data": 1}
    yield {"event": "tick", "data": 2}


def test_an_event_stream_runs_its_tasks_once_its_source_has_no_more_events(recorder):
    response = responses.EventStreamResponse(two_events(), background=Task(job))
    result = call_asgi(response, recorder.timeline, "GET", "/")
    assert result.error is None
    recorder.timeline.assert_tasks_after_response(["job"])
    happened = steps(recorder.timeline)
    assert happened[-3:] == [FINAL, *TASK]
    assert b"event: tick\ndata: 1\n\n" in result.body and b"event: tick\ndata: 2\n\n" in result.body


def test_an_event_stream_runs_its_tasks_once_the_client_disconnects(recorder):
    """The source would never end: the client's disconnect stops the stream, and then the tasks run."""

    async def endless_events() -> AsyncIterator[dict[str, Any]]:
        yield {"event": "tick", "data": 1}
        yield {"event": "tick", "data": 2}
        await stopped_when_cancelled(recorder.timeline)
        yield {"event": "tick", "data": 3}  # pragma: no cover

    response = responses.EventStreamResponse(endless_events(), background=Task(job))
    result = call_asgi(response, recorder.timeline, "GET", "/", disconnect_after_chunks=2)
    assert result.error is None
    happened = steps(recorder.timeline)
    assert happened[-4:] == [("client", "http.disconnect", False), ("source", "stopped", False), *TASK]


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS"])
def test_an_event_stream_streams_its_events_and_runs_its_tasks_for_head_and_options_as_for_get(method):
    """What a HEAD or OPTIONS request gets from an EventStreamResponse is what a GET gets, tasks included."""
    seen = {}
    for asked in ("GET", method):
        recorder = TaskRecorder()
        with recorder.patched():
            result = call_asgi(responses.EventStreamResponse(two_events(), background=Task(job)), recorder.timeline,
                               asked, "/")
        assert result.error is None
        seen[asked] = (result.status, result.body, steps(recorder.timeline))
    assert seen[method] == seen["GET"]
    status, body, happened = seen[method]
    assert status == 200 and b"data: 2" in body
    assert happened[-3:] == [FINAL, *TASK]


# Every class of lilya.responses that takes `background=`, each made with a task; `path` is a file to serve.
EVERY_CLASS: dict[str, Callable[[Task, str], responses.Response]] = {
    **{name: (lambda make: lambda bg, path: make(bg))(make) for name, make in SINGLE_MESSAGE.items()},
    "RedirectResponse": lambda bg, path: responses.RedirectResponse("/elsewhere", background=bg),
    **{name: (lambda make: lambda bg, path: make(bg))(make) for name, (make, _) in STREAMING.items()},
    "FileResponse": lambda bg, path: responses.FileResponse(path, background=bg),
    "SimpleFileResponse": lambda bg, path: responses.SimpleFileResponse(b"data", media_type="image/png", background=bg),
    "ImageResponse": lambda bg, path: responses.ImageResponse(b"data", media_type="image/png", background=bg),
    "EventStreamResponse": lambda bg, path: responses.EventStreamResponse(two_events(), background=bg),
}


def test_the_classes_here_are_every_class_of_lilya_responses_that_takes_background():
    def takes_background(cls: Any) -> bool:
        try:
            return "background" in inspect.signature(cls).parameters
        except (TypeError, ValueError):  # builtins have no signature
            return False

    taking = {cls for name, cls in vars(responses).items()
              if inspect.isclass(cls) and not name.startswith("_") and takes_background(cls)}
    assert {getattr(responses, name) for name in EVERY_CLASS} == taking


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS"])
@pytest.mark.parametrize("name", sorted(set(EVERY_CLASS) - {"EventStreamResponse"}))
def test_every_class_but_the_event_stream_skips_its_tasks_for_head_and_options(recorder, a_file, name, method):
    result = call_asgi(EVERY_CLASS[name](Task(job), a_file), recorder.timeline, method, "/")
    assert result.error is None
    assert recorder.timeline.of("send")[0] == "http.response.start"
    assert recorder.timeline.of("task-start") == []


@pytest.mark.parametrize(("alias", "name"), [("HTML", "HTMLResponse"), ("TextResponse", "PlainText"),
                                             ("ImageResponse", "SimpleFileResponse")])
def test_an_alias_is_the_class_it_names(alias, name):
    assert getattr(responses, alias) is getattr(responses, name)


# A handler that returns an EventStreamResponse, on a route that takes GET and OPTIONS (Lilya adds HEAD).
def feed_app(attach: Callable[[Request], bool]) -> Lilya:
    async def feed(request: Request) -> responses.EventStreamResponse:
        return responses.EventStreamResponse(two_events(), background=Task(job) if attach(request) else None)

    return Lilya(routes=[Path("/feed", feed, methods=["GET", "OPTIONS"])])


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_an_event_stream_handler_runs_its_task_for_head_and_options_too(recorder, method):
    result = call_asgi(feed_app(lambda request: True), recorder.timeline, method, "/feed")
    assert (result.status, result.error) == (200, None)
    assert b"data: 2" in result.body
    assert recorder.timeline.of("task-end") == ["job"]


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_an_event_stream_handler_that_leaves_the_task_off_for_head_and_options_runs_it_for_get_alone(
    recorder, method
):
    result = call_asgi(feed_app(lambda request: request.method not in ("HEAD", "OPTIONS")), recorder.timeline,
                       method, "/feed")
    assert (result.status, result.error) == (200, None)
    assert b"data: 2" in result.body
    assert recorder.timeline.of("task-start") == (["job"] if method == "GET" else [])
