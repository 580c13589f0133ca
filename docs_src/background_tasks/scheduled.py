import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import anyio
from lilya.apps import Lilya
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

log = logging.getLogger(__name__)
REFRESH_EVERY_S = 60.0
RUN_TIMEOUT_S = 10.0
rates: dict[str, float] = {}


async def refresh_rates() -> None:
    rates.update({"EUR": 1.0, "USD": 1.08})  # stands for a rates service
    log.info("rates refreshed")


async def every(seconds: float, job: Callable[[], Awaitable[None]]) -> None:
    while True:
        await anyio.sleep(seconds)
        try:
            with anyio.fail_after(RUN_TIMEOUT_S):
                await job()
        except Exception:  # a failed or stuck run does not end the schedule
            log.exception("%s failed", job.__name__)


@asynccontextmanager
async def lifespan(app: Lilya) -> AsyncIterator[None]:
    await refresh_rates()  # before the first request is served
    async with anyio.create_task_group() as schedule:
        schedule.start_soon(every, REFRESH_EVERY_S, refresh_rates)
        yield
        schedule.cancel_scope.cancel()


async def rate(request: Request) -> JSONResponse:
    currency = request.path_params["currency"]
    if currency not in rates:
        return JSONResponse({"detail": "unknown currency"}, status_code=404)
    return JSONResponse({"currency": currency, "rate": rates[currency]})


app = Lilya(routes=[Path("/rates/{currency}", rate)], lifespan=lifespan)
