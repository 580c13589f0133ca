"""A `FileResponse` sends no chunk of the file when the server offers the `http.response.pathsend` extension (in the
scope's `extensions`): after the start it sends one `http.response.pathsend` message naming the path, and the server
sends the file. Its tasks run after that message. uvicorn does not offer the extension, so under uvicorn the file
goes chunk by chunk."""

from __future__ import annotations

import os
from typing import Any

import anyio
import httpx2
import lilya.responses as responses
from lilya.background import Task
from lilya.responses import FileResponse

from tests.open_files import is_open
from tests.proof import TIMEOUT, serve


def called(response: responses.Response, extensions: dict[str, Any]) -> list[tuple[str, Any]]:
    """Calls the response with a hand-written receive/send; every message sent and the task's run, in order."""
    happened: list[tuple[str, Any]] = []

    async def job() -> None:
        happened.append(("task", "job"))

    response.background = Task(job)
    scope = {"type": "http", "method": "GET", "path": "/", "raw_path": b"/", "query_string": b"", "headers": [],
             "http_version": "1.1", "scheme": "http", "server": ("127.0.0.1", 80), "extensions": extensions}

    async def receive() -> dict[str, Any]:
        await anyio.sleep_forever()
        raise AssertionError("unreachable")  # pragma: no cover

    async def send(message: dict[str, Any]) -> None:
        happened.append((message["type"], message.get("more_body")))

    async def main() -> None:
        with anyio.fail_after(TIMEOUT):
            await response(scope, receive, send)

    anyio.run(main)
    return happened


def test_with_pathsend_offered_a_file_response_sends_no_chunk_and_runs_its_tasks_after_the_pathsend_message(tmp_path):
    path = tmp_path / "export.bin"
    path.write_bytes(b"x" * (responses.FileResponse.chunk_size * 2 + 1))  # three chunks without the extension
    happened = called(responses.FileResponse(os.fspath(path)), {"http.response.pathsend": {}})
    assert happened == [("http.response.start", None), ("http.response.pathsend", None), ("task", "job")]


def test_without_the_extension_the_same_file_goes_in_three_chunks_then_the_tasks_run(tmp_path):
    path = tmp_path / "export.bin"
    path.write_bytes(b"x" * (responses.FileResponse.chunk_size * 2 + 1))
    happened = called(responses.FileResponse(os.fspath(path)), {})
    assert happened == [("http.response.start", None), ("http.response.body", True), ("http.response.body", True),
                        ("http.response.body", False), ("task", "job")]


def test_served_by_uvicorn_a_file_response_is_offered_no_pathsend_and_sends_its_file_in_chunks(tmp_path):
    path = tmp_path / "export.bin"
    path.write_bytes(b"x" * (responses.FileResponse.chunk_size * 2 + 1))
    offered: list[dict[str, Any]] = []
    sent: list[str] = []

    async def app(scope, receive, send):
        offered.append(dict(scope.get("extensions") or {}))

        async def keep(message):
            sent.append(message["type"])
            await send(message)

        await responses.FileResponse(os.fspath(path))(scope, receive, keep)

    with serve(app) as served:
        response = httpx2.get(served.url + "/export.bin", timeout=TIMEOUT)
    assert len(response.content) == responses.FileResponse.chunk_size * 2 + 1
    assert "http.response.pathsend" not in offered[0]
    assert sent == ["http.response.start", *["http.response.body"] * 3]


def messages_and_paths(response: FileResponse, extensions: dict) -> list[tuple]:
    """Each message sent: its type, the path it names, the length of its body."""
    seen: list[tuple] = []
    scope = {"type": "http", "method": "GET", "path": "/", "headers": [], "extensions": extensions}

    async def receive():
        await anyio.sleep_forever()

    async def send(message):
        seen.append((message["type"], message.get("path"), len(message.get("body", b""))))

    anyio.run(response, scope, receive, send)
    return seen


def test_with_pathsend_a_file_response_sends_the_path_in_one_message_reads_nothing_and_then_runs_its_tasks(tmp_path):
    path = tmp_path / "export.txt"
    size = FileResponse.chunk_size * 2 + 1  # three chunks when Lilya reads it
    path.write_bytes(b"x" * size)
    ran: list[bool] = []

    def remove_export() -> None:
        ran.append(is_open(path))
        os.remove(path)

    response = FileResponse(path, background=Task(remove_export), allow_range_requests=False)
    seen = messages_and_paths(response, {"http.response.pathsend": {}})
    assert seen == [("http.response.start", None, 0), ("http.response.pathsend", os.fspath(path), 0)]
    assert ran == [False] and not path.exists()  # removed once send() returned, whatever the server does next

    path.write_bytes(b"x" * size)  # the same, with no extension: the file read and sent chunk by chunk
    plain = messages_and_paths(FileResponse(path, allow_range_requests=False), {})
    assert [kind for kind, _, _ in plain] == ["http.response.start"] + ["http.response.body"] * 3
    assert sum(length for _, _, length in plain) == size
