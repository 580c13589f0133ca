"""With `Provide(..., use_cache=True)`, Lilya 0.29 keeps the dependency's generator itself (not the value it yields):
the generator is never closed, not even once the request is discarded, and the next request is handed the generator
object instead of the session."""

from __future__ import annotations

import gc
import types

import pytest
from lilya.apps import Lilya
from lilya.dependencies import Provide
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import Timeline, call_asgi

events: list[object] = []


def session():
    try:
        yield "session"
    finally:
        events.append("closed")


async def handler(session: object) -> PlainText:
    events.append(session)
    return PlainText("ok")


@pytest.mark.parametrize("use_cache", [False, True], ids=["not-cached", "cached"])
def test_a_cached_generator_dependency_is_never_closed_and_the_next_request_gets_the_generator(use_cache):
    events.clear()
    app = Lilya(routes=[Path("/users/{name}", handler)], dependencies={"session": Provide(session, use_cache=use_cache)})
    for _ in range(2):
        result = call_asgi(app, Timeline(), "GET", "/users/ana")
        assert (result.status, result.error) == (200, None)
        gc.collect()  # nothing holds the request any more
    if use_cache:
        first, second = events
        assert first == "session" and isinstance(second, types.GeneratorType)
    else:
        assert events == ["session", "closed", "session", "closed"]
