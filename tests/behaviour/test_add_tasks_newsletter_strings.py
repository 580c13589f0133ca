"""The `add_task` example tests the `newsletter` field with Python's truth, not for JSON `true`: the strings "false"
and "no" and the list [false] are true to Python, so they subscribe too."""

import json

import pytest

from docs_src.background_tasks.response import add_tasks
from tests.proof import call_asgi

HEADERS = {"content-type": "application/json"}


@pytest.fixture(autouse=True)
def empty_state():
    add_tasks.outbox.clear()
    add_tasks.newsletter.clear()
    yield
    add_tasks.outbox.clear()
    add_tasks.newsletter.clear()


@pytest.mark.parametrize("newsletter", ["false", "no", [False]], ids=["the-string-false", "the-string-no", "a-list"])
def test_a_newsletter_field_of_false_or_no_as_a_string_subscribes_too(recorder, newsletter):
    data = {"email": "ana@example.com", "newsletter": newsletter}
    result = call_asgi(add_tasks.app, recorder.timeline, "POST", "/register", json.dumps(data).encode(), HEADERS)
    assert (result.status, result.error) == (201, None)
    assert recorder.timeline.assert_tasks_after_response() == ["send_confirmation", "subscribe"]
    assert add_tasks.newsletter == ["ana@example.com:releases"]
