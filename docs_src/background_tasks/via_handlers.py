from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from docs_src.background_tasks.handler_tasks import with_background

audit_log: list[str] = []


def write_audit_entry(event: str) -> None:
    audit_log.append(event)


@with_background(Task(write_audit_entry, "user registered"))
async def register(request: Request) -> JSONResponse:
    data = await request.json()
    return JSONResponse({"registered": data["email"]}, status_code=201)


app = Lilya(routes=[Path("/register", register, methods=["POST"])])
