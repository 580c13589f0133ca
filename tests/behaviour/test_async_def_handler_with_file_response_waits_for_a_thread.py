"""Past anyio's worker-thread limit, not every `async def` handler keeps being answered: one that returns a
`FileResponse` needs a worker thread too (Lilya stats and reads the file through anyio's threads), so its request waits
until a `def` task lets a thread go, while an `async def` handler that uses no thread is answered meanwhile."""

import threading

import httpx2
from lilya.apps import Lilya
from lilya.responses import FileResponse
from lilya.routing import Path

from docs_src.background_tasks import thread_limit
from tests.proof import STILL, TIMEOUT, get_in_background, serve


def test_past_the_limit_an_async_def_handler_returning_a_file_response_waits_for_a_thread(monkeypatch, tmp_path):
    photo_file = tmp_path / "photo.txt"
    photo_file.write_text("a photo", encoding="utf-8")

    async def download(request) -> FileResponse:
        return FileResponse(photo_file)

    app = Lilya(
        routes=[
            Path("/photos/{photo}", thread_limit.upload, methods=["PUT"]),
            Path("/threads", thread_limit.threads),
            Path("/download", download),
        ],
        on_startup=[thread_limit.more_worker_threads],
    )
    monkeypatch.setattr(thread_limit, "WORKER_THREADS", 2)
    monkeypatch.setattr(thread_limit, "resized", [])
    gate, holding = threading.Event(), threading.Condition()
    running: list[str] = []

    def held(seconds: float) -> None:
        with holding:
            running.append(threading.current_thread().name)
            holding.notify_all()
        gate.wait(TIMEOUT)

    monkeypatch.setattr(thread_limit.time, "sleep", held)
    try:
        with serve(app, lifespan="on") as served:
            for photo in ("a", "b"):
                httpx2.put(f"{served.url}/photos/{photo}", timeout=TIMEOUT).raise_for_status()
            with holding:
                assert holding.wait_for(lambda: len(running) == 2, TIMEOUT), running
            download_request = get_in_background(served.url + "/download")
            assert httpx2.get(served.url + "/threads", timeout=TIMEOUT).json() == {"limit": 2, "busy": 2}
            assert not download_request.answered.wait(STILL), "the FileResponse was sent without a worker thread"
            gate.set()
            assert download_request.answered.wait(TIMEOUT)
            assert download_request.responses[0].text == "a photo"
    finally:
        gate.set()
