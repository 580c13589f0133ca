"""Ravyn's decorator example makes the promises of Lilya's `with_background` one, proven by the same tests on Ravyn's
app; and one of its own: the decorator's task is made once."""

import json

import pytest

from docs_src.ravyn import via_handlers
from tests.docs_src.background_tasks.test_via_handlers import (
    HEADERS,
    empty_log,
    test_declared_task_runs_after_the_response,
    test_served_client_has_the_response_before_the_task_runs,
)
from tests.proof import call_asgi

__all__ = [
    "empty_log",
    "test_declared_task_runs_after_the_response",
    "test_served_client_has_the_response_before_the_task_runs",
]


@pytest.fixture
def example():
    return via_handlers


def test_every_request_runs_the_same_task_with_the_same_arguments(recorder):
    """The decorator's task is made once, at import: two different sign-ups write the same entry."""
    for email in ("ana@example.com", "bo@example.com"):
        body = json.dumps({"email": email}).encode()
        assert call_asgi(via_handlers.app, recorder.timeline, "POST", "/register", body, HEADERS).status == 201
    assert via_handlers.audit_log == ["user registered", "user registered"]
    (task,) = {event.source for event in recorder.timeline.events if event.kind == "task-start"}
    assert task == "write_audit_entry#1"
