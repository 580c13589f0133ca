"""The testing recipe's own tests pass on its app, and its order test fails on an app whose task runs before the
response is sent, so a reader who copies it gets a test that can fail."""

import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.responses import JSONResponse
from lilya.routing import Path

from docs_src.background_tasks import testing
from tests.proof import call_asgi, logged_by


def test_the_recipes_tests_pass():
    testing.test_the_confirmation_is_sent()
    testing.test_the_task_starts_after_the_response_is_sent()


def test_the_test_client_alone_passes_an_app_that_runs_its_task_before_answering_and_the_order_test_fails_it(
        monkeypatch):
    async def register_too_early(request):
        email = (await request.json())["email"]
        await Task(testing.send_confirmation, email)()  # awaited in the handler, before answering
        return JSONResponse({"registered": email}, 201)

    early = Lilya(routes=[Path("/register", register_too_early, methods=["POST"])])
    monkeypatch.setattr(testing, "app", early)
    testing.test_the_confirmation_is_sent()  # passes: it sees that the task ran, not when
    with pytest.raises(AssertionError):
        testing.test_the_task_starts_after_the_response_is_sent()
    assert testing.events[:2] == ["task: bo@example.com", "http.response.start"]


def test_the_recipes_app_answers_like_any_example(recorder):
    with logged_by(testing) as logged:
        result = call_asgi(testing.app, recorder.timeline, "POST", "/register", body=b'{"email": "cy@example.com"}',
                           headers={"content-type": "application/json"})
    assert result.status == 201
    recorder.timeline.assert_tasks_after_response(["send_confirmation"])
    assert logged.lines == ["e-mail sent to cy@example.com"]
