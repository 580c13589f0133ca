import pytest

from docs_src.background_tasks import handler_raises
from tests.proof import call_asgi, logged_by, prove_end_to_end


@pytest.fixture(autouse=True)
def fresh_users():
    handler_raises.taken.clear()
    handler_raises.taken.add("ana")
    handler_raises.welcomed.clear()
    handler_raises.refusals.clear()


def test_a_new_name_is_welcomed_after_the_response(recorder):
    with logged_by(handler_raises) as logged:
        result = call_asgi(handler_raises.app, recorder.timeline, "PUT", "/users/bo")
    assert (result.status, result.error) == (201, None)
    recorder.timeline.assert_tasks_after_response(["send_welcome"])
    assert handler_raises.welcomed == ["bo"]
    assert logged.lines == ["welcome sent to bo"]


def test_a_handler_that_raises_takes_its_tasks_with_it(recorder):
    """No response carries the welcome task: it never runs. The exception handler's own response carries its own
    task, which runs after that response."""
    result = call_asgi(handler_raises.app, recorder.timeline, "PUT", "/users/ana")
    assert (result.status, result.error) == (409, None)
    assert result.body == b'{"detail":"ana is taken"}'
    recorder.timeline.assert_tasks_after_response(["record_refusal"])
    assert handler_raises.welcomed == []
    assert handler_raises.refusals == ["/users/ana"]


def test_served_the_refusal_is_recorded_only_once_the_client_has_its_409(recorder):
    response = prove_end_to_end(handler_raises.app, recorder, "PUT", "/users/ana", ["record_refusal"])
    assert response.status_code == 409
    assert handler_raises.welcomed == []


def test_the_exception_handler_answers_every_http_error_of_the_app(recorder):
    """It handles Lilya's own 404 as well: the refusal is recorded after the 404 response."""
    result = call_asgi(handler_raises.app, recorder.timeline, "GET", "/no-such-page")
    assert (result.status, result.body) == (404, b'{"detail":"Not Found"}')
    recorder.timeline.assert_tasks_after_response(["record_refusal"])
    assert handler_raises.refusals == ["/no-such-page"]
