import threading

import pytest

from docs_src.background_tasks import sync_and_async
from tests.proof import call_asgi, logged_by, prove_end_to_end


@pytest.fixture
def example():
    """The example these proofs are about; Ravyn's def-and-async-def example reuses them."""
    return sync_and_async


@pytest.fixture
def published_status() -> int:
    return 200


@pytest.fixture(autouse=True)
def empty_state(example):
    example.thumbnails.clear()
    example.notifications.clear()


def test_def_runs_in_a_worker_thread_and_async_def_on_the_event_loop(recorder, example, published_status):
    with logged_by(example) as logged:
        result = call_asgi(example.app, recorder.timeline, "POST", "/photos/cat")
    assert result.status == published_status
    recorder.timeline.assert_tasks_after_response(["make_thumbnail", "notify_followers"])
    recorder.timeline.assert_sequential()
    (thumbnail,) = example.thumbnails
    (notification,) = example.notifications
    assert notification["thread"] == threading.current_thread().name  # anyio.run's loop runs here
    assert thumbnail["thread"] != notification["thread"]
    assert thumbnail["thread"].startswith("AnyIO worker thread")
    assert logged.lines == [
        f"thumbnail of cat made in {thumbnail['thread']}",
        f"followers of cat notified from {notification['thread']}",
    ]


def test_served_client_has_the_response_before_the_tasks_run(recorder, example):
    response = prove_end_to_end(
        example.app, recorder, "POST", "/photos/dog", ["make_thumbnail", "notify_followers"]
    )
    assert response.json() == {"published": "dog"}
    assert example.thumbnails[0]["thread"] != example.notifications[0]["thread"]
