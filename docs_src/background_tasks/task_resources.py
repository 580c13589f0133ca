import contextlib
import logging
from collections.abc import AsyncIterator

from lilya.apps import Lilya
from lilya.background import Task
from lilya.dependencies import Provide
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from .json_body import read_json

log = logging.getLogger(__name__)
table: list[dict[str, str]] = []  # stands in for a database table


class Session:
    """Stands in for a database session: it refuses work once closed."""

    def __init__(self) -> None:
        self.closed = False

    def add(self, row: dict[str, str]) -> None:
        if self.closed:
            raise RuntimeError("this session is closed")
        table.append(row)


@contextlib.asynccontextmanager
async def open_session() -> AsyncIterator[Session]:
    session = Session()
    try:
        yield session
    finally:
        session.closed = True


async def request_session() -> AsyncIterator[Session]:  # the dependency
    async with open_session() as session:
        yield session


async def record_sign_up(email: str, agent: str) -> None:
    async with open_session() as session:  # its own, closed when done
        session.add({"event": "signed up", "email": email, "agent": agent})
    log.info("sign-up of %s recorded", email)


async def sign_up(request: Request, session: Session) -> JSONResponse:
    email = (await read_json(request, "email"))["email"]
    session.add({"event": "user created", "email": email})
    agent = request.headers.get("user-agent", "unknown")
    task = Task(record_sign_up, email, agent)  # plain values, not the request
    return JSONResponse({"email": email}, 201, background=task)


app = Lilya(
    routes=[Path("/users", sign_up, methods=["POST"])],
    dependencies={"session": Provide(request_session)},
)
