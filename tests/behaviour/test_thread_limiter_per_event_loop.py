"""anyio's default thread limiter, which lends the worker threads of `def` tasks and `def` handlers, belongs to the
event loop: raising it in one event loop leaves the next one at the default of 40, so an application raises it when
it starts, in its own loop."""

import anyio
import anyio.to_thread
import httpx2

from docs_src.background_tasks import thread_limit
from tests.proof import TIMEOUT, serve


def test_a_limit_raised_in_one_event_loop_is_not_raised_in_the_next():
    async def raise_to(tokens: int) -> float:
        limiter = anyio.to_thread.current_default_thread_limiter()
        before = limiter.total_tokens
        limiter.total_tokens = tokens
        return before

    assert anyio.run(raise_to, 100) == 40
    assert anyio.run(raise_to, 100) == 40  # a new event loop, a new limiter


def test_a_server_started_after_one_that_raised_the_limit_has_the_default_again():
    with serve(thread_limit.app, lifespan="on") as served:  # the startup hook raises the limit
        assert httpx2.get(served.url + "/threads", timeout=TIMEOUT).json()["limit"] == 100
    with serve(thread_limit.app) as served:  # its own event loop, no startup hook
        assert httpx2.get(served.url + "/threads", timeout=TIMEOUT).json()["limit"] == 40
