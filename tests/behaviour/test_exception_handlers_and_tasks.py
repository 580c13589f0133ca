"""An exception handler the application declares for 500 or for Exception is called for a failing task's error too,
twice in Lilya 0.29, after the response has been sent: the client keeps the response it had, the handler's response
goes nowhere, and the error goes on to the server."""

import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import call_asgi


async def charge_card() -> None:
    raise RuntimeError("the card was declined")


async def pay() -> PlainText:
    return PlainText("paid", background=Task(charge_card))


@pytest.mark.parametrize("key", [500, Exception], ids=["500", "Exception"])
def test_an_application_exception_handler_is_called_twice_for_a_failing_task(recorder, key):
    seen: list[str] = []

    def alert(request, error: Exception) -> PlainText:
        seen.append(str(error))
        return PlainText("something went wrong", status_code=500)

    app = Lilya(routes=[Path("/pay", pay)], exception_handlers={key: alert})
    result = call_asgi(app, recorder.timeline, "GET", "/pay")
    assert (result.status, result.body) == (200, b"paid")  # the response the client had
    assert seen == ["the card was declined", "the card was declined"]
    assert isinstance(result.error, RuntimeError)  # and the server gets the error
    recorder.timeline.assert_tasks_after_response(["charge_card"])
