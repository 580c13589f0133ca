import logging

from pydantic import BaseModel
from ravyn import BackgroundTask, BackgroundTasks, Ravyn, post

from .body_limit import LimitBody

log = logging.getLogger(__name__)
audit_log: list[str] = []
registrations = {"count": 0}


class Registration(BaseModel):
    email: str


def write_audit_entry(event: str) -> None:
    audit_log.append(event)
    log.info("audit entry written: %s", event)


async def count_registration() -> None:
    registrations["count"] += 1
    log.info("registrations so far: %d", registrations["count"])


@post(
    "/register",
    background=BackgroundTasks(
        tasks=[
            BackgroundTask(write_audit_entry, "user registered"),
            BackgroundTask(count_registration),
        ]
    ),
)
async def register(data: Registration) -> dict[str, str]:
    return {"registered": data.email}


app = Ravyn(routes=[register], middleware=[LimitBody])
