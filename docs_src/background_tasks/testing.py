import logging

from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path
from lilya.testclient import TestClient

from .json_body import read_json

log = logging.getLogger(__name__)
events: list[str] = []  # what happened, in order: ASGI messages and task runs


def send_confirmation(email: str) -> None:
    events.append(f"task: {email}")
    log.info("e-mail sent to %s", email)


async def register(request: Request) -> JSONResponse:
    email = (await read_json(request, "email"))["email"]
    task = Task(send_confirmation, email)
    return JSONResponse({"registered": email}, 201, background=task)


app = Lilya(routes=[Path("/register", register, methods=["POST"])])


def test_the_confirmation_is_sent():
    events.clear()
    client = TestClient(app)
    response = client.post("/register", json={"email": "ana@example.com"})
    assert response.status_code == 201
    assert events == ["task: ana@example.com"]  # done when post() returns


def test_the_task_starts_after_the_response_is_sent():
    events.clear()

    async def recorded(scope, receive, send):
        async def send_and_log(message):
            await send(message)
            events.append(message["type"])

        await app(scope, receive, send_and_log)

    TestClient(recorded).post("/register", json={"email": "bo@example.com"})
    assert events == [
        "http.response.start",
        "http.response.body",
        "task: bo@example.com",
    ]
