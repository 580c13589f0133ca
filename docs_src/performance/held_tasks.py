import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import anyio
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

SHUTDOWN_WAIT_S = 20.0
log = logging.getLogger(__name__)
held: set[asyncio.Task[None]] = set()


def forget(task: asyncio.Task[None]) -> None:
    held.discard(task)
    if not task.cancelled() and task.exception() is not None:
        log.error("%s failed", task.get_name(), exc_info=task.exception())


async def hand_off(work: Callable[..., Awaitable[None]], *args: object) -> None:
    loop = asyncio.get_running_loop()
    task = loop.create_task(work(*args), name=work.__name__)
    held.add(task)
    task.add_done_callback(forget)


async def notify_warehouse(order_id: int) -> None:
    await anyio.sleep(2)  # stands for a call that waits on the network
    log.info("warehouse notified of order %d", order_id)


async def place_order(request: Request) -> JSONResponse:
    order_id = request.path_params["order_id"]
    return JSONResponse(
        {"order": order_id, "status": "accepted"},
        status_code=202,
        background=Task(hand_off, notify_warehouse, order_id),
    )


@asynccontextmanager
async def lifespan(app: Lilya) -> AsyncIterator[None]:
    yield
    waiting = set(held)
    if waiting:
        _, waiting = await asyncio.wait(waiting, timeout=SHUTDOWN_WAIT_S)
    for task in waiting:
        task.cancel()
        log.warning("%s cancelled at shutdown", task.get_name())
    await asyncio.gather(*waiting, return_exceptions=True)


app = Lilya(
    routes=[Path("/orders/{order_id:int}", place_order, methods=["POST"])],
    lifespan=lifespan,
)
