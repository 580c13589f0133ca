import logging
import time

import anyio
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import PlainText
from lilya.routing import Path
from lilya.types import Receive, Scope, Send

log = logging.getLogger(__name__)
views: dict[str, int] = {}
timings: list[str] = []


async def start_clock(scope: Scope, receive: Receive, send: Send) -> None:
    Request(scope, receive, send).state.started = time.perf_counter()


async def log_timing(scope: Scope, receive: Receive, send: Send) -> None:
    started = Request(scope, receive, send).state.started
    took = (time.perf_counter() - started) * 1000
    request = f"{scope['method']} {scope['path']}"
    timings.append(request)
    log.info("%s: %.0f ms, tasks included", request, took)


async def count_view(slug: str) -> None:
    await anyio.sleep(0.2)  # stands for a call to an analytics service
    views[slug] = views.get(slug, 0) + 1
    log.info("view of %s counted", slug)


async def read_article(request: Request) -> PlainText:
    slug = request.path_params["slug"]
    return PlainText(f"Article {slug}", background=Task(count_view, slug))


app = Lilya(
    routes=[
        Path(
            "/articles/{slug}",
            read_article,
            before_request=[start_clock],
            after_request=[log_timing],
        )
    ]
)
