import logging

from pydantic import BaseModel
from ravyn import BackgroundTask, JSONResponse, Ravyn, post

from .body_limit import LimitBody

log = logging.getLogger(__name__)
outbox: list[dict[str, str]] = []


class Registration(BaseModel):
    email: str


async def send_confirmation(email: str) -> None:
    outbox.append({"to": email, "subject": "Confirm your account"})
    log.info("e-mail sent to %s", email)


@post("/register")
async def register(data: Registration) -> JSONResponse:
    return JSONResponse(
        {"registered": data.email},
        status_code=201,
        background=BackgroundTask(send_confirmation, email=data.email),
    )


app = Ravyn(routes=[register], middleware=[LimitBody])
