"""Nothing limits how many `async def` tasks run at the same time: on uvicorn with its default settings, the tasks
of 100 requests, more than anyio's 40 worker threads, are all running at once."""

import threading

import anyio
import httpx2
from lilya.apps import Lilya
from lilya.background import Task
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import TIMEOUT, serve

REQUESTS = 100


class Meeting:
    """Each task comes in and waits until all REQUESTS tasks are in at once; only then do they all end."""

    def __init__(self) -> None:
        self.inside = 0
        self.all_in: anyio.Event | None = None
        self.ended = threading.Semaphore(0)

    async def attend(self) -> None:
        self.all_in = self.all_in or anyio.Event()
        self.inside += 1
        if self.inside == REQUESTS:
            self.all_in.set()
        with anyio.fail_after(TIMEOUT):
            await self.all_in.wait()
        self.ended.release()


def test_on_uvicorn_the_async_def_tasks_of_100_requests_all_run_at_the_same_time():
    meeting = Meeting()

    async def handler() -> PlainText:
        return PlainText("accepted", background=Task(meeting.attend))

    with serve(Lilya(routes=[Path("/", handler)])) as served:
        for _ in range(REQUESTS):  # one after another: each answer comes while the earlier tasks still wait
            assert httpx2.get(served.url + "/", timeout=TIMEOUT).status_code == 200
        assert all(meeting.ended.acquire(timeout=TIMEOUT) for _ in range(REQUESTS)), meeting.inside
    assert meeting.inside == REQUESTS
