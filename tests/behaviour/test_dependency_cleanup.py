"""A `yield` dependency's cleanup, in Lilya 0.29: Lilya closes the generator (raising GeneratorExit at its `yield`)
only when Python discards the request, so plain code after `yield` never runs; a `finally:` block (or a `with`
block's exit) does, then. Checked on uvicorn, for an `async def` and a plain `def` dependency."""

import gc

import httpx2
import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.dependencies import Provide
from lilya.responses import JSONResponse
from lilya.routing import Path

from tests.proof import TIMEOUT, serve

done: list[str] = []


async def async_dependency():
    done.append("open")
    try:
        yield "resource"
        done.append("plain code after yield")
    finally:
        done.append("finally")


def def_dependency():
    done.append("open")
    try:
        yield "resource"
        done.append("plain code after yield")
    finally:
        done.append("finally")


async def write_audit_entry() -> None:
    done.append("task")


async def handler(resource: str) -> JSONResponse:
    return JSONResponse({"resource": resource}, background=Task(write_audit_entry))


@pytest.mark.parametrize("dependency", [async_dependency, def_dependency], ids=["async-def", "def"])
def test_plain_code_after_yield_never_runs_and_finally_runs_once_the_request_is_discarded(recorder, dependency):
    done.clear()
    app = Lilya(routes=[Path("/", handler)], dependencies={"resource": Provide(dependency)})
    with serve(app) as served:
        assert httpx2.get(served.url + "/", timeout=TIMEOUT).status_code == 200
        recorder.timeline.wait_for("task-end", ["write_audit_entry"])
        gc.collect()
    gc.collect()
    assert done == ["open", "task", "finally"]
