import logging

import anyio
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

log = logging.getLogger(__name__)
MAX_AT_ONCE = 4  # the mail service takes at most 4 connections
mail_slots = anyio.CapacityLimiter(MAX_AT_ONCE)


async def send_invoice(order_id: int) -> None:
    async with mail_slots:  # waits here while 4 invoices are being sent
        await anyio.sleep(0.2)  # stands for the call to the mail service
        log.info("invoice for order %d sent", order_id)


async def close_order(request: Request) -> JSONResponse:
    order_id = request.path_params["order_id"]
    return JSONResponse(
        {"order": order_id, "status": "closed"},
        status_code=202,
        background=Task(send_invoice, order_id),
    )


app = Lilya(
    routes=[
        Path("/orders/{order_id:int}/close", close_order, methods=["POST"]),
    ]
)
