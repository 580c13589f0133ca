"""Lilya calls an `async def` handler on the event loop itself, so that whatever it does without awaiting (writing a
file, say) holds the loop up; a plain `def` handler it runs in a worker thread."""

import threading

from lilya.apps import Lilya
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import Timeline, call_asgi

threads: dict[str, str] = {}


async def async_def_handler() -> PlainText:
    threads["async def"] = threading.current_thread().name
    return PlainText("ok")


def def_handler() -> PlainText:
    threads["def"] = threading.current_thread().name
    return PlainText("ok")


def test_an_async_def_handler_runs_on_the_event_loop_and_a_def_handler_in_a_worker_thread():
    threads.clear()
    app = Lilya(routes=[Path("/async", async_def_handler), Path("/def", def_handler)])
    assert call_asgi(app, Timeline(), "GET", "/async").status == 200
    assert call_asgi(app, Timeline(), "GET", "/def").status == 200
    assert threads["async def"] == threading.current_thread().name  # anyio.run's loop runs in the test's thread
    assert threads["def"].startswith("AnyIO worker thread")
