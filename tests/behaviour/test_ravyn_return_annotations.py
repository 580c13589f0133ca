"""Which return annotations make Ravyn 0.4.3 leave a decorator's task out, beyond the four that tests/behaviour/
test_ravyn.py tries: every Lilya response class and every Ravyn response container; and what a module that starts
with `from __future__ import annotations` makes of `-> JSONResponse`."""

import importlib.util
import inspect
import sys
import textwrap

import lilya.responses
import pytest
import ravyn
import ravyn.responses
from lilya.responses import PlainText
from ravyn import BackgroundTask, Ravyn, post
from ravyn.core import datastructures
from ravyn.core.datastructures.base import ResponseContainer
from ravyn.core.datastructures.redirect import Redirect

from tests.behaviour.test_ravyn import _logs
from tests.proof import Timeline, call_asgi

ran: list[str] = []


def by_decorator() -> None:
    ran.append("decorator")


def by_response() -> None:
    ran.append("response")


@pytest.fixture(autouse=True)
def nothing_ran():
    ran.clear()


def lilya_response_classes() -> dict[str, type]:
    """Every class of lilya.responses, ravyn.responses and ravyn's top level that is a Lilya response."""
    found = {}
    for module in (lilya.responses, ravyn.responses, ravyn):
        for name in dir(module):
            value = getattr(module, name, None)
            if inspect.isclass(value) and issubclass(value, lilya.responses.Response):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def response_containers() -> dict[str, type]:
    """Every concrete response container of ravyn.core.datastructures (File, JSON, Redirect, Stream, Template)."""
    return {
        name: value for name in dir(datastructures)
        if inspect.isclass(value := getattr(datastructures, name))
        and issubclass(value, ResponseContainer) and value is not ResponseContainer
    }


ANNOTATIONS = {**lilya_response_classes(), **response_containers()}


def test_the_annotations_tried_include_every_kind_the_page_names():
    names = {cls.__name__ for cls in ANNOTATIONS.values()}
    assert {"JSONResponse", "Response", "PlainText", "HTMLResponse", "StreamingResponse", "FileResponse",
            "RedirectResponse", "JSON", "Redirect", "Stream", "Template", "File"} <= names
    assert len(ANNOTATIONS) >= 20


@pytest.mark.parametrize("own_task", [False, True], ids=["no-task-of-its-own", "a-task-of-its-own"])
@pytest.mark.parametrize("name", sorted(ANNOTATIONS))
def test_annotated_with_any_lilya_response_or_ravyn_container_the_decorators_task_never_runs_and_nothing_is_logged(
        name, own_task):
    annotation = ANNOTATIONS[name]

    async def handler() -> None:
        return PlainText("ok", background=BackgroundTask(by_response) if own_task else None)

    handler.__annotations__ = {"return": annotation}
    status = 307 if issubclass(annotation, Redirect) else None  # Ravyn requires a redirect status for Redirect
    options = {"status_code": status} if status else {}
    route = post("/", background=BackgroundTask(by_decorator), **options)(handler)
    app = Ravyn(routes=[route])  # made first: making it sets up logging
    with _logs() as records:
        result = call_asgi(app, Timeline(), "POST", "/")
    assert result.error is None
    assert result.body == b"ok"
    assert [r for r in records if r.name != "asyncio"] == [], records  # asyncio: "Using selector", from anyio.run
    assert ran == (["response"] if own_task else [])


MODULE = """\
from __future__ import annotations

from ravyn import BackgroundTask, JSONResponse, Ravyn, post

ran = []


def by_decorator() -> None:
    ran.append("decorator")


@post("/", background=BackgroundTask(by_decorator))
async def handler() -> JSONResponse:
    return JSONResponse({"ok": True})


app = Ravyn(routes=[handler])
"""


def test_in_a_module_with_future_annotations_a_handler_annotated_json_response_gets_the_decorators_task(tmp_path):
    path = tmp_path / "future_annotations_handler.py"
    path.write_text(textwrap.dedent(MODULE), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("future_annotations_handler", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        assert module.handler.fn.__annotations__["return"] == "JSONResponse"  # a string, as Python keeps it
        result = call_asgi(module.app, Timeline(), "POST", "/")
    finally:
        del sys.modules[spec.name]
    assert result.error is None
    assert module.ran == ["decorator"]
