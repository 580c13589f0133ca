import logging

from lilya.apps import Lilya
from lilya.background import Task, Tasks
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from ..json_body import read_json

log = logging.getLogger(__name__)
outbox: list[dict[str, str]] = []
audit_log: list[str] = []


async def send_confirmation(email: str) -> None:
    outbox.append({"to": email, "subject": "Confirm your account"})
    log.info("e-mail sent to %s", email)


def write_audit_entry(event: str) -> None:
    audit_log.append(event)
    log.info("audit entry written: %s", event)


async def register(request: Request) -> JSONResponse:
    data = await read_json(request, "email")
    tasks = Tasks(
        tasks=[
            Task(send_confirmation, email=data["email"]),
            Task(write_audit_entry, f"registered {data['email']}"),
        ]
    )
    return JSONResponse({"registered": data["email"]}, 201, background=tasks)


app = Lilya(routes=[Path("/register", register, methods=["POST"])])
