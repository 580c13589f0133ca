"""The `with_background` recipe adds handler-level tasks and never drops a response's own."""

import inspect

from lilya.apps import Lilya
from lilya.background import Task, Tasks
from lilya.responses import PlainText
from lilya.routing import Path

from docs_src.background_tasks.handler_tasks import with_background
from tests.proof import call_asgi

ran: list[str] = []


def declared_first() -> None:
    ran.append("declared_first")


def declared_second() -> None:
    ran.append("declared_second")


async def own_task() -> None:
    ran.append("own_task")


def app_returning(background):
    @with_background(Task(declared_first), Task(declared_second))
    async def handler(name: str) -> PlainText:
        return PlainText(f"hello {name}", background=background)

    return Lilya(routes=[Path("/hello/{name}", handler)])


def run(app, recorder):
    ran.clear()
    result = call_asgi(app, recorder.timeline, "GET", "/hello/ana")
    assert (result.status, result.body) == (200, b"hello ana")  # path parameters still reach the handler
    return recorder.timeline.assert_tasks_after_response()


def test_declared_tasks_run_in_order_after_the_response(recorder):
    assert run(app_returning(None), recorder) == ["declared_first", "declared_second"]
    assert ran == ["declared_first", "declared_second"]


def test_a_response_task_is_kept_and_runs_first(recorder):
    assert run(app_returning(Task(own_task)), recorder) == ["own_task", "declared_first", "declared_second"]
    assert ran == ["own_task", "declared_first", "declared_second"]


def test_a_response_task_group_is_kept_whole(recorder):
    started = run(app_returning(Tasks(tasks=[Task(own_task), Task(own_task)], as_group=True)), recorder)
    assert started == ["own_task", "own_task", "declared_first", "declared_second"]
    assert ran.count("own_task") == 2


def test_the_decorated_handler_keeps_its_name_and_signature():
    @with_background(Task(declared_first))
    async def register(email: str) -> PlainText:
        """Register someone."""
        return PlainText(email)

    assert register.__name__ == "register"
    assert register.__doc__ == "Register someone."
    assert list(inspect.signature(register).parameters) == ["email"]


def test_lilya_routes_routers_controllers_and_the_app_take_no_background():
    """Why the recipe exists: in Lilya only responses accept `background=`."""
    from lilya.apps import Lilya
    from lilya.controllers import Controller
    from lilya.routing import Include, Router

    for cls in (Path, Router, Include, Controller, Lilya):
        assert "background" not in inspect.signature(cls).parameters, cls
    assert "background" in inspect.signature(PlainText).parameters
