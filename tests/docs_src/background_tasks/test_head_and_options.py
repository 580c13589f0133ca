import pytest

from docs_src.background_tasks import head_and_options
from tests.proof import call_asgi, logged_by, prove_end_to_end


@pytest.fixture(autouse=True)
def no_views():
    head_and_options.views.clear()


def test_get_counts_the_view_after_the_response(recorder):
    with logged_by(head_and_options) as logged:
        result = call_asgi(head_and_options.app, recorder.timeline, "GET", "/articles/tasks")
    assert (result.status, result.body) == (200, b"Article tasks")
    assert "allow" not in result.headers
    recorder.timeline.assert_tasks_after_response(["count_view"])
    assert head_and_options.views == {"tasks": 1}
    assert logged.lines == ["view of tasks counted"]


def test_head_gets_the_headers_of_get_and_runs_no_task(recorder):
    got = call_asgi(head_and_options.app, recorder.timeline, "GET", "/articles/tasks")
    head_and_options.views.clear()
    result = call_asgi(head_and_options.app, recorder.timeline, "HEAD", "/articles/tasks")
    assert result.status == 200
    assert result.headers == got.headers  # the body, if any, a server drops for HEAD
    assert recorder.timeline.of("task-start") == ["count_view"]  # the GET's only
    assert head_and_options.views == {}


def test_options_lists_the_routes_methods_without_a_body_and_runs_no_task(recorder):
    result = call_asgi(head_and_options.app, recorder.timeline, "OPTIONS", "/articles/tasks")
    assert (result.status, result.body) == (204, b"")
    assert result.headers["allow"] == "GET, HEAD, OPTIONS"
    assert recorder.timeline.of("send")[-1] == "http.response.body"
    assert recorder.timeline.of("task-start") == []
    assert head_and_options.views == {}


def test_a_method_the_route_does_not_take_is_refused_with_the_same_methods(recorder):
    result = call_asgi(head_and_options.app, recorder.timeline, "DELETE", "/articles/tasks")
    assert result.status == 405
    (allow,) = [value for name, value in result.headers.items() if name.lower() == "allow"]
    allowed = {method.strip() for method in allow.split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


def test_served_client_has_the_response_before_the_task_runs(recorder):
    response = prove_end_to_end(head_and_options.app, recorder, "GET", "/articles/tasks", ["count_view"])
    assert response.text == "Article tasks"
    assert head_and_options.views == {"tasks": 1}
