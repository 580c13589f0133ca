import logging

from lilya.apps import Lilya
from lilya.background import Task
from lilya.exceptions import HTTPException
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

log = logging.getLogger(__name__)
taken = {"ana"}
welcomed: list[str] = []
refusals: list[str] = []


def send_welcome(name: str) -> None:
    welcomed.append(name)
    log.info("welcome sent to %s", name)


def record_refusal(path: str) -> None:
    refusals.append(path)
    log.info("refusal recorded for %s", path)


async def sign_up(request: Request) -> JSONResponse:
    name = request.path_params["name"]
    welcome = Task(send_welcome, name)
    if name in taken:
        raise HTTPException(status_code=409, detail=f"{name} is taken")
    taken.add(name)
    return JSONResponse({"name": name}, 201, background=welcome)


def refuse(request: Request, exc: HTTPException) -> JSONResponse:
    refusal = Task(record_refusal, request.url.path)
    body = {"detail": exc.detail}
    return JSONResponse(body, exc.status_code, background=refusal)


app = Lilya(
    routes=[Path("/users/{name}", sign_up, methods=["PUT"])],
    exception_handlers={HTTPException: refuse},
)
