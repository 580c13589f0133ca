import pytest

from docs_src.background_tasks import head_and_options
from tests.proof import call_asgi, prove_end_to_end


@pytest.fixture(autouse=True)
def no_views():
    head_and_options.views.clear()


def test_get_counts_the_view_after_the_response(recorder):
    result = call_asgi(head_and_options.app, recorder.timeline, "GET", "/articles/tasks")
    assert (result.status, result.body) == (200, b"Article tasks")
    recorder.timeline.assert_tasks_after_response(["count_view"])
    assert head_and_options.views == {"tasks": 1}


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS"])
def test_head_and_options_run_no_task(recorder, method):
    result = call_asgi(head_and_options.app, recorder.timeline, method, "/articles/tasks")
    assert result.status == 200
    assert result.headers["allow"] == "GET, HEAD, OPTIONS"
    assert recorder.timeline.of("send")[-1] == "http.response.body"
    assert recorder.timeline.of("task-start") == []
    assert head_and_options.views == {}


def test_served_client_has_the_response_before_the_task_runs(recorder):
    response = prove_end_to_end(head_and_options.app, recorder, "GET", "/articles/tasks", ["count_view"])
    assert response.text == "Article tasks"
    assert head_and_options.views == {"tasks": 1}
