import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator

import anyio
import dramatiq
import httpx2
import pytest
import redis
from dramatiq import Message
from lilya.requests import Request
from redis.asyncio import Redis

from docs_src.job_queue import web, worker
from docs_src.job_queue.limits import MAX_UPLOAD_BYTES
from docs_src.job_queue.storage import UPLOAD_TTL, outcome_key, state_key, upload_key
from tests.docs_src.job_queue.client import CONTENT, post_upload, status_of
from tests.docs_src.job_queue.holds import AT_START, EVERY_UPLOAD, held_line, hold, release
from tests.docs_src.job_queue.processes import HELD_WORKER, notifications, web_app
from tests.docs_src.job_queue.processes import worker as worker_process
from tests.large_bodies import MEMORY_MARGIN, peak_memory, send_body
from tests.proof import TIMEOUT, logged_by, serve


def queued_messages(client: redis.Redis) -> list[dict]:
    """The messages waiting in dramatiq's queue, as stored: JSON, which reading runs no code of."""
    stored = client.hgetall("dramatiq:default.msgs")
    return [json.loads(stored[message_id]) for message_id in client.lrange("dramatiq:default", 0, -1)]


def test_the_202_comes_once_the_upload_is_stored_and_its_job_queued(on_broker, served_web):
    with logged_by(web) as logged:
        response = httpx2.post(served_web.url + "/uploads", content=CONTENT, timeout=TIMEOUT)
    assert response.status_code == 202
    upload_id = response.json()["id"]
    assert response.json() == {"id": upload_id, "status": "queued"}
    assert response.headers["location"] == f"/uploads/{upload_id}"
    assert on_broker.get(upload_key(upload_id)) == CONTENT
    assert 0 < on_broker.ttl(upload_key(upload_id)) <= UPLOAD_TTL
    assert 0 < on_broker.ttl(state_key(upload_id)) <= UPLOAD_TTL
    (message,) = queued_messages(on_broker)
    assert (message["actor_name"], message["args"], message["kwargs"]) == ("process_upload", [upload_id], {})
    assert logged.lines == [f"upload {upload_id} queued"]


def test_the_job_is_sent_from_a_worker_thread_not_the_event_loops(on_broker, served_web, monkeypatch):
    """dramatiq's send() waits on Redis with a blocking call: made on the event loop's thread, it would stop every
    other request meanwhile."""
    handler_threads: list[threading.Thread] = []
    sent_from: list[threading.Thread] = []
    read_body, send = web.read_body, worker.process_upload.send

    async def recording_read_body(request: Request) -> bytearray | None:
        handler_threads.append(threading.current_thread())
        return await read_body(request)

    def recording_send(*args: str) -> Message:
        sent_from.append(threading.current_thread())
        return send(*args)

    monkeypatch.setattr(web, "read_body", recording_read_body)
    monkeypatch.setattr(worker.process_upload, "send", recording_send)
    post_upload(served_web.url)
    assert len(handler_threads) == len(sent_from) == 1 and sent_from[0] is not handler_threads[0]
    assert len(queued_messages(on_broker)) == 1


def test_a_job_waiting_for_a_worker_is_queued(served_web):
    upload_id = post_upload(served_web.url)
    assert status_of(served_web.url, upload_id).json() == {"id": upload_id, "status": "queued"}


def test_a_job_a_worker_has_taken_is_processing(served_web):
    upload_id = post_upload(served_web.url)
    worker.begin_try(upload_id)  # what the job does first
    assert status_of(served_web.url, upload_id).json() == {"id": upload_id, "status": "processing"}


def test_a_job_whose_try_failed_and_will_run_again_is_retrying(served_web, monkeypatch):
    monkeypatch.setattr(worker, "SCANNER_URL", "http://127.0.0.1:9/scan")  # nothing listens there
    upload_id = post_upload(served_web.url)
    with pytest.raises(dramatiq.Retry):
        worker.process_upload(upload_id)
    assert status_of(served_web.url, upload_id).json() == {"id": upload_id, "status": "retrying"}


def test_a_recorded_outcome_is_the_answer(on_broker, served_web):
    upload_id = post_upload(served_web.url)
    outcome = {"status": "done", "size": 3, "sha256": "ab", "verdict": "clean"}
    assert worker.record_once(upload_id, outcome)
    assert not on_broker.exists(state_key(upload_id))
    assert status_of(served_web.url, upload_id).json() == {"id": upload_id, **outcome}


def test_an_outcome_is_the_answer_even_beside_a_state(on_broker, served_web):
    upload_id = post_upload(served_web.url)
    on_broker.set(outcome_key(upload_id), json.dumps({"status": "done"}))
    assert status_of(served_web.url, upload_id).json() == {"id": upload_id, "status": "done"}


def test_an_unknown_upload_is_404(served_web):
    response = status_of(served_web.url, "0" * 32)
    assert (response.status_code, response.json()) == (404, {"detail": "unknown upload"})


@pytest.mark.parametrize("asked", ["nope", "0" * 31, "0" * 33, "A" * 32, "0" * 31 + ":"])
def test_an_id_that_upload_never_gives_is_404_without_asking_redis(on_broker, served_web, asked):
    """A key of the right shape, stored by someone else, stays unread: the id is checked before Redis is asked."""
    on_broker.set(state_key(asked), "queued")
    response = status_of(served_web.url, asked)
    assert (response.status_code, response.json()) == (404, {"detail": "unknown upload"})


def test_the_client_has_its_202_while_the_job_waits_at_its_start(broker, served_web, scanner_url):
    """Every job is held at its start until the test has the 202: a handler that waited for its job would not answer."""
    hold(broker.url, EVERY_UPLOAD, AT_START)
    with worker_process(broker.url, scanner_url, HELD_WORKER) as held:
        upload_id = post_upload(served_web.url)
        assert held.said(held_line(AT_START, upload_id)), held.output
        assert status_of(served_web.url, upload_id).json()["status"] == "processing"
        release(broker.url, upload_id)
        assert notifications(broker.url, 1) == [json.dumps({"id": upload_id, "status": "done"})]
    assert status_of(served_web.url, upload_id).json()["status"] == "done"


def test_a_job_outlives_the_web_server_killed_right_after_its_202(broker, scanner_url):
    with web_app(broker.url) as (url, first):
        upload_id = post_upload(url)
        first.kill()
    with worker_process(broker.url, scanner_url):
        assert notifications(broker.url, 1) == [json.dumps({"id": upload_id, "status": "done"})]
    with web_app(broker.url) as (url, _):
        answer = status_of(url, upload_id).json()
    assert (answer["status"], answer["size"]) == ("done", len(CONTENT))


def test_an_upload_over_the_limit_is_refused_with_413_and_nothing_is_stored_or_queued(on_broker, served_web):
    answer = httpx2.post(served_web.url + "/uploads", content=b"x" * (MAX_UPLOAD_BYTES + 1), timeout=TIMEOUT)
    assert (answer.status_code, answer.json()) == (413, {"detail": f"an upload holds at most {MAX_UPLOAD_BYTES} bytes"})
    assert on_broker.keys("*") == []


def test_on_uvicorn_a_300_mib_body_raises_the_servers_memory_by_at_most_the_limit_and_4_mib(broker):
    with web_app(broker.url) as (url, server):
        before = peak_memory(server.process.pid)
        assert send_body(url, "/uploads", size=300 * 1024 * 1024, chunked=True) == 413
        grown = peak_memory(server.process.pid) - before
    assert grown <= MAX_UPLOAD_BYTES + MEMORY_MARGIN, grown


def test_on_uvicorn_storing_an_upload_of_the_limit_takes_at_most_three_times_the_limit_and_4_mib(broker):
    """The bytes read, and two copies while they are sent to Redis: redis-py hands the memoryview to asyncio, whose
    transport (Python 3.11) joins the command's parts into one buffer and copies what the socket did not take at
    once."""
    with web_app(broker.url) as (url, server):
        before = peak_memory(server.process.pid)
        assert send_body(url, "/uploads", size=MAX_UPLOAD_BYTES) == 202
        grown = peak_memory(server.process.pid) - before
    assert grown <= 3 * MAX_UPLOAD_BYTES + MEMORY_MARGIN, grown


@pytest.fixture
def silent_redis() -> Iterator[str]:
    """The URL of a server on 127.0.0.1 that takes connections and never answers, as a Redis that hangs would."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        taken: list[socket.socket] = []
        done = threading.Event()

        def take() -> None:
            server.settimeout(0.1)
            while not done.is_set():
                with contextlib.suppress(TimeoutError):
                    taken.append(server.accept()[0])

        taker = threading.Thread(target=take)
        taker.start()
        try:
            yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
        finally:
            done.set()
            taker.join(TIMEOUT)
            for connection in taken:
                connection.close()


def test_a_redis_that_does_not_answer_fails_the_upload_after_the_timeout_instead_of_holding_it(
    silent_redis, monkeypatch
):
    monkeypatch.setattr(web, "REDIS_URL", silent_redis)
    monkeypatch.setattr(web, "REDIS_TIMEOUTS", {**web.REDIS_TIMEOUTS, "socket_timeout": 0.5})
    with serve(web.app, lifespan="on") as served:
        started = time.monotonic()
        response = httpx2.post(served.url + "/uploads", content=CONTENT, timeout=TIMEOUT)
        waited = time.monotonic() - started
    assert response.status_code == 500
    assert 0.5 <= waited < TIMEOUT, waited


def test_the_lifespan_opens_one_redis_client_and_closes_it_when_the_app_stops(on_broker):
    def connected(client: Redis) -> int:
        pool = client.connection_pool
        return sum(connection.is_connected for connection in [*pool._available_connections, *pool._in_use_connections])

    async def run() -> tuple[int, int]:
        async with web.lifespan(web.app):
            client = web.app.state.redis
            await client.ping()
            opened = connected(client)
        return opened, connected(client)

    assert anyio.run(run) == (1, 0)
