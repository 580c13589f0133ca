import functools
import logging
from collections.abc import Awaitable, Callable

import anyio
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

log = logging.getLogger(__name__)
receipts: list[str] = []
failures = {"mail": 0}  # how many calls the mail server will still refuse


def retried(attempts: int, first_delay: float) -> Callable:
    """Retry an async task function, waiting twice as long each time; log an
    error, with the traceback, when the last attempt fails too."""

    def decorate(func: Callable[..., Awaitable[None]]) -> Callable:
        @functools.wraps(func)
        async def run(*args, **kwargs) -> None:
            attempt = 1
            while True:
                try:
                    return await func(*args, **kwargs)
                except ConnectionError:
                    if attempt == attempts:
                        log.exception("gave up on %s", func.__name__)
                        raise
                await anyio.sleep(first_delay * 2 ** (attempt - 1))
                attempt += 1

        return run

    return decorate


@retried(attempts=3, first_delay=0.5)
async def send_receipt(order_id: str) -> None:
    if failures["mail"] > 0:
        failures["mail"] -= 1
        raise ConnectionError("mail server unreachable")
    receipts.append(order_id)
    log.info("receipt sent for %s", order_id)


async def pay(request: Request) -> JSONResponse:
    order_id = request.path_params["order_id"]
    task = Task(send_receipt, order_id)
    return JSONResponse({"order": order_id, "status": "paid"}, background=task)


app = Lilya(routes=[Path("/orders/{order_id}/pay", pay, methods=["POST"])])
