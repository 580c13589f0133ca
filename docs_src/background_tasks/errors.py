import logging

import anyio
from lilya.apps import Lilya
from lilya.background import Task, Tasks
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

log = logging.getLogger(__name__)
done: list[str] = []


def reserve_stock(order_id: str) -> None:
    done.append(f"stock reserved for {order_id}")
    log.info("stock reserved for %s", order_id)


async def send_receipt(order_id: str) -> None:
    raise ConnectionError(f"mail server down, no receipt sent for {order_id}")


async def update_recommendations(order_id: str) -> None:
    await anyio.sleep(5)  # slow work, still running when send_receipt fails
    done.append(f"recommendations updated for {order_id}")
    log.info("recommendations updated for %s", order_id)


async def checkout(request: Request) -> JSONResponse:
    order_id = request.path_params["order_id"]
    as_group = request.query_params.get("mode") == "group"
    tasks = Tasks(
        tasks=[
            Task(reserve_stock, order_id),
            Task(send_receipt, order_id),
            Task(update_recommendations, order_id),
        ],
        as_group=as_group,
    )
    return JSONResponse({"order": order_id, "status": "paid"}, background=tasks)


app = Lilya(routes=[Path("/orders/{order_id}/pay", checkout, methods=["POST"])])
