"""What the Ravyn page says of Ravyn 0.4.3 in general, beyond its examples: where its task names come from, which
of a decorator's and a response's tasks run, depending on the handler's return annotation, and that it reads a
request's whole body whenever the handler takes a parameter."""

import contextlib
import importlib.util
import inspect
import logging
import os
import subprocess
import sys
import textwrap
from typing import Any

import anyio
import lilya
import lilya.apps
import lilya.background
import lilya.responses
import lilya.testclient
import pytest
import ravyn
import ravyn.responses
from lilya.responses import PlainText
from ravyn import JSON, BackgroundTask, BackgroundTasks, JSONResponse, Ravyn, Response, post
from ravyn.core import datastructures
from ravyn.core.datastructures.base import ResponseContainer
from ravyn.core.datastructures.redirect import Redirect
from ravyn.testclient import RavynTestClient

from tests.proof import TIMEOUT, Timeline, call_asgi

ran: list[str] = []


def by_decorator() -> None:
    ran.append("decorator")


def by_response() -> None:
    ran.append("response")


@pytest.fixture(autouse=True)
def nothing_ran():
    ran.clear()


def test_the_page_is_about_ravyn_0_4_3_on_lilya_0_29_0():
    assert (ravyn.__version__, lilya.__version__) == ("0.4.3", "0.29.0")


def test_a_ravyn_application_is_a_lilya_application():
    assert issubclass(Ravyn, lilya.apps.BaseLilya)


def test_ravyns_task_classes_are_lilyas_task_and_tasks_adding_nothing():
    assert BackgroundTask.__bases__ == (lilya.background.Task,)
    assert BackgroundTasks.__bases__ == (lilya.background.Tasks,)
    assert set(vars(BackgroundTask)) == set(vars(BackgroundTasks)) == {"__module__", "__doc__"}


def test_lilya_has_no_background_task_names():
    with pytest.raises(ImportError):
        from lilya.background import BackgroundTask  # noqa: F401
    with pytest.raises(ImportError):
        from lilya.background import BackgroundTasks  # noqa: F401


def test_ravyns_responses_run_their_tasks_with_lilyas_response_call():
    for response_class in (JSONResponse, Response):
        assert issubclass(response_class, lilya.responses.Response)
        assert response_class.__call__ is lilya.responses.Response.__call__


def test_ravyns_streaming_and_file_responses_are_lilyas():
    assert ravyn.responses.StreamingResponse is lilya.responses.StreamingResponse
    assert ravyn.responses.FileResponse is lilya.responses.FileResponse


def test_add_task_appends_a_lilya_task():
    tasks = BackgroundTasks()
    tasks.add_task(by_response)
    assert [type(task) for task in tasks.tasks] == [lilya.background.Task]


def test_ravyns_test_client_is_lilyas():
    assert issubclass(RavynTestClient, lilya.testclient.TestClient)


def test_ravyn_has_the_new_names_and_not_esmeralds():
    for name in ("Ravyn", "BackgroundTask", "BackgroundTasks", "post"):
        assert hasattr(ravyn, name), name
    with pytest.raises(ImportError):
        from ravyn import Esmerald  # noqa: F401
    with pytest.raises(ImportError):
        from ravyn.testclient import EsmeraldTestClient  # noqa: F401


RESPONSES = {
    "JSONResponse": (JSONResponse, lambda background: JSONResponse({"ok": True}, background=background)),
    "Response": (Response, lambda background: Response({"ok": True}, background=background)),
    "PlainText": (PlainText, lambda background: PlainText("ok", background=background)),
    "JSON": (JSON, lambda background: JSON({"ok": True}, background=background)),
}
OTHERS = {
    "dict": (dict, lambda background: JSONResponse({"ok": True}, background=background)),
    "Any": (Any, lambda background: JSONResponse({"ok": True}, background=background)),
}


def served(annotation: Any, make: Any, own_task: bool) -> list[str]:
    """The tasks that ran after one request to a handler with a decorator task, returning `make(...)`; Ravyn and
    Lilya log nothing about a task they leave out."""

    def handler():
        return make(BackgroundTask(by_response) if own_task else None)

    handler.__annotations__ = {"return": annotation}
    route = post("/", background=BackgroundTask(by_decorator))(handler)
    app = Ravyn(routes=[route])  # made first: making it sets up logging
    with _logs() as records:
        result = call_asgi(app, Timeline(), "POST", "/")
    assert result.status in (200, 201), result.body
    assert result.error is None
    assert [r for r in records if r.name != "asyncio"] == [], records  # asyncio: "Using selector", from anyio.run
    return list(ran)


@contextlib.contextmanager
def _logs():
    """Every record any logger emits, at any level, while the block runs."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.NOTSET)
    handler.emit = records.append
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.NOTSET)
    try:
        yield records
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


@pytest.mark.parametrize("own_task", [False, True], ids=["no-task-of-its-own", "a-task-of-its-own"])
@pytest.mark.parametrize("name", RESPONSES)
def test_annotated_as_a_response_the_handler_never_runs_the_decorators_task(name, own_task):
    annotation, make = RESPONSES[name]
    assert served(annotation, make, own_task) == (["response"] if own_task else [])


@pytest.mark.parametrize("name", OTHERS)
def test_annotated_otherwise_a_returned_response_without_a_task_gets_the_decorators(name):
    annotation, make = OTHERS[name]
    assert served(annotation, make, own_task=False) == ["decorator"]


@pytest.mark.parametrize("name", OTHERS)
def test_annotated_otherwise_a_returned_responses_own_task_replaces_the_decorators(name):
    annotation, make = OTHERS[name]
    assert served(annotation, make, own_task=True) == ["response"]


def test_returned_data_gets_the_decorators_task():
    assert served(dict, lambda background: {"ok": True}, own_task=False) == ["decorator"]


def read_by(app: Any, chunks: int) -> tuple[int, bytes, int]:
    """POSTs a body of `chunks` 64 KiB chunks that is not JSON; (status, body, chunks the app read)."""
    read, sent = [], []

    async def receive():
        read.append(1)
        if len(read) > chunks:
            await anyio.sleep_forever()
        return {"type": "http.request", "body": b"x" * 65536, "more_body": len(read) < chunks}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/orders/7", "raw_path": b"/orders/7", "query_string": b"",
             "headers": [], "scheme": "http", "server": ("127.0.0.1", 80), "root_path": "", "http_version": "1.1"}

    async def main():
        with anyio.fail_after(TIMEOUT):
            await app(scope, receive, send)

    anyio.run(main)
    return sent[0]["status"], sent[1]["body"], len(read)


def test_a_handler_with_only_a_path_parameter_has_the_whole_body_read_and_parsed_as_json():
    @post("/orders/{order_id}")
    async def pay(order_id: str) -> dict[str, str]:
        return {"order": order_id}

    status, body, read = read_by(Ravyn(routes=[pay]), chunks=64)
    assert read == 64  # 4 MiB
    assert status == 500
    assert b"JSONDecodeError" in body


def test_a_handler_without_parameters_reads_no_body():
    @post("/orders/7")
    async def pay() -> dict[str, str]:
        return {"order": "7"}

    status, body, read = read_by(Ravyn(routes=[pay]), chunks=64)
    assert (status, read) == (201, 0)


def test_an_empty_background_tasks_on_the_response_counts_as_its_own_and_no_task_runs():
    assert served(dict, lambda background: JSONResponse({"ok": True}, background=BackgroundTasks()),
                  own_task=False) == []


@pytest.mark.parametrize("name", RESPONSES)
def test_a_response_annotation_kept_as_a_string_counts_as_annotated_otherwise(name):
    """What `from __future__ import annotations` makes of `-> JSONResponse`: the string "JSONResponse"."""
    _, make = RESPONSES[name]
    assert served(name, make, own_task=False) == ["decorator"]


SETTINGS_READ = "from ravyn.conf import settings; print(settings.debug)"


def settings_read_with(variables: dict[str, str]) -> subprocess.CompletedProcess:
    """Ravyn's settings read in a new process (it reads the variable once), with `variables` in its environment."""
    environment = {name: value for name, value in os.environ.items()
                   if name not in ("RAVYN_SETTINGS_MODULE", "ESMERALD_SETTINGS_MODULE")} | variables
    return subprocess.run([sys.executable, "-c", SETTINGS_READ], env=environment, capture_output=True, text=True,
                          timeout=TIMEOUT)


def test_ravyn_reads_its_settings_module_from_ravyn_settings_module_and_ignores_esmeralds_variable():
    ignored = settings_read_with({"ESMERALD_SETTINGS_MODULE": "nosuchsettings.Settings"})
    assert (ignored.returncode, ignored.stdout) == (0, "False\n"), ignored.stderr  # Ravyn's defaults
    named = settings_read_with({"RAVYN_SETTINGS_MODULE": "nosuchsettings.Settings"})
    assert named.returncode != 0 and "No module named 'nosuchsettings'" in named.stderr


# Every Lilya response class and every Ravyn response container as a return annotation, beyond the four above.


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
