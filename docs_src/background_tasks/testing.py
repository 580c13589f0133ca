from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path
from lilya.testclient import TestClient

log: list[str] = []  # what happened, in order: ASGI messages and task runs


def send_confirmation(email: str) -> None:
    log.append(f"task: {email}")


async def register(request: Request) -> JSONResponse:
    email = (await request.json())["email"]
    task = Task(send_confirmation, email)
    return JSONResponse({"registered": email}, 201, background=task)


app = Lilya(routes=[Path("/register", register, methods=["POST"])])


def test_the_confirmation_is_sent():
    log.clear()
    client = TestClient(app)
    response = client.post("/register", json={"email": "ana@example.com"})
    assert response.status_code == 201
    assert log == ["task: ana@example.com"]  # done by the time post() returns


def test_the_task_starts_after_the_response_is_sent():
    log.clear()

    async def recorded(scope, receive, send):
        async def send_and_log(message):
            await send(message)
            log.append(message["type"])

        await app(scope, receive, send_and_log)

    TestClient(recorded).post("/register", json={"email": "bo@example.com"})
    assert log == [
        "http.response.start",
        "http.response.body",
        "task: bo@example.com",
    ]
