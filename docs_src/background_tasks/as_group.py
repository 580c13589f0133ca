import logging

import anyio
from lilya.apps import Lilya
from lilya.background import Tasks
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from .json_body import read_json

log = logging.getLogger(__name__)
notified: list[str] = []


async def notify(service: str, order_id: str) -> None:
    await anyio.sleep(0.1)  # stands for a call over the network
    notified.append(f"{service}:{order_id}")
    log.info("%s notified of order %s", service, order_id)


async def place_order(request: Request) -> JSONResponse:
    order = await read_json(request, "id")
    tasks = Tasks(as_group=True)
    for service in ("warehouse", "billing", "analytics"):
        tasks.add_task(notify, service, order["id"])
    return JSONResponse({"order": order["id"]}, 201, background=tasks)


app = Lilya(routes=[Path("/orders", place_order, methods=["POST"])])
