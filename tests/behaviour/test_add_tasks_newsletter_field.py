"""The `add_task` example adds `subscribe` only when the request's `newsletter` field is true (in Python's sense:
`true`, a non-zero number, a non-empty string); absent, `false`, `null`, `0` or `""`, only the confirmation runs."""

import json

import pytest

from docs_src.background_tasks.response import add_tasks
from tests.proof import call_asgi

HEADERS = {"content-type": "application/json"}
ABSENT = object()


@pytest.fixture(autouse=True)
def empty_state():
    add_tasks.outbox.clear()
    add_tasks.newsletter.clear()
    yield
    add_tasks.outbox.clear()
    add_tasks.newsletter.clear()


@pytest.mark.parametrize(("newsletter", "subscribed"), [
    (ABSENT, False), (False, False), (None, False), (0, False), ("", False),
    (True, True), (1, True), ("yes", True),
], ids=["absent", "false", "null", "zero", "empty-string", "true", "one", "a-string"])
def test_subscribe_is_added_only_when_the_newsletter_field_is_true(recorder, newsletter, subscribed):
    data = {"email": "ana@example.com"} | ({} if newsletter is ABSENT else {"newsletter": newsletter})
    result = call_asgi(add_tasks.app, recorder.timeline, "POST", "/register", json.dumps(data).encode(), HEADERS)
    assert (result.status, result.error) == (201, None)
    expected = ["send_confirmation", "subscribe"] if subscribed else ["send_confirmation"]
    assert recorder.timeline.assert_tasks_after_response() == expected
    assert add_tasks.newsletter == (["ana@example.com:releases"] if subscribed else [])
