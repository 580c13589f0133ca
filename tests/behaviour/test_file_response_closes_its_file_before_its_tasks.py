"""A FileResponse reads and sends its file chunk by chunk, with the file open, closes it after the last chunk, and only
then runs its tasks. Whether the file is open is read from the process's open descriptors (/proc/self/fd, Linux)."""

import os

from lilya.background import Task
from lilya.responses import FileResponse

from tests.open_files import is_open
from tests.proof import call_asgi


def test_a_file_response_sends_its_file_chunk_by_chunk_closes_it_then_runs_its_tasks(recorder, tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes(b"x" * (FileResponse.chunk_size * 2 + 1))  # three chunks
    seen: list[tuple[str, bool, bool]] = []

    def remove_export() -> None:
        seen.append(("task", False, is_open(path)))
        os.remove(path)

    response = FileResponse(path, background=Task(remove_export))

    async def watched(scope, receive, send):
        async def watch(message):
            seen.append((message["type"], message.get("more_body", False), is_open(path)))
            await send(message)

        await response(scope, receive, watch)

    result = call_asgi(watched, recorder.timeline, "GET", "/")
    assert (result.status, result.error, len(result.body)) == (200, None, FileResponse.chunk_size * 2 + 1)
    assert seen[0][0] == "http.response.start"
    assert seen[1:] == [
        ("http.response.body", True, True),
        ("http.response.body", True, True),
        ("http.response.body", False, True),  # the last chunk, sent from the open file
        ("task", False, False),  # closed before the task starts
    ]
    assert not path.exists()
