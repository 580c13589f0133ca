import logging

from pydantic import BaseModel
from ravyn import BackgroundTasks, JSONResponse, Ravyn, post

from .body_limit import LimitBody

log = logging.getLogger(__name__)
outbox: list[dict[str, str]] = []
newsletter: list[str] = []


class Registration(BaseModel):
    email: str
    newsletter: bool = False


async def send_confirmation(email: str) -> None:
    outbox.append({"to": email, "subject": "Confirm your account"})
    log.info("e-mail sent to %s", email)


def subscribe(email: str, topic: str) -> None:
    newsletter.append(f"{email}:{topic}")
    log.info("%s subscribed to %s", email, topic)


@post("/register")
async def register(data: Registration) -> JSONResponse:
    tasks = BackgroundTasks()
    tasks.add_task(send_confirmation, email=data.email)
    if data.newsletter:
        tasks.add_task(subscribe, data.email, topic="releases")
    return JSONResponse(
        {"registered": data.email}, status_code=201, background=tasks
    )


app = Ravyn(routes=[register], middleware=[LimitBody])
