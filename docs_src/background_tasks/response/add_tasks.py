import logging

from lilya.apps import Lilya
from lilya.background import Tasks
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from ..json_body import read_json

log = logging.getLogger(__name__)
outbox: list[dict[str, str]] = []
newsletter: list[str] = []


async def send_confirmation(email: str) -> None:
    outbox.append({"to": email, "subject": "Confirm your account"})
    log.info("e-mail sent to %s", email)


def subscribe(email: str, topic: str) -> None:
    newsletter.append(f"{email}:{topic}")
    log.info("%s subscribed to %s", email, topic)


async def register(request: Request) -> JSONResponse:
    data = await read_json(request, "email")
    tasks = Tasks()
    tasks.add_task(send_confirmation, email=data["email"])
    if data.get("newsletter"):
        tasks.add_task(subscribe, data["email"], topic="releases")
    return JSONResponse({"registered": data["email"]}, 201, background=tasks)


app = Lilya(routes=[Path("/register", register, methods=["POST"])])
