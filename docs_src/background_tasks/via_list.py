import logging

from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from .handler_tasks import with_background
from .json_body import read_json

log = logging.getLogger(__name__)
outbox: list[dict[str, str]] = []
audit_log: list[str] = []
stats = {"registrations": 0}


async def send_confirmation(email: str) -> None:
    outbox.append({"to": email, "subject": "Confirm your account"})
    log.info("e-mail sent to %s", email)


def write_audit_entry(event: str) -> None:
    audit_log.append(event)
    log.info("audit entry written: %s", event)


def count_registration() -> None:
    stats["registrations"] += 1
    log.info("registrations: %d", stats["registrations"])


@with_background(
    Task(write_audit_entry, "user registered"),
    Task(count_registration),
)
async def register(request: Request) -> JSONResponse:
    data = await read_json(request, "email")
    return JSONResponse(
        {"registered": data["email"]},
        status_code=201,
        background=Task(send_confirmation, email=data["email"]),
    )


app = Lilya(routes=[Path("/register", register, methods=["POST"])])
