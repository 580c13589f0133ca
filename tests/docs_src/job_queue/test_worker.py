import hashlib
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import anyio
import httpx2
import pytest
import redis
from arq import Retry, create_pool
from arq.connections import RedisSettings
from arq.worker import get_kwargs
from lilya.apps import Lilya
from lilya.requests import Request
from lilya.responses import JSONResponse, PlainText
from lilya.routing import Path

from docs_src.job_queue import worker
from docs_src.job_queue.storage import JSON_JOBS, NOTIFICATIONS, outcome_key, upload_key
from tests.docs_src.job_queue.client import CONTENT, post_upload, status_of
from tests.docs_src.job_queue.held_worker import AT_RECORDED, AT_START, JOB_TIMEOUT, held_line, hold
from tests.docs_src.job_queue.processes import HELD_WORKER, notifications
from tests.docs_src.job_queue.processes import worker as worker_process
from tests.proof import TIMEOUT, serve

DONE = {
    "status": "done",
    "size": len(CONTENT),
    "sha256": hashlib.sha256(CONTENT).hexdigest(),
    "verdict": "clean",
}


class UnavailableScanner:
    """A scanner that answers every request with 503, and notes when each came."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self._lock = threading.Lock()

    def app(self) -> Lilya:
        async def scan(request: Request) -> JSONResponse:
            with self._lock:
                self.times.append(time.monotonic())
            return JSONResponse({"detail": "scanner restarting"}, status_code=503)

        return Lilya(routes=[Path("/scan", scan, methods=["POST"])])


@pytest.fixture
def stored(broker) -> Iterator[redis.Redis]:
    """A client of the test's Redis, holding one upload ("u1") waiting for its job."""
    with redis.Redis.from_url(broker.url) as client:
        client.set(upload_key("u1"), CONTENT)
        yield client


def run_job(redis_url: str, job_try: int, upload_id: str = "u1") -> str:
    """`process_upload` called as a worker calls it, with the worker's startup and shutdown around it."""

    async def run() -> str:
        queue = await create_pool(RedisSettings.from_dsn(redis_url), **JSON_JOBS)
        context = {"redis": queue, "job_try": job_try}
        await worker.startup(context)
        try:
            return await worker.process_upload(context, upload_id)
        finally:
            await worker.shutdown(context)
            assert context["http"].is_closed
            await queue.aclose()

    return anyio.run(run)


def recorded(client: redis.Redis, upload_id: str = "u1") -> tuple[dict | None, list[dict]]:
    """The upload's outcome and every notification pushed so far."""
    outcome = client.get(outcome_key(upload_id))
    pushed = [json.loads(item) for item in client.lrange(NOTIFICATIONS, 0, -1)]
    return (None if outcome is None else json.loads(outcome)), pushed


def test_a_scanned_upload_is_recorded_with_one_notification_and_its_content_dropped(
    broker, stored, scanner_url, monkeypatch
):
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    assert run_job(broker.url, job_try=1) == "done"
    assert recorded(stored) == (DONE, [{"id": "u1", "status": "done"}])
    assert stored.exists(upload_key("u1")) == 0


def test_an_outcome_is_kept_for_a_week(broker, stored, scanner_url, monkeypatch):
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    run_job(broker.url, job_try=1)
    assert worker.OUTCOME_TTL == 7 * 24 * 60 * 60
    assert worker.OUTCOME_TTL - 60 < stored.ttl(outcome_key("u1")) <= worker.OUTCOME_TTL


def test_a_pickled_job_is_never_run_and_a_json_one_is(broker, stored, scanner_url):
    """arq's default format is pickle, which runs code while it is read; the example's workers read JSON only."""
    stored.set(upload_key("u2"), CONTENT)

    async def enqueue() -> None:
        pickled = await create_pool(RedisSettings.from_dsn(broker.url))
        await pickled.enqueue_job("process_upload", "u1", _job_id="u1")
        await pickled.aclose()
        as_json = await create_pool(RedisSettings.from_dsn(broker.url), **JSON_JOBS)
        await as_json.enqueue_job("process_upload", "u2", _job_id="u2")
        await as_json.aclose()

    anyio.run(enqueue)
    with worker_process(broker.url, scanner_url) as running:
        assert [json.loads(note) for note in notifications(broker.url, 1)] == [{"id": "u2", "status": "done"}]
        assert running.said("deserializing job u1 failed"), running.output
    assert recorded(stored, "u1") == (None, [])


def test_the_scanners_verdict_is_recorded(broker, stored, scanner_url, monkeypatch):
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    stored.set(upload_key("u1"), b"x " + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE")
    run_job(broker.url, job_try=1)
    assert recorded(stored)[0]["verdict"] == "infected"


@pytest.mark.parametrize(("job_try", "delay"), [(1, 1.0), (2, 2.0)])
def test_a_scanner_failure_before_the_last_try_asks_for_a_retry_later_each_time(
    broker, stored, monkeypatch, job_try, delay
):
    scanner = UnavailableScanner()
    with serve(scanner.app()) as served:
        monkeypatch.setattr(worker, "SCANNER_URL", served.url + "/scan")
        with pytest.raises(Retry) as retry:
            run_job(broker.url, job_try=job_try)
    assert retry.value.defer_score == delay * 1000
    assert recorded(stored) == (None, [])
    assert stored.get(upload_key("u1")) == CONTENT


def test_a_scanner_failure_on_the_last_try_is_recorded_as_failed(broker, stored, monkeypatch):
    scanner = UnavailableScanner()
    with serve(scanner.app()) as served:
        monkeypatch.setattr(worker, "SCANNER_URL", served.url + "/scan")
        assert run_job(broker.url, job_try=worker.MAX_TRIES) == "failed"
    outcome, pushed = recorded(stored)
    assert outcome["status"] == "failed" and "503 Service Unavailable" in outcome["error"], outcome
    assert pushed == [{"id": "u1", "status": "failed"}]


def test_a_try_past_the_last_one_records_failed_without_scanning(broker, stored, monkeypatch):
    monkeypatch.setattr(worker, "SCANNER_URL", "http://127.0.0.1:9/scan")  # nothing listens there
    assert run_job(broker.url, job_try=worker.MAX_TRIES + 1) == "failed"
    assert recorded(stored) == (
        {"status": "failed", "error": f"{worker.MAX_TRIES} tries ended without an outcome"},
        [{"id": "u1", "status": "failed"}],
    )


def test_an_expired_upload_is_recorded_as_failed(broker, stored):
    stored.delete(upload_key("u1"))
    assert run_job(broker.url, job_try=1) == "failed"
    assert recorded(stored)[0] == {"status": "failed", "error": "the upload expired"}


def test_a_job_run_again_after_its_outcome_was_recorded_changes_nothing(broker, stored, scanner_url, monkeypatch):
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    run_job(broker.url, job_try=1)
    assert run_job(broker.url, job_try=2) == "already recorded"
    assert recorded(stored) == (DONE, [{"id": "u1", "status": "done"}])


def test_an_outcome_written_by_another_try_during_the_transaction_wins(broker, stored):
    """Another try records the outcome between WATCH and EXEC: the transaction is dropped, nothing is written twice."""
    theirs = {"status": "done", "by": "another try"}

    async def run() -> bool:
        queue = await create_pool(RedisSettings.from_dsn(broker.url), **JSON_JOBS)
        original_pipeline = queue.pipeline

        def pipeline(*args: Any, **kwargs: Any) -> Any:
            pipe = original_pipeline(*args, **kwargs)
            execute = pipe.execute

            async def execute_after_another_try(*args: Any, **kwargs: Any) -> Any:
                with redis.Redis.from_url(broker.url) as other:
                    other.set(outcome_key("u1"), json.dumps(theirs))
                return await execute(*args, **kwargs)

            pipe.execute = execute_after_another_try
            return pipe

        queue.pipeline = pipeline
        try:
            return await worker.record_once(queue, "u1", {"status": "done"})
        finally:
            await queue.aclose()

    assert anyio.run(run) is False
    assert recorded(stored) == (theirs, [])
    assert stored.get(upload_key("u1")) == CONTENT


def test_arq_takes_a_settings_class_own_attributes_only():
    """What the page warns of: a subclass of WorkerSettings starts from arq's defaults, not from the example's."""

    class Subclass(worker.WorkerSettings):
        job_timeout = 5

    assert get_kwargs(worker.WorkerSettings)["redis_settings"] is worker.REDIS
    assert get_kwargs(Subclass) == {"job_timeout": 5}


def done_line(upload_id: str, result: str) -> str:
    """What arq prints when a job returns `result`."""
    return f"{upload_id}:process_upload ● {result!r}"


@pytest.mark.long
def test_a_worker_killed_mid_job_leaves_it_to_another_and_each_effect_happens_once(broker, served_web, scanner_url):
    """One job killed before its outcome, one killed after it: both run again, and each is notified once."""
    before, after = post_upload(served_web.url), post_upload(served_web.url)
    hold(broker.url, before, AT_START)
    hold(broker.url, after, AT_RECORDED)
    with worker_process(broker.url, scanner_url, HELD_WORKER) as first:
        assert first.said(held_line(AT_START, before)) and first.said(held_line(AT_RECORDED, after)), first.output
        first.kill()
    assert not any("●" in line or "↻" in line for line in first.output.lines), first.output
    with redis.Redis.from_url(broker.url) as client:
        assert recorded(client, before) == (None, [{"id": after, "status": "done"}])
    with worker_process(broker.url, scanner_url) as second:
        expiry = JOB_TIMEOUT + 10 + TIMEOUT  # the killed worker's job timeout, arq's 10 s, and room to start
        assert second.said(done_line(before, "done"), expiry), second.output
        assert second.said(done_line(after, "already recorded"), expiry), second.output
    tries = [line for line in second.output.lines if "→" in line]
    assert len(tries) == 2 and all("try=2" in line for line in tries), tries
    with redis.Redis.from_url(broker.url) as client:
        pushed = recorded(client)[1]
        assert sorted(note["id"] for note in pushed) == sorted([before, after]), pushed
        assert recorded(client, after)[0] == DONE


@pytest.mark.long
def test_a_failing_job_is_retried_later_each_time_then_recorded_as_failed(broker, served_web):
    scanner = UnavailableScanner()
    with serve(scanner.app()) as served, worker_process(broker.url, served.url + "/scan") as running:
        upload_id = post_upload(served_web.url)
        assert running.said(done_line(upload_id, "failed"), TIMEOUT + 3 * worker.FIRST_RETRY_DELAY), running.output
    gaps = [later - earlier for earlier, later in zip(scanner.times, scanner.times[1:])]
    assert len(scanner.times) == worker.MAX_TRIES, scanner.times
    assert gaps[0] >= worker.FIRST_RETRY_DELAY and gaps[1] >= 2 * worker.FIRST_RETRY_DELAY, gaps
    answer = status_of(served_web.url, upload_id).json()
    assert answer["status"] == "failed" and "503 Service Unavailable" in answer["error"], answer
    assert notifications(broker.url, 1) == [json.dumps({"id": upload_id, "status": "failed"})]


def test_an_exception_the_job_does_not_turn_into_a_retry_ends_it_and_leaves_the_upload_unknown(broker, served_web):
    """A scanner answering 200 with a body that is not JSON: the job fails once, is not tried again, records nothing."""
    asked = []

    async def garbled(request: Request) -> PlainText:
        asked.append(await request.body())
        return PlainText("not json")

    scanner = Lilya(routes=[Path("/scan", garbled, methods=["POST"])])
    with serve(scanner) as served, worker_process(broker.url, served.url + "/scan") as running:
        upload_id = post_upload(served_web.url)
        assert running.said(f"{upload_id}:process_upload failed, JSONDecodeError"), running.output
        assert status_of(served_web.url, upload_id).status_code == 404
    assert len(asked) == 1
    assert not any("try=2" in line for line in running.output.lines), running.output
    with redis.Redis.from_url(broker.url) as client:
        assert recorded(client, upload_id) == (None, [])


@pytest.mark.long
def test_two_workers_share_200_uploads_and_each_is_notified_once(broker, served_web, scanner_url):
    async def post_all() -> list[str]:
        ids: list[str] = []
        async with httpx2.AsyncClient(base_url=served_web.url, timeout=TIMEOUT) as client:

            async def post() -> None:
                response = await client.post("/uploads", content=CONTENT)
                assert response.status_code == 202
                ids.append(response.json()["id"])

            async with anyio.create_task_group() as group:
                for _ in range(200):
                    group.start_soon(post)
        return ids

    def ran() -> list[int]:
        """Jobs each worker logged as finished: arq logs "●" once the job has returned, after its notification."""
        return [sum("●" in line for line in process.output.lines) for process in (one, two)]

    changed = threading.Condition()
    with (
        worker_process(broker.url, scanner_url, changed=changed) as one,
        worker_process(broker.url, scanner_url, changed=changed) as two,
    ):
        posted = anyio.run(post_all)
        pushed = [json.loads(note) for note in notifications(broker.url, 200)]
        # a job whose notification is out may not have returned yet; stopping its worker now would cancel it
        one.output.wait_until(lambda lines: sum(ran()) >= 200)
    assert sorted(note["id"] for note in pushed) == sorted(posted) and len(set(posted)) == 200
    assert {note["status"] for note in pushed} == {"done"}
    assert sum(ran()) == 200 and min(ran()) > 0, ran()
    with redis.Redis.from_url(broker.url) as client:
        assert client.llen(NOTIFICATIONS) == 0  # nothing came after the 200
