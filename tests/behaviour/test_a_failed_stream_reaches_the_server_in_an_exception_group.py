"""When a StreamingResponse's iterator raises, what leaves the app is not the iterator's exception itself: Lilya streams
in an anyio task group, which wraps it in an `ExceptionGroup`. Code around the app that catches the exception by its
own type (`except ConnectionError`) misses it; the server logs the group, with the iterator's exception inside."""

import logging

import httpx2
import pytest

from docs_src.background_tasks import stream_fails
from tests.proof import TIMEOUT, call_asgi, serve

PATH = "/reports/2026.csv"


@pytest.fixture(autouse=True)
def nothing_recorded():
    stream_fails.exports.clear()
    stream_fails.broken.clear()


def test_the_iterators_exception_leaves_the_app_wrapped_in_an_exception_group_that_except_by_its_type_misses(recorder):
    caught_by_type: list[BaseException] = []

    async def catching_connection_errors(scope, receive, send):
        try:
            await stream_fails.app(scope, receive, send)
        except ConnectionError as error:  # what a reader of "the exception reaches the server" would write
            caught_by_type.append(error)

    result = call_asgi(catching_connection_errors, recorder.timeline, "GET", PATH)
    assert caught_by_type == []
    assert isinstance(result.error, ExceptionGroup)
    assert [type(error) for error in result.error.exceptions] == [ConnectionError]
    assert stream_fails.exports == []


def test_served_the_server_logs_the_exception_group_with_the_iterators_exception_inside(caplog):
    with caplog.at_level(logging.ERROR, logger="uvicorn.error"), serve(stream_fails.app) as served:
        with pytest.raises(httpx2.RemoteProtocolError):
            httpx2.get(served.url + PATH, timeout=TIMEOUT)
    logged = [r.exc_info[1] for r in caplog.records if r.exc_info]
    assert len(logged) == 1, [r.getMessage() for r in caplog.records]
    assert isinstance(logged[0], ExceptionGroup)
    assert [type(error) for error in logged[0].exceptions] == [ConnectionError]
    assert stream_fails.exports == []
