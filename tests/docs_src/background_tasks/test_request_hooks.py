import re
import threading

import httpx2
import pytest
from lilya.apps import Lilya
from lilya.exceptions import HTTPException
from lilya.requests import Request
from lilya.routing import Include, Path

from docs_src.background_tasks import request_hooks
from tests.proof import TIMEOUT, call_asgi, logged_by, serve

PATH = "/articles/tasks"


@pytest.fixture(autouse=True)
def empty_state():
    request_hooks.views.clear()
    request_hooks.timings.clear()


def test_after_request_runs_after_the_response_and_after_its_tasks(recorder):
    with logged_by(request_hooks) as logged:
        result = call_asgi(request_hooks.app, recorder.timeline, "GET", PATH)
    assert (result.status, result.body, result.error) == (200, b"Article tasks", None)
    recorder.timeline.assert_tasks_after_response(["count_view"])
    counted, timed = logged.lines
    assert counted == "view of tasks counted"  # logged by the task, before the hook's line
    took = re.fullmatch(r"GET /articles/tasks: (\d+) ms, tasks included", timed)
    assert took and int(took[1]) >= 200, timed  # the task's 0.2 s wait is in the time measured


def test_head_runs_both_hooks_but_not_the_task(recorder):
    with logged_by(request_hooks) as logged:
        result = call_asgi(request_hooks.app, recorder.timeline, "HEAD", PATH)
    assert result.status == 200
    assert recorder.timeline.of("task-start") == []
    assert request_hooks.timings == ["HEAD /articles/tasks"]
    assert request_hooks.views == {}
    assert len(logged.lines) == 1 and logged.lines[0].startswith("HEAD /articles/tasks: ")


def test_a_method_the_route_refuses_runs_neither_hook(recorder):
    result = call_asgi(request_hooks.app, recorder.timeline, "POST", PATH)
    assert result.status == 405
    assert request_hooks.timings == []


def test_served_client_has_the_response_before_the_task_and_the_after_request_hook_run(recorder):
    gate = recorder.hold_tasks()
    with logged_by(request_hooks) as logged, serve(request_hooks.app) as served:
        try:
            response = httpx2.get(served.url + PATH, timeout=TIMEOUT / 2)
            assert response.text == "Article tasks"
            assert request_hooks.timings == [], "after_request ran before the client had the response"
        finally:
            gate.set()
        logged.wait_for("view of tasks counted")
    assert request_hooks.timings == ["GET /articles/tasks"]  # uvicorn let the request finish before stopping


def test_when_the_handler_raises_after_request_does_not_run(recorder):
    async def missing(request: Request) -> None:
        raise HTTPException(status_code=404)

    hooked = Path("/missing", missing, before_request=[request_hooks.start_clock],
                  after_request=[request_hooks.log_timing])
    result = call_asgi(Lilya(routes=[hooked]), recorder.timeline, "GET", "/missing")
    assert result.status == 404
    assert request_hooks.timings == []


def test_app_level_hooks_run_for_every_route_but_not_for_an_unknown_path(recorder):
    app = Lilya(
        routes=[Path("/articles/{slug}", request_hooks.read_article)],
        before_request=[request_hooks.start_clock],
        after_request=[request_hooks.log_timing],
    )
    assert call_asgi(app, recorder.timeline, "GET", PATH).status == 200
    assert call_asgi(app, recorder.timeline, "GET", "/no-such-page").status == 404
    assert request_hooks.timings == ["GET /articles/tasks"]
    assert request_hooks.views == {"tasks": 1}


def test_a_def_hook_runs_in_a_worker_thread_and_an_async_def_hook_on_the_event_loop(recorder):
    threads: list[tuple[str, str]] = []

    def plain(scope, receive, send) -> None:
        threads.append(("def", threading.current_thread().name))

    async def awaited(scope, receive, send) -> None:
        threads.append(("async def", threading.current_thread().name))

    hooked = Path("/articles/{slug}", request_hooks.read_article, before_request=[plain, awaited])
    assert call_asgi(Lilya(routes=[hooked]), recorder.timeline, "GET", PATH).status == 200
    (_, in_thread), (_, on_loop) = threads
    assert in_thread.startswith("AnyIO worker thread")
    assert on_loop == threading.current_thread().name  # anyio.run's loop runs in the test's thread


def test_an_includes_hooks_run_around_its_routes_after_the_task(recorder):
    include = Include(
        "/blog",
        routes=[Path("/articles/{slug}", request_hooks.read_article)],
        before_request=[request_hooks.start_clock],
        after_request=[request_hooks.log_timing],
    )
    with logged_by(request_hooks) as logged:
        assert call_asgi(Lilya(routes=[include]), recorder.timeline, "GET", "/blog" + PATH).status == 200
    counted, timed = logged.lines
    assert counted == "view of tasks counted"
    assert timed.startswith("GET /blog/articles/tasks: ")
