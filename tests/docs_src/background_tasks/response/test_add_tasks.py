import json

import pytest

from docs_src.background_tasks.response import add_tasks
from tests.proof import call_asgi, logged_by, prove_end_to_end

HEADERS = {"content-type": "application/json"}


def body(**data) -> bytes:
    return json.dumps({"email": "ana@example.com", **data}).encode()


@pytest.fixture
def example():
    """The example these proofs are about; Ravyn's `add_task` example makes the same promises and reuses them."""
    return add_tasks


@pytest.fixture(autouse=True)
def empty_state(example):
    example.outbox.clear()
    example.newsletter.clear()


def test_only_the_confirmation_without_opt_in(recorder, example):
    result = call_asgi(example.app, recorder.timeline, "POST", "/register", body(), HEADERS)
    assert result.status == 201
    recorder.timeline.assert_tasks_after_response(["send_confirmation"])
    assert example.newsletter == []


def test_added_tasks_run_in_the_order_they_were_added(recorder, example):
    with logged_by(example) as logged:
        result = call_asgi(example.app, recorder.timeline, "POST", "/register", body(newsletter=True), HEADERS)
    assert result.status == 201
    recorder.timeline.assert_tasks_after_response(["send_confirmation", "subscribe"])
    recorder.timeline.assert_sequential()
    assert example.outbox == [{"to": "ana@example.com", "subject": "Confirm your account"}]
    assert example.newsletter == ["ana@example.com:releases"]
    assert logged.lines == ["e-mail sent to ana@example.com", "ana@example.com subscribed to releases"]


def test_served_client_has_the_response_before_the_tasks_run(recorder, example):
    response = prove_end_to_end(
        example.app,
        recorder,
        "POST",
        "/register",
        ["send_confirmation", "subscribe"],
        content=body(newsletter=True),
        headers=HEADERS,
    )
    assert response.status_code == 201


ABSENT = object()


@pytest.mark.parametrize(("newsletter", "subscribed"), [
    (ABSENT, False), (False, False), (None, False), (0, False), ("", False),
    (True, True), (1, True), ("yes", True), ("false", True), ("no", True), ([False], True),
], ids=["absent", "false", "null", "zero", "empty-string", "true", "one", "yes", "the-string-false", "the-string-no",
        "a-list"])
def test_subscribe_is_added_only_when_python_counts_the_newsletter_field_as_true(recorder, example, newsletter,
                                                                                  subscribed):
    """Python's truth, not JSON's `true`: the strings "false" and "no" and the list [false] subscribe too."""
    data = {} if newsletter is ABSENT else {"newsletter": newsletter}
    result = call_asgi(example.app, recorder.timeline, "POST", "/register", body(**data), HEADERS)
    assert (result.status, result.error) == (201, None)
    expected = ["send_confirmation", "subscribe"] if subscribed else ["send_confirmation"]
    assert recorder.timeline.assert_tasks_after_response() == expected
    assert example.newsletter == (["ana@example.com:releases"] if subscribed else [])
