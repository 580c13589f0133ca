import threading

import pytest

from docs_src.ravyn import sync_and_async
from tests.proof import call_asgi, logged_by, prove_end_to_end

TASKS = ["make_thumbnail", "notify_followers"]


@pytest.fixture(autouse=True)
def empty_state():
    sync_and_async.thumbnails.clear()
    sync_and_async.notifications.clear()


def test_def_runs_in_a_worker_thread_and_async_def_on_the_event_loop(recorder):
    with logged_by(sync_and_async) as logged:
        result = call_asgi(sync_and_async.app, recorder.timeline, "POST", "/photos/cat")
    assert result.status == 201
    recorder.timeline.assert_tasks_after_response(TASKS)
    recorder.timeline.assert_sequential()
    (thumbnail,) = sync_and_async.thumbnails
    (notification,) = sync_and_async.notifications
    assert notification["thread"] == threading.current_thread().name  # anyio.run's loop runs here
    assert thumbnail["thread"].startswith("AnyIO worker thread")
    assert logged.lines == [
        f"thumbnail of cat made in {thumbnail['thread']}",
        f"followers of cat notified from {notification['thread']}",
    ]


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
