"""Where the page's claims about `before_request`/`after_request` stop holding in Lilya 0.29: for a method the route
does not take (`405`), the hooks of an `Include` or of the application run `before_request` (only the route's own
hooks run neither); and when an exception handler of the `Path` or of the `Include` answers the handler's error,
`after_request` of that `Path` or `Include`, and of a `Path` inside that `Include`, does not run, though the error is
answered."""

from __future__ import annotations

import pytest
from lilya.apps import Lilya
from lilya.requests import Request
from lilya.responses import PlainText
from lilya.routing import Include, Path

from tests.proof import Timeline, call_asgi

calls: list[str] = []


async def before(scope, receive, send) -> None:
    calls.append("before")


async def after(scope, receive, send) -> None:
    calls.append("after")


HOOKS = {"before_request": [before], "after_request": [after]}


async def read_article(slug: str) -> PlainText:
    calls.append("handler")
    return PlainText(f"Article {slug}")


async def raising(slug: str) -> PlainText:
    calls.append("handler")
    raise RuntimeError("boom")


def answer(request: Request, error: Exception) -> PlainText:
    return PlainText("answered", status_code=503)


@pytest.fixture(autouse=True)
def nothing_called():
    calls.clear()


@pytest.mark.parametrize("level", ["Include", "Lilya"])
def test_for_a_method_the_route_does_not_take_an_includes_or_the_apps_before_request_runs_and_after_request_does_not(
        level):
    if level == "Include":
        app = Lilya(routes=[Include("/blog", routes=[Path("/articles/{slug}", read_article)], **HOOKS)])
        path = "/blog/articles/tasks"
    else:
        app = Lilya(routes=[Path("/articles/{slug}", read_article)], **HOOKS)
        path = "/articles/tasks"
    result = call_asgi(app, Timeline(), "POST", path)
    assert (result.status, result.error) == (405, None)
    assert calls == ["before"]


@pytest.mark.parametrize(("hooks_on", "handled_by"), [("Path", "Path"), ("Path", "Include"), ("Include", "Include")],
                         ids=["Path-hooks-Path-handler", "Path-hooks-Include-handler", "Include-hooks-Include-handler"])
def test_when_a_paths_or_an_includes_exception_handler_answers_the_error_their_after_request_does_not_run(
        hooks_on, handled_by):
    handlers = {"exception_handlers": {RuntimeError: answer}}
    path = Path("/articles/{slug}", raising, **(HOOKS if hooks_on == "Path" else {}),
                **(handlers if handled_by == "Path" else {}))
    include = Include("/blog", routes=[path], **(HOOKS if hooks_on == "Include" else {}),
                      **(handlers if handled_by == "Include" else {}))
    result = call_asgi(Lilya(routes=[include]), Timeline(), "GET", "/blog/articles/tasks")
    assert (result.status, result.body, result.error) == (503, b"answered", None)
    assert calls == ["before", "handler"]
