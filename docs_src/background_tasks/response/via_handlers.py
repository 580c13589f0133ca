import logging

from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from ..json_body import read_json

log = logging.getLogger(__name__)
outbox: list[dict[str, str]] = []


async def send_confirmation(email: str) -> None:
    outbox.append({"to": email, "subject": "Confirm your account"})
    log.info("e-mail sent to %s", email)


async def register(request: Request) -> JSONResponse:
    data = await read_json(request, "email")
    return JSONResponse(
        {"registered": data["email"]},
        status_code=201,
        background=Task(send_confirmation, email=data["email"]),
    )


app = Lilya(routes=[Path("/register", register, methods=["POST"])])
