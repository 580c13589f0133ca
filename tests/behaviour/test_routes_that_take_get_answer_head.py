"""Lilya adds HEAD to every route that takes GET, however its methods are given (a route given none takes GET); a
route without GET refuses HEAD. And the HEAD-and-OPTIONS example attaches its task to every answer it makes: Lilya,
not the handler, leaves the task out for HEAD and OPTIONS."""

import anyio
import pytest
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import PlainText
from lilya.routing import Include, Path

from docs_src.background_tasks import head_and_options
from tests.proof import Timeline, call_asgi, task_name


async def page() -> PlainText:
    return PlainText("page")


def added_to_the_app(**options) -> Lilya:
    app = Lilya()
    app.add_route("/page", page, **options)
    return app


GET_ROUTES = {
    "no-methods-given": lambda: Lilya(routes=[Path("/page", page)]),
    "get": lambda: Lilya(routes=[Path("/page", page, methods=["GET"])]),
    "lower-case-get-and-post": lambda: Lilya(routes=[Path("/page", page, methods=["get", "POST"])]),
    "get-and-options": lambda: Lilya(routes=[Path("/page", page, methods=["GET", "OPTIONS"])]),
    "inside-an-include": lambda: Lilya(routes=[Include("/", routes=[Path("/page", page, methods=["GET", "PUT"])])]),
    "added-with-add-route": lambda: added_to_the_app(methods=["GET"]),
}


@pytest.mark.parametrize("make", GET_ROUTES.values(), ids=GET_ROUTES.keys())
def test_every_route_that_takes_get_also_answers_head(make):
    app = make()
    got = call_asgi(app, Timeline(), "GET", "/page")
    head = call_asgi(app, Timeline(), "HEAD", "/page")
    assert (got.status, head.status) == (200, 200)
    assert head.headers == got.headers


@pytest.mark.parametrize("methods", [["POST"], ["PUT", "OPTIONS"]], ids=["post", "put-and-options"])
def test_a_route_that_does_not_take_get_refuses_head(methods):
    app = Lilya(routes=[Path("/page", page, methods=methods)])
    assert call_asgi(app, Timeline(), "HEAD", "/page").status == 405


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_the_head_and_options_example_attaches_count_view_to_every_answer(method):
    async def answer():
        scope = {"type": "http", "method": method, "path": "/articles/tasks", "path_params": {"slug": "tasks"},
                 "headers": [], "query_string": b""}
        return await head_and_options.read_article(Request(scope))

    response = anyio.run(answer)
    assert isinstance(response.background, Task)
    assert task_name(response.background) == "count_view"
    assert response.background.args == ("tasks",)
