import json

import anyio
import httpx2
import redis
from arq import create_pool
from arq.connections import RedisSettings
from arq.constants import default_queue_name, in_progress_key_prefix, job_key_prefix

from docs_src.job_queue import web
from docs_src.job_queue.limits import MAX_UPLOAD_BYTES
from docs_src.job_queue.storage import JSON_JOBS, UPLOAD_TTL, outcome_key, upload_key
from tests.docs_src.job_queue.client import CONTENT, post_upload, status_of
from tests.docs_src.job_queue.held_worker import AT_START, EVERY_UPLOAD, held_line, hold, release
from tests.docs_src.job_queue.processes import HELD_WORKER, notifications, web_app, worker
from tests.large_bodies import peak_memory, send_body
from tests.proof import TIMEOUT, logged_by


def test_the_202_comes_once_the_upload_is_stored_and_its_job_queued(broker, served_web):
    with logged_by(web) as logged:
        response = httpx2.post(served_web.url + "/uploads", content=CONTENT, timeout=TIMEOUT)
    assert response.status_code == 202
    upload_id = response.json()["id"]
    assert response.json() == {"id": upload_id, "status": "queued"}
    assert response.headers["location"] == f"/uploads/{upload_id}"
    with redis.Redis.from_url(broker.url) as client:
        assert client.get(upload_key(upload_id)) == CONTENT
        assert 0 < client.ttl(upload_key(upload_id)) <= UPLOAD_TTL
        assert client.exists(job_key_prefix + upload_id) == 1
        assert client.zscore(default_queue_name, upload_id) is not None
    assert logged.lines == [f"upload {upload_id} queued"]


def test_a_job_waiting_for_a_worker_is_queued(served_web):
    upload_id = post_upload(served_web.url)
    assert status_of(served_web.url, upload_id).json() == {"id": upload_id, "status": "queued"}


def test_a_job_a_worker_has_taken_is_processing(broker, served_web):
    upload_id = post_upload(served_web.url)
    with redis.Redis.from_url(broker.url) as client:
        client.set(in_progress_key_prefix + upload_id, b"1")  # what a worker writes when it takes the job
    assert status_of(served_web.url, upload_id).json() == {"id": upload_id, "status": "processing"}


def test_a_job_deferred_to_a_later_try_is_retrying(broker, served_web):
    async def enqueue_deferred() -> None:
        queue = await create_pool(RedisSettings.from_dsn(broker.url), **JSON_JOBS)
        await queue.enqueue_job("process_upload", "later", _job_id="later", _defer_by=60)
        await queue.aclose()

    anyio.run(enqueue_deferred)
    assert status_of(served_web.url, "later").json() == {"id": "later", "status": "retrying"}


def test_a_recorded_outcome_is_the_answer(broker, served_web):
    upload_id = post_upload(served_web.url)
    outcome = {"status": "done", "size": 3, "sha256": "ab", "verdict": "clean"}
    with redis.Redis.from_url(broker.url) as client:
        client.set(outcome_key(upload_id), json.dumps(outcome))
    assert status_of(served_web.url, upload_id).json() == {"id": upload_id, **outcome}


def test_an_unknown_upload_is_404(served_web):
    response = status_of(served_web.url, "nope")
    assert (response.status_code, response.json()) == (404, {"detail": "unknown upload"})


def test_the_client_has_its_202_while_the_job_waits_at_its_start(broker, served_web, scanner_url):
    """Every job is held at its start until the test has the 202: a handler that waited for its job would not answer."""
    hold(broker.url, EVERY_UPLOAD, AT_START)
    with worker(broker.url, scanner_url, HELD_WORKER) as held:
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
    with worker(broker.url, scanner_url):
        assert notifications(broker.url, 1) == [json.dumps({"id": upload_id, "status": "done"})]
    with web_app(broker.url) as (url, _):
        answer = status_of(url, upload_id).json()
    assert (answer["status"], answer["size"]) == ("done", len(CONTENT))


def test_an_upload_over_the_limit_is_refused_with_413_and_nothing_is_stored_or_queued(broker, served_web):
    answer = httpx2.post(served_web.url + "/uploads", content=b"x" * (MAX_UPLOAD_BYTES + 1), timeout=TIMEOUT)
    assert (answer.status_code, answer.json()) == (413, {"detail": f"an upload holds at most {MAX_UPLOAD_BYTES} bytes"})
    with redis.Redis.from_url(broker.url) as client:
        assert client.keys("*") == []


MARGIN = 4 * 1024 * 1024
"""What the server process allocates beside the body it reads: the chunk being received, the answer, the
bytearray's spare room."""


def test_on_uvicorn_a_300_mib_body_raises_the_servers_memory_by_at_most_the_limit_and_4_mib(broker):
    with web_app(broker.url) as (url, server):
        before = peak_memory(server.process.pid)
        assert send_body(url, "/uploads", size=300 * 1024 * 1024, chunked=True) == 413
        grown = peak_memory(server.process.pid) - before
    assert grown <= MAX_UPLOAD_BYTES + MARGIN, grown


def test_on_uvicorn_storing_an_upload_of_the_limit_takes_at_most_three_times_the_limit_and_4_mib(broker):
    """The bytes read, and two copies while they are sent to Redis: redis-py hands the memoryview to asyncio, whose
    transport (Python 3.11) joins the command's parts into one buffer and copies what the socket did not take at
    once."""
    with web_app(broker.url) as (url, server):
        before = peak_memory(server.process.pid)
        assert send_body(url, "/uploads", size=MAX_UPLOAD_BYTES) == 202
        grown = peak_memory(server.process.pid) - before
    assert grown <= 3 * MAX_UPLOAD_BYTES + MARGIN, grown
