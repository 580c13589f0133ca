import logging

from pydantic import BaseModel
from ravyn import BackgroundTask, Ravyn, post

from .body_limit import LimitBody

log = logging.getLogger(__name__)
audit_log: list[str] = []


class Registration(BaseModel):
    email: str


def write_audit_entry(event: str) -> None:
    audit_log.append(event)
    log.info("audit entry written: %s", event)


@post(
    "/register",
    background=BackgroundTask(write_audit_entry, "user registered"),
)
async def register(data: Registration) -> dict[str, str]:
    return {"registered": data.email}


app = Ravyn(routes=[register], middleware=[LimitBody])
