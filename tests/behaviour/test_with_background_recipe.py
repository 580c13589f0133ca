"""What the page says of the `with_background` recipe beyond what its examples' own tests show: it takes any number
of tasks; Lilya reads the handler's signature, which `functools.wraps` keeps, to decide what to pass; it expects an
`async def` handler that returns a response; its tasks run as one sequence, which a failing task stops; the tasks it
declares are made once and shared by every request; and the example that uses it imports two files beside it."""

import importlib
import inspect
import shutil
import sys

import pytest
from lilya.apps import Lilya
from lilya.background import Task, Tasks
from lilya.exceptions import HTTPException
from lilya.responses import PlainText
from lilya.routing import Path

from docs_src.background_tasks import handler_tasks, via_handlers, via_list
from docs_src.background_tasks.handler_tasks import with_background
from tests.mkdocs_site import ROOT
from tests.proof import Timeline, call_asgi, task_name

ran: list[str] = []


def declared(number: int) -> Task:
    def run() -> None:
        ran.append(f"declared {number}")

    run.__name__ = f"declared_{number}"
    return Task(run)


def own() -> None:
    ran.append("own")


def app_of(handler) -> Lilya:
    return Lilya(routes=[Path("/hello/{name}", handler)])


@pytest.fixture(autouse=True)
def nothing_ran():
    ran.clear()


@pytest.mark.parametrize("count", [0, 1, 2, 7])
def test_with_background_takes_any_number_of_tasks_and_runs_them_after_the_response_in_order(recorder, count):
    @with_background(*(declared(number) for number in range(count)))
    async def hello(name: str) -> PlainText:
        return PlainText(f"hello {name}", background=Task(own))

    result = call_asgi(app_of(hello), recorder.timeline, "GET", "/hello/ana")
    assert (result.status, result.body, result.error) == (200, b"hello ana", None)
    assert recorder.timeline.assert_tasks_after_response() == ["own", *(f"declared_{n}" for n in range(count))]
    assert ran == ["own", *(f"declared {n}" for n in range(count))]


def without_wraps(*tasks: Task):
    """The recipe with its `functools.wraps` line left out."""

    def decorate(handler):
        async def run_handler(*args, **kwargs):
            response = await handler(*args, **kwargs)
            response.background = Tasks(tasks=[*([response.background] if response.background else []), *tasks])
            return response

        return run_handler

    return decorate


@pytest.mark.parametrize(("decorator", "answer"), [(with_background, (200, b"hello ana")),
                                                   (without_wraps, (500, b"Internal Server Error"))],
                         ids=["wraps-kept", "wraps-left-out"])
def test_lilya_reads_the_handlers_signature_to_pass_its_arguments_which_only_wraps_keeps(recorder, decorator,
                                                                                        answer):
    @decorator(declared(1))
    async def hello(name: str) -> PlainText:
        return PlainText(f"hello {name}")

    result = call_asgi(app_of(hello), recorder.timeline, "GET", "/hello/ana")
    assert (result.status, result.body) == answer
    if decorator is without_wraps:  # Lilya saw `*args, **kwargs`, passed nothing, and the handler lacked `name`
        assert isinstance(result.error, TypeError) and "name" in str(result.error)
        assert ran == []
    else:
        assert result.error is None and ran == ["declared 1"]


def def_handler(name: str) -> PlainText:
    return PlainText(f"hello {name}")


async def handler_returning_data(name: str) -> dict[str, str]:
    return {"hello": name}


@pytest.mark.parametrize(("handler", "error"), [(def_handler, TypeError), (handler_returning_data, AttributeError)],
                         ids=["def-handler", "handler-returning-data"])
def test_the_recipe_fails_with_500_and_runs_no_task_unless_the_handler_is_async_def_and_returns_a_response(
        recorder, handler, error):
    result = call_asgi(app_of(with_background(declared(1))(handler)), recorder.timeline, "GET", "/hello/ana")
    assert (result.status, type(result.error)) == (500, error)
    assert recorder.timeline.of("task-start") == [] and ran == []


class QuotaExceeded(Exception):
    pass


@pytest.mark.parametrize("exception", [ValueError("bad"), ConnectionError("down"), QuotaExceeded("full"),
                                       HTTPException(status_code=503)],
                         ids=["ValueError", "ConnectionError", "an-exception-class-of-its-own", "HTTPException"])
@pytest.mark.parametrize("failing", ["own", "declared_0"])
def test_a_task_of_the_recipes_sequence_that_raises_stops_the_tasks_after_it(recorder, exception, failing):
    def raises() -> None:
        raise exception

    raises.__name__ = failing
    own_task = Task(raises) if failing == "own" else Task(own)
    first = Task(raises) if failing == "declared_0" else declared(0)

    @with_background(first, declared(1))
    async def hello(name: str) -> PlainText:
        return PlainText(f"hello {name}", background=own_task)

    result = call_asgi(app_of(hello), recorder.timeline, "GET", "/hello/ana")
    assert result.status == 200 and result.error is exception
    assert recorder.timeline.of("task-error") == [failing]
    assert "declared 1" not in ran
    started = recorder.timeline.assert_tasks_after_response()
    assert started == (["own"] if failing == "own" else ["own", "declared_0"])


@pytest.mark.parametrize("example", [via_handlers, via_list], ids=["via_handlers", "via_list"])
def test_every_request_runs_the_decorators_task_objects_made_at_import_with_the_same_arguments(recorder, example):
    """Two sign-ups with different addresses: the decorator's tasks are the same objects, with the same arguments,
    and write the same entry; only the response's own task (via_list) gets the address."""
    example.audit_log.clear()
    made_at_import = inspect.getclosurevars(example.register).nonlocals["tasks"]  # before any request
    audit_task = next(task for task in made_at_import if task_name(task) == "write_audit_entry")
    assert audit_task.args == ("user registered",)
    made = recorder.source(audit_task)
    for email in ("ana@example.com", "bo@example.com"):
        body = f'{{"email": "{email}"}}'.encode()
        headers = {"content-type": "application/json"}
        assert call_asgi(example.app, recorder.timeline, "POST", "/register", body, headers).status == 201
    assert example.audit_log == ["user registered", "user registered"]
    audit_tasks = {event.source for event in recorder.timeline.events
                   if event.kind == "task-start" and event.name == "write_audit_entry"}
    assert audit_tasks == {made}  # for both requests, the one Task object made when the module was imported
    if example is via_list:
        assert [mail["to"] for mail in via_list.outbox[-2:]] == ["ana@example.com", "bo@example.com"]
        via_list.outbox.clear()
        via_list.stats["registrations"] = 0


PACKAGE = "copied_shop"


@pytest.mark.parametrize(("copied", "imports"), [(("via_handlers", "handler_tasks", "json_body"), True),
                                                 (("via_handlers", "handler_tasks"), False)],
                         ids=["the-three-files", "only-two-files"])
def test_via_handlers_runs_from_a_package_only_with_handler_tasks_and_json_body_beside_it(tmp_path, monkeypatch,
                                                                                        copied, imports):
    package = tmp_path / PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name in copied:
        shutil.copy(ROOT / "docs_src" / "background_tasks" / f"{name}.py", package / f"{name}.py")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        if imports:
            module = importlib.import_module(f"{PACKAGE}.via_handlers")
            assert module.with_background.__module__ == f"{PACKAGE}.handler_tasks" != handler_tasks.__name__
            body, headers = b'{"email": "ana@example.com"}', {"content-type": "application/json"}
            assert call_asgi(module.app, Timeline(), "POST", "/register", body,
                             headers).status == 201
            assert module.audit_log == ["user registered"]
        else:
            with pytest.raises(ModuleNotFoundError, match=f"{PACKAGE}.json_body"):
                importlib.import_module(f"{PACKAGE}.via_handlers")
    finally:
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]
