import logging
import time

from lilya.apps import Lilya
from lilya.background import Task
from lilya.middleware import DefineMiddleware
from lilya.middleware.compression import GZipMiddleware
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path
from lilya.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)
reports: list[str] = []


class ServerTiming:
    """Adds how long the app took to build the response, as a header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send):
        started = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                took = (time.perf_counter() - started) * 1000
                timing = (b"server-timing", f"app;dur={took:.1f}".encode())
                message["headers"] = [*message["headers"], timing]
            await send(message)

        await self.app(scope, receive, timed)


def store_report(name: str) -> None:
    reports.append(name)
    log.info("report %s stored", name)


async def monthly_report(request: Request) -> JSONResponse:
    name = request.path_params["name"]
    rows = [{"day": day, "orders": day * 3} for day in range(1, 31)]
    task = Task(store_report, name)
    return JSONResponse({"report": name, "rows": rows}, background=task)


app = Lilya(
    routes=[Path("/reports/{name}", monthly_report)],
    middleware=[
        DefineMiddleware(GZipMiddleware, minimum_size=500),
        DefineMiddleware(ServerTiming),
    ],
)
