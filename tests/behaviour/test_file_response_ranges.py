"""A FileResponse that serves byte ranges (Lilya's default) answers 416 to a range whose last byte is past the end of
the file, wherever it starts, and runs none of its tasks."""

import pytest
from lilya.apps import Lilya
from lilya.background import Task, Tasks
from lilya.responses import FileResponse
from lilya.routing import Path

from tests.proof import call_asgi


@pytest.mark.parametrize("byte_range", ["bytes=100-200", "bytes=0-100"], ids=["past-the-end", "ending-past-the-end"])
def test_a_range_ending_past_the_end_gets_416_and_no_task_runs(recorder, tmp_path, byte_range):
    path = tmp_path / "export.txt"
    path.write_text("twenty bytes of text", encoding="utf-8")
    ran: list[str] = []

    async def export() -> FileResponse:
        tasks = Tasks(tasks=[Task(ran.append, "first"), Task(ran.append, "second")])
        return FileResponse(path, background=tasks)

    app = Lilya(routes=[Path("/", export)])

    refused = call_asgi(app, recorder.timeline, "GET", "/", headers={"range": byte_range})
    assert refused.status == 416
    assert ran == []
    served = call_asgi(app, recorder.timeline, "GET", "/", headers={"range": "bytes=0-5"})
    assert (served.status, served.body) == (206, b"twenty")
    assert ran == ["first", "second"]  # the same response with a range it can serve runs both
