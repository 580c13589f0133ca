"""`lilya.responses.DispositionResponse` takes `background=` too, though its signature does not name it: it takes
`**kwargs` and hands them to `Response`. A search of the signatures for a `background` parameter misses it. It sends
its body as `Response` does, in a single body message, and runs its tasks after it, except for `HEAD` and `OPTIONS`."""

from __future__ import annotations

import inspect
from typing import Any

import lilya.responses as responses
import pytest
from lilya.background import Task

from tests.proof import call_asgi

START = ("send", "http.response.start", False)
FINAL = ("send", "http.response.body", False)
TASK = [("task-start", "job", False), ("task-end", "job", False)]


async def job() -> None:
    """The background task of the response."""


def steps(timeline: Any) -> list[tuple[str, str, bool]]:
    return [(event.kind, event.name, event.more_body) for event in timeline.events]


def a_disposition_response(background: Task) -> responses.DispositionResponse:
    return responses.DispositionResponse(content=b"a,b\n1,2", filename="report.csv", media_type="text/csv",
                                         background=background)


def test_disposition_response_is_a_public_class_whose_signature_names_no_background_parameter():
    assert inspect.isclass(responses.DispositionResponse) and issubclass(responses.DispositionResponse,
                                                                        responses.Response)
    parameters = inspect.signature(responses.DispositionResponse).parameters
    assert "background" not in parameters
    assert parameters["kwargs"].kind is inspect.Parameter.VAR_KEYWORD


def test_disposition_response_takes_background_and_runs_it_after_its_single_body_message(recorder):
    response = a_disposition_response(Task(job))
    assert response.background is not None
    result = call_asgi(response, recorder.timeline, "GET", "/")
    assert result.error is None
    assert steps(recorder.timeline) == [START, FINAL, *TASK]
    assert result.body == b"a,b\n1,2"
    assert result.headers["content-disposition"] == 'attachment; filename="report.csv"'


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS"])
def test_disposition_response_skips_its_tasks_for_head_and_options(recorder, method):
    result = call_asgi(a_disposition_response(Task(job)), recorder.timeline, method, "/")
    assert result.error is None
    assert recorder.timeline.of("send")[0] == "http.response.start"
    assert recorder.timeline.of("task-start") == []


def test_a_simple_file_response_of_bytes_is_a_disposition_response_and_keeps_its_task(recorder):
    response = responses.SimpleFileResponse(b"\x89PNG\r\n\x1a\n", media_type="image/png", background=Task(job))
    assert type(response) is responses.DispositionResponse
    result = call_asgi(response, recorder.timeline, "GET", "/")
    assert result.error is None
    assert steps(recorder.timeline) == [START, FINAL, *TASK]
