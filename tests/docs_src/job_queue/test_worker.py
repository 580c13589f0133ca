import hashlib
import json
import multiprocessing
import os
import signal
import threading
import time
from typing import Any

import anyio
import dramatiq
import httpx2
import pytest
import redis
from dramatiq import Message
from dramatiq.brokers.redis import MAINTENANCE_SCALE, RedisBroker
from dramatiq.cli import make_argument_parser
from dramatiq.common import compute_backoff
from dramatiq.middleware import Retries
from lilya.apps import Lilya
from lilya.requests import Request
from lilya.responses import JSONResponse, PlainText
from lilya.routing import Path

from docs_src.job_queue import worker
from docs_src.job_queue.storage import (
    NOTIFICATIONS,
    PROCESSING,
    QUEUED,
    UPLOAD_TTL,
    outcome_key,
    state_key,
    tries_key,
    upload_key,
)
from tests.docs_src.job_queue.client import CONTENT, post_upload, status_of
from tests.docs_src.job_queue.holds import (
    AT_RECORDED,
    AT_START,
    HEARTBEAT_TIMEOUT,
    held_line,
    hold,
    release,
    unhold,
)
from tests.docs_src.job_queue.processes import HELD_WORKER, notifications
from tests.docs_src.job_queue.processes import worker as worker_process
from tests.proof import TIMEOUT, logged_by, serve

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
def stored(on_broker: redis.Redis) -> redis.Redis:
    """The test's Redis, holding one upload ("u1") as the web app leaves it: content and state, waiting for its job."""
    on_broker.set(upload_key("u1"), CONTENT)
    on_broker.set(state_key("u1"), QUEUED)
    return on_broker


def run_try(job_try: int, upload_id: str = "u1") -> str:
    """The job's try number `job_try`, run as a worker thread runs it (the tries before it counted in Redis); what the
    job logged as its result."""
    if job_try > 1:
        worker.store.set(tries_key(upload_id), job_try - 1)
    with logged_by(worker) as logged:
        worker.process_upload(upload_id)
    (line,) = logged.lines
    assert line.startswith(f"upload {upload_id}, try {job_try}: "), line
    return line.rpartition(": ")[2]


def recorded(client: redis.Redis, upload_id: str = "u1") -> tuple[dict | None, list[dict]]:
    """The upload's outcome and every notification pushed so far."""
    outcome = client.get(outcome_key(upload_id))
    pushed = [json.loads(item) for item in client.lrange(NOTIFICATIONS, 0, -1)]
    return (None if outcome is None else json.loads(outcome)), pushed


def test_a_scanned_upload_is_recorded_with_one_notification_and_its_content_and_state_dropped(
    stored, scanner_url, monkeypatch
):
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    assert run_try(1) == "done"
    assert recorded(stored) == (DONE, [{"id": "u1", "status": "done"}])
    assert stored.exists(upload_key("u1"), state_key("u1")) == 0
    assert 0 < stored.ttl(tries_key("u1")) <= UPLOAD_TTL  # kept, so that a run after this one counts as a later try


def test_an_outcome_is_kept_for_a_week(stored, scanner_url, monkeypatch):
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    run_try(1)
    assert worker.OUTCOME_TTL == 7 * 24 * 60 * 60
    assert worker.OUTCOME_TTL - 60 < stored.ttl(outcome_key("u1")) <= worker.OUTCOME_TTL


def test_the_scanners_verdict_is_recorded(stored, scanner_url, monkeypatch):
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    stored.set(upload_key("u1"), b"x " + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE")
    run_try(1)
    assert recorded(stored)[0]["verdict"] == "infected"


def test_each_try_is_counted_in_redis_and_marks_the_upload_processing(stored):
    assert [worker.begin_try("u1") for _ in range(3)] == [1, 2, 3]
    assert stored.get(state_key("u1")) == PROCESSING.encode()
    assert 0 < stored.ttl(tries_key("u1"))


def test_a_try_after_the_outcome_was_recorded_brings_no_state_back(stored, scanner_url, monkeypatch):
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    run_try(1)
    worker.begin_try("u1")
    assert not stored.exists(state_key("u1"))


@pytest.mark.parametrize(("job_try", "delay"), [(1, 1000), (2, 2000)])
def test_a_scanner_failure_before_the_last_try_asks_for_a_retry_later_each_time(stored, monkeypatch, job_try, delay):
    scanner = UnavailableScanner()
    with serve(scanner.app()) as served:
        monkeypatch.setattr(worker, "SCANNER_URL", served.url + "/scan")
        stored.set(tries_key("u1"), job_try - 1)
        with logged_by(worker) as logged, pytest.raises(dramatiq.Retry) as retry:
            worker.process_upload("u1")
    assert retry.value.delay == delay  # milliseconds
    assert logged.lines == [f"upload u1, try {job_try}: retry in {delay} ms"]
    assert recorded(stored) == (None, [])
    assert stored.get(upload_key("u1")) == CONTENT
    assert stored.get(state_key("u1")) == b"retrying"


def test_a_scanner_failure_on_the_last_try_is_recorded_as_failed_with_its_status_only(stored, monkeypatch):
    scanner = UnavailableScanner()
    with serve(scanner.app()) as served:
        monkeypatch.setattr(worker, "SCANNER_URL", served.url + "/scan")
        assert run_try(worker.MAX_TRIES) == "failed"
    assert recorded(stored) == (
        {"status": "failed", "error": "the scanner answered 503"},
        [{"id": "u1", "status": "failed"}],
    )


def test_a_scanner_out_of_reach_on_the_last_try_is_recorded_without_its_address(stored, monkeypatch):
    monkeypatch.setattr(worker, "SCANNER_URL", "http://127.0.0.1:9/scan")  # nothing listens there
    assert run_try(worker.MAX_TRIES) == "failed"
    assert recorded(stored)[0] == {"status": "failed", "error": "the scanner could not be reached"}


def test_an_error_the_job_does_not_expect_is_recorded_as_failed_and_raised_again(stored, monkeypatch):
    """Raised again for Dramatiq, which logs it with its traceback and, as retry_when says, tries no more."""

    async def garbled(request: Request) -> PlainText:
        return PlainText("not json")

    with serve(Lilya(routes=[Path("/scan", garbled, methods=["POST"])])) as served:
        monkeypatch.setattr(worker, "SCANNER_URL", served.url + "/scan")
        with logged_by(worker) as logged, pytest.raises(json.JSONDecodeError):
            worker.process_upload("u1")
    assert logged.lines == ["upload u1, try 1: stopped on an error"]
    assert recorded(stored) == (
        {"status": "failed", "error": "the job stopped on an error"},
        [{"id": "u1", "status": "failed"}],
    )


def test_a_try_past_the_last_one_records_failed_without_scanning(stored, monkeypatch):
    monkeypatch.setattr(worker, "SCANNER_URL", "http://127.0.0.1:9/scan")  # nothing listens there
    assert run_try(worker.MAX_TRIES + 1) == "failed"
    assert recorded(stored) == (
        {"status": "failed", "error": f"{worker.MAX_TRIES} tries ended without an outcome"},
        [{"id": "u1", "status": "failed"}],
    )


def test_an_expired_upload_is_recorded_as_failed(stored):
    stored.delete(upload_key("u1"))
    assert run_try(1) == "failed"
    assert recorded(stored)[0] == {"status": "failed", "error": "the upload expired"}


def test_a_job_run_again_after_its_outcome_was_recorded_changes_nothing(stored, scanner_url, monkeypatch):
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    run_try(1)
    stored.set(upload_key("u1"), CONTENT)  # as if it had not been dropped: the outcome alone decides
    assert run_try(2) == "already recorded"
    assert recorded(stored) == (DONE, [{"id": "u1", "status": "done"}])


def race_the_outcome(monkeypatch, stored: redis.Redis, theirs: dict, watched_only: bool = False) -> None:
    """Another try records `theirs` as the outcome right before each transaction executes (only before the watched
    one, record_once's, once it has checked, with `watched_only`)."""
    pipeline = stored.pipeline

    def pipeline_raced_by_another_try(*args: Any, **kwargs: Any) -> Any:
        pipe = pipeline(*args, **kwargs)
        execute = pipe.execute

        def execute_after_another_try(*args: Any, **kwargs: Any) -> Any:
            if pipe.watching or not watched_only:
                with redis.Redis(connection_pool=stored.connection_pool) as other:
                    other.set(outcome_key("u1"), json.dumps(theirs))
            return execute(*args, **kwargs)

        pipe.execute = execute_after_another_try
        return pipe

    monkeypatch.setattr(stored, "pipeline", pipeline_raced_by_another_try)


def test_an_outcome_written_by_another_try_during_the_transaction_wins(stored, monkeypatch):
    """Another try records the outcome between WATCH and EXEC: the transaction is dropped, nothing is written twice."""
    theirs = {"status": "done", "by": "another try"}
    race_the_outcome(monkeypatch, stored, theirs)
    assert worker.record_once("u1", {"status": "done"}) is False
    assert recorded(stored) == (theirs, [])
    assert stored.get(upload_key("u1")) == CONTENT


def test_when_another_run_records_the_outcome_between_the_check_and_the_write_the_job_leaves_it_and_logs_already_recorded(
    stored, scanner_url, monkeypatch
):
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    theirs = {"status": "done", "by": "another run"}
    race_the_outcome(monkeypatch, stored, theirs, watched_only=True)
    with logged_by(worker) as logged:
        worker.process_upload("u1")
    assert logged.lines == ["upload u1, try 1: already recorded"]
    assert recorded(stored) == (theirs, [])


def test_another_try_follows_a_retry_the_job_raised_or_a_redis_error_up_to_max_tries_and_nothing_else():
    assert worker.retry_when(0, dramatiq.Retry(delay=1000))
    assert worker.retry_when(worker.MAX_TRIES - 1, redis.TimeoutError("Timeout reading from socket"))
    assert not worker.retry_when(worker.MAX_TRIES, redis.ConnectionError("Connection refused"))
    assert not worker.retry_when(0, ValueError("not json"))


def test_a_redis_error_during_a_try_records_nothing_and_leaves_the_upload_processing(stored, scanner_url, monkeypatch):
    """The error goes to Dramatiq, which tries again (see retry_when): the upload is not recorded as failed."""
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    stored.delete(upload_key("u1"))
    stored.rpush(upload_key("u1"), "not bytes")
    with logged_by(worker) as logged, pytest.raises(redis.ResponseError, match="WRONGTYPE"):
        worker.process_upload("u1")
    assert logged.lines == ["upload u1, try 1: Redis failed"]
    assert recorded(stored) == (None, [])
    assert stored.get(state_key("u1")) == PROCESSING.encode()


def done_line(upload_id: str, job_try: int, result: str) -> str:
    """What the job logs when its try ends with `result`."""
    return f"upload {upload_id}, try {job_try}: {result}"


@pytest.mark.long(seconds=5)
def test_a_worker_killed_mid_job_leaves_it_to_another_and_each_effect_happens_once(broker, served_web, scanner_url):
    """One job killed before its outcome, one killed after it: both run again, and each is notified once."""
    before, after = post_upload(served_web.url), post_upload(served_web.url)
    hold(broker.url, before, AT_START)
    hold(broker.url, after, AT_RECORDED)
    with worker_process(broker.url, scanner_url, HELD_WORKER) as first:
        assert first.said(held_line(AT_START, before)) and first.said(held_line(AT_RECORDED, after)), first.output
        first.kill()
    assert not any(done_line(before, 1, "") in line for line in first.output.lines), first.output
    with redis.Redis.from_url(broker.url) as client:
        assert recorded(client, before) == (None, [{"id": after, "status": "done"}])
        messages = [Message.decode(data) for data in client.hgetall("dramatiq:default.msgs").values()]
        assert sorted(message.args[0] for message in messages) == sorted([before, after])
        assert all(message.options.get("retries", 0) == 0 for message in messages)  # dramatiq counted no try
    killed = time.monotonic()
    unhold(broker.url, before, after)
    with worker_process(broker.url, scanner_url, HELD_WORKER) as second:  # with the held worker's 3 s heartbeat
        assert second.said(done_line(before, 2, "done")), str(second.output)
        assert second.said(done_line(after, 2, "already recorded")), str(second.output)
    assert time.monotonic() - killed >= HEARTBEAT_TIMEOUT / 1000  # not before the killed worker counted as dead
    with redis.Redis.from_url(broker.url) as client:
        pushed = recorded(client)[1]
        assert sorted(note["id"] for note in pushed) == sorted([before, after]), pushed
        assert recorded(client, after)[0] == DONE


@pytest.mark.long(seconds=7)
def test_a_worker_frozen_past_the_heartbeat_timeout_runs_its_jobs_after_another_did_with_one_outcome_each(
    broker, served_web, scanner_url
):
    """SIGSTOP, not SIGKILL, on a one-thread worker that has begun one job and taken a second from the queue without
    beginning it: another worker runs both; woken up, the first finishes the one and begins the other, and each finds
    its outcome recorded."""
    begun, taken = post_upload(served_web.url), post_upload(served_web.url)
    hold(broker.url, begun, AT_START)
    with worker_process(broker.url, scanner_url, HELD_WORKER, threads=1) as frozen:
        assert frozen.said(held_line(AT_START, begun)), str(frozen.output)
        with redis.Redis.from_url(broker.url) as client:
            (acks,) = client.keys("dramatiq:__acks__.*.default")
            assert len(client.smembers(acks)) == 2 and client.llen("dramatiq:default") == 0  # both taken
        os.killpg(frozen.process.pid, signal.SIGSTOP)
        try:
            unhold(broker.url, begun)
            with worker_process(broker.url, scanner_url, HELD_WORKER) as second:
                assert second.said(done_line(begun, 2, "done")), str(second.output)
                assert second.said(done_line(taken, 1, "done")), str(second.output)
            release(broker.url, begun)
        finally:
            os.killpg(frozen.process.pid, signal.SIGCONT)
        assert frozen.said(done_line(begun, 1, "already recorded")), str(frozen.output)
        assert frozen.said(done_line(taken, 2, "already recorded")), str(frozen.output)
    pushed = [json.loads(note) for note in notifications(broker.url, 2)]
    assert sorted(note["id"] for note in pushed) == sorted([begun, taken])
    with redis.Redis.from_url(broker.url) as client:
        assert client.llen(NOTIFICATIONS) == 0


@pytest.mark.long(seconds=4)
def test_a_try_that_redis_failed_is_followed_by_another_a_second_or_two_later(broker, served_web, scanner_url):
    """The upload's key holds a list instead of bytes, so that reading it fails in Redis (WRONGTYPE) until the test
    puts the content back."""
    upload_id = post_upload(served_web.url)
    with redis.Redis.from_url(broker.url) as client:
        client.delete(upload_key(upload_id))
        client.rpush(upload_key(upload_id), "not bytes")
        with worker_process(broker.url, scanner_url) as running:
            assert running.said(f"upload {upload_id}, try 1: Redis failed"), str(running.output)
            failed_at = time.monotonic()
            client.delete(upload_key(upload_id))
            client.set(upload_key(upload_id), CONTENT)
            assert running.said(done_line(upload_id, 2, "done")), str(running.output)
            assert time.monotonic() - failed_at >= 1.0  # min_backoff: 1 s at least
    assert status_of(served_web.url, upload_id).json()["status"] == "done"


@pytest.mark.long(seconds=6)
def test_a_failing_job_is_retried_later_each_time_then_recorded_as_failed(broker, served_web):
    scanner = UnavailableScanner()
    with serve(scanner.app()) as served, worker_process(broker.url, served.url + "/scan") as running:
        upload_id = post_upload(served_web.url)
        last = done_line(upload_id, worker.MAX_TRIES, "failed")
        assert running.said(last, TIMEOUT + 3 * worker.FIRST_RETRY_DELAY), running.output
    gaps = [later - earlier for earlier, later in zip(scanner.times, scanner.times[1:])]
    assert len(scanner.times) == worker.MAX_TRIES, scanner.times
    assert gaps[0] >= worker.FIRST_RETRY_DELAY and gaps[1] >= 2 * worker.FIRST_RETRY_DELAY, gaps
    answer = status_of(served_web.url, upload_id).json()
    assert answer == {"id": upload_id, "status": "failed", "error": "the scanner answered 503"}
    assert notifications(broker.url, 1) == [json.dumps({"id": upload_id, "status": "failed"})]


def test_an_exception_the_job_does_not_turn_into_a_retry_ends_it_and_records_it_failed(broker, served_web):
    """A scanner answering 200 with a body that is not JSON: the job fails once, its message goes to dramatiq's
    dead-letter queue instead of back to the queue, and the upload is recorded as failed."""
    asked = []

    async def garbled(request: Request) -> PlainText:
        asked.append(await request.body())
        return PlainText("not json")

    scanner = Lilya(routes=[Path("/scan", garbled, methods=["POST"])])
    with serve(scanner) as served, worker_process(broker.url, served.url + "/scan") as running:
        upload_id = post_upload(served_web.url)
        assert running.said(f"upload {upload_id}, try 1: stopped on an error"), str(running.output)
        assert running.said("with unhandled exception"), str(running.output)
        assert notifications(broker.url, 1) == [json.dumps({"id": upload_id, "status": "failed"})]
    assert running.said("JSONDecodeError"), running.output
    assert len(asked) == 1
    answer = status_of(served_web.url, upload_id).json()
    assert answer == {"id": upload_id, "status": "failed", "error": "the job stopped on an error"}
    with redis.Redis.from_url(broker.url) as client:
        (dead,) = [Message.decode(data) for data in client.hgetall("dramatiq:default.XQ.msgs").values()]
        assert dead.args == (upload_id,)
        assert client.llen("dramatiq:default") == 0 and client.zcard("dramatiq:default.DQ") == 0


@pytest.mark.long(seconds=5)
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
        """Jobs each worker logged as done: a job logs its result once its notification is out."""
        return [sum(": done" in line for line in process.output.lines) for process in (one, two)]

    changed = threading.Condition()
    with (
        worker_process(broker.url, scanner_url, changed=changed) as one,
        worker_process(broker.url, scanner_url, changed=changed) as two,
    ):
        posted = anyio.run(post_all)
        pushed = [json.loads(note) for note in notifications(broker.url, 200)]
        # a job whose notification is out may not have logged yet; stopping its worker now would lose the line
        one.output.wait_until(lambda lines: sum(ran()) >= 200)
    assert sorted(note["id"] for note in pushed) == sorted(posted) and len(set(posted)) == 200
    assert {note["status"] for note in pushed} == {"done"}
    assert sum(ran()) == 200 and min(ran()) > 0, ran()
    with redis.Redis.from_url(broker.url) as client:
        assert client.llen(NOTIFICATIONS) == 0  # nothing came after the 200


def test_without_retry_when_dramatiq_would_retry_any_exception_20_times_the_first_after_15_to_30_s():
    """What `retry_when=retry_only_when_asked` turns off: the Retries middleware's defaults."""
    retries = Retries()
    assert retries.retry_when is None and retries.max_retries == 20
    first_delays = {compute_backoff(0, factor=retries.min_backoff, max_backoff=retries.max_backoff)[1]
                    for _ in range(200)}
    assert min(first_delays) >= 15_000 and max(first_delays) <= 30_000 and len(first_delays) > 1


def test_dramatiqs_own_broker_defaults_look_for_dead_workers_once_in_a_thousand_calls_after_60_s_of_silence():
    """What the example's broker changes (a broker made here connects to nothing until it is used)."""
    defaults = RedisBroker()
    assert defaults.maintenance_chance / MAINTENANCE_SCALE == 1 / 1000
    assert defaults.heartbeat_timeout == 60_000


def test_the_dramatiq_command_starts_one_worker_process_per_cpu_with_8_threads_each():
    options = make_argument_parser().parse_args(["docs_src.job_queue.worker"])
    assert (options.processes, options.threads) == (multiprocessing.cpu_count(), 8)


def test_after_a_redis_error_dramatiq_tries_again_1_to_2_s_later_then_twice_as_long_each_time():
    """min_backoff=1000 on the actor, fed to the Retries middleware's backoff (with its jitter of up to twice)."""
    retries = Retries()
    first_backoff = worker.process_upload.options["min_backoff"]
    assert first_backoff == 1000
    for attempt, (low, high) in enumerate([(1000, 2000), (2000, 4000), (4000, 8000)]):
        delays = {compute_backoff(attempt, factor=first_backoff, max_backoff=retries.max_backoff)[1]
                  for _ in range(200)}
        assert low <= min(delays) and max(delays) <= high, (attempt, min(delays), max(delays))
