"""When Lilya 0.29 calls `before_request` and `after_request` hooks, beyond what the example's own tests show: each
hook gets the ASGI `scope`, `receive` and `send`; a `Path`'s hooks run around its handler; a method the route does not
take runs neither; when the handler raises, `after_request` runs only if an exception handler of the application
answers the error (Lilya's own answers an `HTTPException`), and not in an application of a single fixed path, where
the application's hooks never run at all; a middleware's `finally:` runs whatever the handler does."""

from __future__ import annotations

import pytest
from lilya.apps import Lilya
from lilya.exceptions import HTTPException
from lilya.middleware import DefineMiddleware
from lilya.requests import Request
from lilya.responses import PlainText
from lilya.routing import Include, Path

from tests.proof import Timeline, call_asgi

calls: list[str] = []
arguments: list[tuple[object, ...]] = []


async def before(scope, receive, send) -> None:
    arguments.append((scope, receive, send))
    calls.append("before")


async def after(scope, receive, send) -> None:
    arguments.append((scope, receive, send))
    calls.append("after")


HOOKS = {"before_request": [before], "after_request": [after]}


async def read_article(slug: str) -> PlainText:
    calls.append("handler")
    return PlainText(f"Article {slug}")


def raising(error: Exception):
    async def handler(slug: str) -> PlainText:
        calls.append("handler")
        raise error

    return handler


async def answer(request: Request, error: Exception) -> PlainText:
    return PlainText("answered", status_code=503)


def hooked_at(level: str, handler, **app_options) -> tuple[Lilya, str]:
    """An app whose route `/articles/{slug}` (a path with a parameter, as the page's example has) runs `handler`, with
    the hooks on the `Path`, on an `Include` around it, or on the application; and the path to request."""
    if level == "Path":
        return Lilya(routes=[Path("/articles/{slug}", handler, **HOOKS)], **app_options), "/articles/tasks"
    if level == "Include":
        include = Include("/blog", routes=[Path("/articles/{slug}", handler)], **HOOKS)
        return Lilya(routes=[include], **app_options), "/blog/articles/tasks"
    return Lilya(routes=[Path("/articles/{slug}", handler)], **HOOKS, **app_options), "/articles/tasks"


LEVELS = ["Path", "Include", "Lilya"]


@pytest.fixture(autouse=True)
def nothing_called():
    calls.clear()
    arguments.clear()


class Middleware:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            calls.append("middleware finally")


@pytest.mark.parametrize("level", LEVELS)
def test_each_hook_is_called_with_the_asgi_scope_receive_and_send_not_a_request_or_a_response(level):
    app, path = hooked_at(level, read_article)
    result = call_asgi(app, Timeline(), "GET", path)
    assert (result.status, result.error) == (200, None)
    assert calls == ["before", "handler", "after"]
    for scope, receive, send in arguments:
        assert type(scope) is dict and scope["type"] == "http" and scope["path"] == path
        assert not isinstance(scope, Request)
        assert callable(receive) and callable(send)
        assert not isinstance(receive, (Request, PlainText)) and not isinstance(send, (Request, PlainText))


def test_a_paths_hooks_run_before_and_after_its_handler():
    app, path = hooked_at("Path", read_article)
    assert call_asgi(app, Timeline(), "GET", path).status == 200
    assert calls == ["before", "handler", "after"]


def test_a_method_the_route_does_not_take_is_answered_405_and_runs_neither_of_its_hooks():
    app, path = hooked_at("Path", read_article)
    result = call_asgi(app, Timeline(), "POST", path)
    assert result.status == 405
    assert calls == []


@pytest.mark.parametrize("error", [RuntimeError("boom"), ValueError("bad"), KeyError("gone")],
                         ids=["RuntimeError", "ValueError", "KeyError"])
@pytest.mark.parametrize("level", LEVELS)
def test_after_request_does_not_run_when_the_handler_raises_an_error_no_exception_handler_answers(level, error):
    app, path = hooked_at(level, raising(error))
    result = call_asgi(app, Timeline(), "GET", path)
    assert result.status == 500 and result.error is error
    assert calls == ["before", "handler"]


@pytest.mark.parametrize(("error", "app_options", "status"), [
    (HTTPException(status_code=409), {}, 409),
    (RuntimeError("boom"), {"exception_handlers": {RuntimeError: answer}}, 503),
], ids=["HTTPException-answered-by-lilyas-own-handler", "RuntimeError-answered-by-the-applications-handler"])
@pytest.mark.parametrize("level", LEVELS)
def test_after_request_runs_when_an_exception_handler_of_the_application_answers_the_handlers_error(
        level, error, app_options, status):
    app, path = hooked_at(level, raising(error), **app_options)
    result = call_asgi(app, Timeline(), "GET", path)
    assert (result.status, result.error) == (status, None)
    assert calls == ["before", "handler", "after"]


def test_in_an_application_of_a_single_fixed_path_after_request_does_not_run_for_an_httpexception():
    """The same handler and hooks as in the test above, answered the same `409`; only the route's path is fixed."""

    async def conflict() -> PlainText:
        calls.append("handler")
        raise HTTPException(status_code=409)

    app = Lilya(routes=[Path("/articles/tasks", conflict, **HOOKS)])
    result = call_asgi(app, Timeline(), "GET", "/articles/tasks")
    assert (result.status, result.error) == (409, None)
    assert calls == ["before", "handler"]


async def fixed() -> PlainText:
    calls.append("handler")
    return PlainText("ok")


@pytest.mark.parametrize(("routes", "app_options", "expected"), [
    ([Path("/articles/tasks", fixed)], {}, ["handler"]),
    ([Path("/articles/{slug}", read_article)], {}, ["before", "handler", "after"]),
    ([Path("/articles/tasks", fixed), Path("/other", fixed)], {}, ["before", "handler", "after"]),
    ([Path("/articles/tasks", fixed)], {"middleware": [DefineMiddleware(Middleware)]},
     ["before", "handler", "after", "middleware finally"]),
    ([Path("/articles/tasks", fixed)], {"exception_handlers": {RuntimeError: answer}}, ["before", "handler", "after"]),
    ([Path("/articles/tasks", fixed)], {"debug": True}, ["before", "handler", "after"]),
], ids=["a-single-fixed-path", "a-path-with-a-parameter", "two-fixed-paths", "a-fixed-path-and-a-middleware",
        "a-fixed-path-and-an-exception-handler", "a-fixed-path-in-debug-mode"])
def test_the_applications_hooks_never_run_in_an_application_of_a_single_fixed_path(routes, app_options, expected):
    app = Lilya(routes=routes, **HOOKS, **app_options)
    result = call_asgi(app, Timeline(), "GET", "/articles/tasks")
    assert (result.status, result.error) == (200, None)
    assert calls == expected


@pytest.mark.parametrize("level", LEVELS)
def test_a_middlewares_finally_runs_when_the_handler_raises_and_after_request_does_not(level):
    error = RuntimeError("boom")
    app, path = hooked_at(level, raising(error), middleware=[DefineMiddleware(Middleware)])
    result = call_asgi(app, Timeline(), "GET", path)
    assert result.status == 500 and result.error is error
    assert calls == ["before", "handler", "middleware finally"]
