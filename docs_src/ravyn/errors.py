import logging

from ravyn import BackgroundTask, BackgroundTasks, JSONResponse, Ravyn, post

from .body_limit import LimitBody

log = logging.getLogger(__name__)
sales: list[str] = []


async def send_receipt(order_id: str) -> None:
    raise ConnectionError(f"mail server down, no receipt for {order_id}")


def record_sale(order_id: str) -> None:
    sales.append(order_id)
    log.info("sale %s recorded", order_id)


@post("/orders/{order_id}/pay")
async def pay(order_id: str) -> JSONResponse:
    tasks = BackgroundTasks(
        tasks=[
            BackgroundTask(send_receipt, order_id),
            BackgroundTask(record_sale, order_id),
        ]
    )
    return JSONResponse({"order": order_id, "status": "paid"}, background=tasks)


app = Ravyn(routes=[pay], middleware=[LimitBody])
