"""Ravyn's def-and-async-def example makes the promises of Lilya's, proven by the same tests on Ravyn's app (which
answers 201), with a stricter end-to-end check of the threads, and one of its own: a JSON body's keys replace path
parameters."""

import pytest

from docs_src.ravyn import sync_and_async
from tests.docs_src.background_tasks.test_sync_and_async import (
    empty_state,
    test_def_runs_in_a_worker_thread_and_async_def_on_the_event_loop,
)
from tests.proof import call_asgi, prove_end_to_end

__all__ = ["empty_state", "test_def_runs_in_a_worker_thread_and_async_def_on_the_event_loop"]
TASKS = ["make_thumbnail", "notify_followers"]


@pytest.fixture
def example():
    return sync_and_async


@pytest.fixture
def published_status() -> int:
    return 201


def test_served_client_has_the_response_before_the_tasks_run(recorder):
    response = prove_end_to_end(sync_and_async.app, recorder, "POST", "/photos/dog", TASKS)
    assert response.json() == {"published": "dog"}
    assert sync_and_async.thumbnails[0]["thread"].startswith("AnyIO worker thread")
    assert not sync_and_async.notifications[0]["thread"].startswith("AnyIO worker thread")


def test_a_json_bodys_key_replaces_the_path_parameter_of_the_same_name_for_the_handler_and_its_tasks(recorder):
    result = call_asgi(sync_and_async.app, recorder.timeline, "POST", "/photos/cat", b'{"photo": "dog"}',
                       {"content-type": "application/json"})
    assert (result.status, result.body) == (201, b'{"published":"dog"}')
    assert [entry["photo"] for entry in sync_and_async.thumbnails + sync_and_async.notifications] == ["dog", "dog"]
