import logging
import time

import anyio.to_thread
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

log = logging.getLogger(__name__)
WORKER_THREADS = 100
resized: list[str] = []


def resize(photo: str) -> None:
    time.sleep(2)  # slow blocking work: it holds a worker thread meanwhile
    resized.append(photo)
    log.info("%s resized", photo)


async def upload(request: Request) -> JSONResponse:
    photo = request.path_params["photo"]
    return JSONResponse({"photo": photo}, 202, background=Task(resize, photo))


def photo_count(request: Request) -> JSONResponse:  # def: it needs a thread too
    return JSONResponse({"resized": len(resized)})


async def threads(request: Request) -> JSONResponse:
    limiter = anyio.to_thread.current_default_thread_limiter()
    busy = limiter.borrowed_tokens
    return JSONResponse({"limit": limiter.total_tokens, "busy": busy})


async def more_worker_threads() -> None:
    limiter = anyio.to_thread.current_default_thread_limiter()
    limiter.total_tokens = WORKER_THREADS


app = Lilya(
    routes=[
        Path("/photos/{photo}", upload, methods=["PUT"]),
        Path("/photos", photo_count),
        Path("/threads", threads),
    ],
    on_startup=[more_worker_threads],
)
