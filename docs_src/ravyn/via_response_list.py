import logging

from pydantic import BaseModel
from ravyn import BackgroundTask, BackgroundTasks, JSONResponse, Ravyn, post

from .body_limit import LimitBody

log = logging.getLogger(__name__)
outbox: list[dict[str, str]] = []
audit_log: list[str] = []


class Registration(BaseModel):
    email: str


async def send_confirmation(email: str) -> None:
    outbox.append({"to": email, "subject": "Confirm your account"})
    log.info("e-mail sent to %s", email)


def write_audit_entry(event: str) -> None:
    audit_log.append(event)
    log.info("audit entry written: %s", event)


@post("/register")
async def register(data: Registration) -> JSONResponse:
    tasks = BackgroundTasks(
        tasks=[
            BackgroundTask(send_confirmation, email=data.email),
            BackgroundTask(write_audit_entry, "user registered"),
        ]
    )
    return JSONResponse(
        {"registered": data.email}, status_code=201, background=tasks
    )


app = Ravyn(routes=[register], middleware=[LimitBody])
