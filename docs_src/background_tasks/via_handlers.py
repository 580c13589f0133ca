import logging

from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from .handler_tasks import with_background
from .json_body import read_json

log = logging.getLogger(__name__)
audit_log: list[str] = []


def write_audit_entry(event: str) -> None:
    audit_log.append(event)
    log.info("audit entry written: %s", event)


@with_background(Task(write_audit_entry, "user registered"))
async def register(request: Request) -> JSONResponse:
    data = await read_json(request, "email")
    return JSONResponse({"registered": data["email"]}, status_code=201)


app = Lilya(routes=[Path("/register", register, methods=["POST"])])
