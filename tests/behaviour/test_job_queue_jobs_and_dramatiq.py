"""The job-queue example's job (docs_src/job_queue/worker.py) and the parts of Dramatiq it leans on: what the job
writes to Redis and how, which exceptions it records, the clients its worker threads share, how an idle worker
calls Redis, and when a dead worker's jobs go back to the queue."""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import json
import multiprocessing
import os
import pickle
import re
import subprocess
import sys
import threading
import time
from types import SimpleNamespace
from typing import Any

import anyio
import dramatiq
import dramatiq.brokers.redis
import pytest
import redis
from dramatiq.brokers.stub import StubBroker
from dramatiq.cli import make_argument_parser
from dramatiq.middleware import AsyncIO, TimeLimit, TimeLimitExceeded
from dramatiq.worker import Worker
from lilya.apps import Lilya
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from docs_src.job_queue import storage, worker
from docs_src.job_queue.storage import (
    NOTIFICATIONS,
    UPLOAD_TTL,
    outcome_key,
    state_key,
    tries_key,
    upload_key,
)
from tests.behaviour.test_job_queue_sending import monitored, queued_ids
from tests.docs_src.job_queue.client import CONTENT, post_upload, status_of
from tests.docs_src.job_queue.conftest import on_broker, scanner_url, served_web  # noqa: F401 - fixtures
from tests.docs_src.job_queue.holds import AT_START, HEARTBEAT_TIMEOUT, held_line, hold
from tests.docs_src.job_queue.processes import HELD_WORKER, WORKER_READY, environment
from tests.docs_src.job_queue.processes import worker as worker_process
from tests.mkdocs_site import ROOT
from tests.processes import running
from tests.proof import TIMEOUT, logged_by, serve

HEARTBEATS = "dramatiq:__heartbeats__"


@pytest.fixture
def stored(on_broker: redis.Redis) -> redis.Redis:  # noqa: F811
    """The test's Redis, holding one upload ("u1") as the web app leaves it: content and state, waiting for its job."""
    on_broker.set(upload_key("u1"), CONTENT)
    on_broker.set(state_key("u1"), storage.QUEUED)
    return on_broker


def notes(client: redis.Redis) -> list[dict]:
    return [json.loads(item) for item in client.lrange(NOTIFICATIONS, 0, -1)]


def test_a_job_counts_its_try_in_one_transaction_then_makes_its_effects_in_one_transaction_watched_on_its_outcome(
    stored, scanner_url, monkeypatch  # noqa: F811
):
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    with monitored(stored) as seen:
        worker.process_upload("u1")
    done = {"status": "done", "size": len(CONTENT), "sha256": hashlib.sha256(CONTENT).hexdigest(), "verdict": "clean"}
    expected = [
        "MULTI",
        f"INCRBY {tries_key('u1')} 1",
        f"EXPIRE {tries_key('u1')} 86400",  # the try count stays a day
        f"SET {state_key('u1')} processing KEEPTTL XX",
        "EXEC",
        f"GET {upload_key('u1')}",
        f"WATCH {outcome_key('u1')}",
        f"EXISTS {outcome_key('u1')}",
        "MULTI",
        f"SET {outcome_key('u1')} {json.dumps(done)} EX 604800",  # the outcome stays a week
        f"RPUSH {NOTIFICATIONS} {json.dumps({'id': 'u1', 'status': 'done'})}",
        f"DEL {upload_key('u1')} {state_key('u1')}",
        "EXEC",
    ]
    assert [command.replace('\\"', '"') for command in seen if command != "UNWATCH"] == expected, seen
    assert UPLOAD_TTL == 86400 and worker.OUTCOME_TTL == 604800


class ExpectedByNoOne(Exception):
    """An exception of the application's own."""


UNEXPECTED = [ValueError("bad value"), KeyError("verdict"), TypeError("not a str"), RuntimeError("broken"),
              ZeroDivisionError("division by zero"), OSError("disk full"), json.JSONDecodeError("no JSON", "", 0),
              UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), ExpectedByNoOne("its own")]


@pytest.mark.parametrize("error", UNEXPECTED, ids=lambda error: type(error).__name__)
def test_any_exception_the_job_does_not_expect_is_recorded_as_failed_raised_again_and_not_retried(
    stored, monkeypatch, error
):
    def failing_scan(content: bytes) -> str:
        raise error

    monkeypatch.setattr(worker, "scan", failing_scan)
    with logged_by(worker) as logged, pytest.raises(type(error)) as raised:
        worker.process_upload("u1")
    assert raised.value is error
    assert logged.lines == ["upload u1, try 1: stopped on an error"]
    assert json.loads(stored.get(outcome_key("u1"))) == {"status": "failed", "error": "the job stopped on an error"}
    assert notes(stored) == [{"id": "u1", "status": "failed"}]
    assert not worker.retry_when(0, error)  # Dramatiq tries no more


@pytest.mark.parametrize("failing", ["counting the try", "marking it retrying", "recording its outcome"])
def test_a_try_that_redis_fails_while_counting_it_marking_it_retrying_or_recording_its_outcome_ends_without_the_jobs_line(
    stored, scanner_url, monkeypatch, failing  # noqa: F811
):
    """The connection to Redis is lost at that step, and only there: the error goes to Dramatiq (which tries again,
    see retry_when), and the job logs nothing. Lost while the try is counted, the transaction never ran: the upload
    keeps the state it had."""
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    lost = redis.ConnectionError("Connection lost")
    if failing == "counting the try":
        monkeypatch.setattr(worker, "store", redis.Redis(port=9, socket_connect_timeout=TIMEOUT))  # nothing there
    elif failing == "marking it retrying":
        monkeypatch.setattr(worker, "SCANNER_URL", "http://127.0.0.1:9/scan")  # a try that asks for a retry
        set_key = stored.set

        def set_unless_retrying(key: str, value: Any, **options: Any) -> Any:
            if value == storage.RETRYING:
                raise lost
            return set_key(key, value, **options)

        monkeypatch.setattr(stored, "set", set_unless_retrying)
    else:
        pipeline = stored.pipeline

        def pipeline_lost_when_recording(*args: Any, **kwargs: Any) -> Any:
            pipe = pipeline(*args, **kwargs)
            execute = pipe.execute

            def execute_unless_recording(*args: Any, **kwargs: Any) -> Any:
                if pipe.watching:  # record_once's transaction
                    raise lost
                return execute(*args, **kwargs)

            pipe.execute = execute_unless_recording
            return pipe

        monkeypatch.setattr(stored, "pipeline", pipeline_lost_when_recording)
    with logged_by(worker) as logged, pytest.raises(redis.ConnectionError) as raised:
        worker.process_upload("u1")
    assert logged.lines == [] and worker.retry_when(0, raised.value)
    assert stored.get(outcome_key("u1")) is None and notes(stored) == []
    expected_state = storage.QUEUED if failing == "counting the try" else storage.PROCESSING
    assert stored.get(state_key("u1")) == expected_state.encode()


@pytest.mark.parametrize("status", [400, 403, 404, 429, 500, 502, 503, 504])
def test_any_error_status_of_the_scanner_before_the_last_try_asks_for_a_retry_a_second_later_and_marks_it_retrying(
    stored, monkeypatch, status
):
    async def failing(request: Request) -> JSONResponse:
        return JSONResponse({"detail": "no"}, status_code=status)

    with serve(Lilya(routes=[Path("/scan", failing, methods=["POST"])])) as served:
        monkeypatch.setattr(worker, "SCANNER_URL", served.url + "/scan")
        with pytest.raises(dramatiq.Retry) as retry:
            worker.process_upload("u1")
    assert retry.value.delay == 1000
    assert stored.get(state_key("u1")) == b"retrying" and stored.get(outcome_key("u1")) is None


REPORTING_WORKER = """import threading

from docs_src.job_queue import worker

example_begin_try = worker.begin_try


def reporting_begin_try(upload_id):
    print("the job runs in a", type(threading.current_thread()).__name__, flush=True)
    return example_begin_try(upload_id)


worker.begin_try = reporting_begin_try
"""


def test_the_examples_job_is_a_plain_function_that_a_dramatiq_worker_thread_runs(
    broker, served_web, scanner_url, tmp_path  # noqa: F811
):
    job = worker.process_upload.fn  # what the actor calls: the function itself, not an async_to_sync wrapper
    assert job.__name__ == "process_upload" and not hasattr(job, "__wrapped__")
    assert not inspect.iscoroutinefunction(job)
    (tmp_path / "reporting_worker.py").write_text(REPORTING_WORKER)
    command = [sys.executable, "-m", "dramatiq", "reporting_worker", "--processes", "1", "--threads", "2",
               "--path", str(tmp_path)]
    with running(command, WORKER_READY, cwd=ROOT, env=environment(broker.url, scanner_url),
                 start_new_session=True) as reporting:
        upload_id = post_upload(served_web.url)
        assert reporting.said(f"upload {upload_id}, try 1: done"), reporting.output
    assert "the job runs in a WorkerThread" in reporting.output.lines, reporting.output


@pytest.fixture
def held_scanner() -> Any:
    """A scanner that holds each request until the test releases it (at most TIMEOUT), then answers "clean"."""
    arrived, release = threading.Event(), threading.Event()

    async def scan(request: Request) -> JSONResponse:
        await request.body()
        arrived.set()
        await anyio.to_thread.run_sync(release.wait, TIMEOUT)
        return JSONResponse({"verdict": "clean"})

    with serve(Lilya(routes=[Path("/scan", scan, methods=["POST"])])) as served:
        yield SimpleNamespace(url=served.url + "/scan", arrived=arrived, release=release)
        release.set()


LIMITED_WORKER = """from docs_src.job_queue import worker

worker.process_upload.options["time_limit"] = 1000  # milliseconds, against Dramatiq's 10 minutes
"""


def test_a_try_past_dramatiqs_time_limit_is_stopped_with_an_exception_that_is_not_an_exception_and_leaves_it_processing(
    broker, served_web, held_scanner, tmp_path  # noqa: F811
):
    """Dramatiq's TimeLimit middleware (10 minutes unless an actor says otherwise; 1 s here) raises TimeLimitExceeded, a
    BaseException, in the worker thread: the job's `except Exception` does not record it, and `retry_when` asks for no
    other try. The scanner holds the try past its limit, then answers."""
    assert TimeLimit().time_limit == 600_000 and "time_limit" not in worker.process_upload.options
    assert any(isinstance(middleware, TimeLimit) for middleware in storage.broker.middleware)
    assert not issubclass(TimeLimitExceeded, Exception)
    (tmp_path / "limited_worker.py").write_text(LIMITED_WORKER)
    command = [sys.executable, "-m", "dramatiq", "limited_worker", "--processes", "1", "--threads", "1",
               "--path", str(tmp_path)]
    with running(command, WORKER_READY, cwd=ROOT, env=environment(broker.url, held_scanner.url),
                 start_new_session=True) as limited:
        upload_id = post_upload(served_web.url)
        assert held_scanner.arrived.wait(TIMEOUT)
        assert limited.said("Time limit exceeded"), limited.output
        held_scanner.release.set()
        assert limited.said("Retries exceeded for message"), limited.output
    assert any("TimeLimitExceeded" in line for line in limited.output.lines), limited.output
    assert not any(f"upload {upload_id}, try" in line for line in limited.output.lines), limited.output
    assert status_of(served_web.url, upload_id).json() == {"id": upload_id, "status": "processing"}
    with redis.Redis.from_url(broker.url) as client:
        assert client.get(outcome_key(upload_id)) is None and notes(client) == []
        assert client.hlen("dramatiq:default.XQ.msgs") == 1 and client.llen("dramatiq:default") == 0


def test_without_its_outcome_check_the_job_run_again_would_push_a_second_notification(
    stored, scanner_url, monkeypatch  # noqa: F811
):
    """`record_once` with `EXISTS` made to find nothing: the second run records again and notifies again."""
    monkeypatch.setattr(worker, "SCANNER_URL", scanner_url)
    pipeline = stored.pipeline

    def pipeline_without_the_check(*args: Any, **kwargs: Any) -> Any:
        pipe = pipeline(*args, **kwargs)
        pipe.exists = lambda *keys: 0
        return pipe

    monkeypatch.setattr(stored, "pipeline", pipeline_without_the_check)
    with logged_by(worker) as logged:
        worker.process_upload("u1")
        stored.set(upload_key("u1"), CONTENT)  # as a run of the same job would find it, had it not been dropped
        worker.process_upload("u1")
    assert logged.lines == ["upload u1, try 1: done", "upload u1, try 2: done"]
    assert notes(stored) == [{"id": "u1", "status": "done"}] * 2


ONE_CLIENT_EACH = """
import sys, threading
import httpx2, redis

made = {"redis": 0, "http": 0}

def counted(cls, name):
    init = cls.__init__
    def counting(self, *args, **kwargs):
        made[name] += 1
        init(self, *args, **kwargs)
    cls.__init__ = counting

counted(redis.Redis, "redis")
counted(httpx2.Client, "http")
from docs_src.job_queue import storage
before = dict(made)
from docs_src.job_queue import worker
print("importing the worker module made", made["redis"] - before["redis"], made["http"] - before["http"], flush=True)
ids = sys.argv[1:]
for upload_id in ids:
    worker.store.set(storage.upload_key(upload_id), b"content of " + upload_id.encode())
    worker.store.set(storage.state_key(upload_id), storage.QUEUED)
before = dict(made)
threads = [threading.Thread(target=worker.process_upload, args=(upload_id,)) for upload_id in ids]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("the jobs made", made["redis"] - before["redis"], made["http"] - before["http"], flush=True)
"""


def test_the_worker_module_makes_one_redis_client_and_one_http_client_on_import_and_jobs_on_four_threads_share_them(
    broker,
):
    """Four jobs run at once on four threads (as a worker's threads run them): the scanner answers none of them
    before all four are in."""
    ids = [f"u{number}" for number in range(4)]
    arrived, everyone = [], threading.Event()
    lock = threading.Lock()

    async def scan(request: Request) -> JSONResponse:
        await request.body()
        with lock:
            arrived.append(1)
            if len(arrived) == len(ids):
                everyone.set()
        if not await anyio.to_thread.run_sync(everyone.wait, TIMEOUT):
            return JSONResponse({"detail": "the four jobs did not run at once"}, status_code=503)
        return JSONResponse({"verdict": "clean"})

    with serve(Lilya(routes=[Path("/scan", scan, methods=["POST"])])) as served:
        ran = subprocess.run([sys.executable, "-c", ONE_CLIENT_EACH, *ids], cwd=ROOT, capture_output=True, text=True,
                             env=environment(broker.url, served.url + "/scan"), timeout=TIMEOUT * 2, check=False)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == ["importing the worker module made 1 1", "the jobs made 0 0"], ran.stderr
    with redis.Redis.from_url(broker.url) as client:
        assert sorted(note["id"] for note in notes(client)) == ids
        assert {json.loads(client.get(outcome_key(upload_id)))["status"] for upload_id in ids} == {"done"}


PRINT_SCANNER_URL = "from docs_src.job_queue import worker\nprint(worker.SCANNER_URL)\n"


@pytest.mark.parametrize(("scanner_env", "expected"), [
    ({}, "http://127.0.0.1:8002/scan"),
    ({"SCANNER_URL": "http://scanner.internal:9000/v1/scan"}, "http://scanner.internal:9000/v1/scan"),
], ids=["default", "set"])
def test_the_worker_reads_scanner_url_and_without_it_uses_port_8002_on_127_0_0_1(scanner_env, expected):
    env = {name: value for name, value in os.environ.items() if name != "SCANNER_URL"} | scanner_env
    shown = subprocess.run([sys.executable, "-c", PRINT_SCANNER_URL], cwd=ROOT, env=env, capture_output=True,
                           text=True, check=True, timeout=TIMEOUT)
    assert shown.stdout.strip() == expected


def test_the_dramatiq_commands_processes_and_threads_options_set_the_number_of_each():
    options = make_argument_parser().parse_args(["docs_src.job_queue.worker", "--processes", "3", "--threads", "2"])
    assert (options.processes, options.threads) == (3, 2) != (multiprocessing.cpu_count(), 8)


def test_an_idle_consumer_of_the_queue_or_its_delay_queue_asks_redis_again_at_growing_intervals_of_at_most_1_s(
    on_broker, monkeypatch  # noqa: F811
):
    """The consumers a worker made by the `dramatiq` command runs, on the example's broker: each look that finds no
    job is followed by a wait (recorded here instead of slept) before the next one."""
    assert inspect.signature(Worker).parameters["worker_timeout"].default == 1000  # milliseconds
    waits: list[float] = []
    monkeypatch.setattr(dramatiq.brokers.redis, "time", SimpleNamespace(sleep=waits.append))
    for queue in ("default", "default.DQ"):
        waits.clear()
        consumer = storage.broker.consume(queue, prefetch=1, timeout=1000)
        assert [next(consumer) for _ in range(14)] == [None] * 14
        milliseconds = [wait * 1000 for wait in waits]
        assert milliseconds[:7] == sorted(milliseconds[:7]) and milliseconds[6] > 16 * milliseconds[0], milliseconds
        assert max(milliseconds) <= 1000 and min(milliseconds[-4:]) >= 500, milliseconds


def test_an_idle_worker_keeps_asking_redis_for_jobs_and_each_call_renews_its_heartbeat(broker):
    """A `dramatiq` worker with Dramatiq's own polling delay and no job to run: MONITOR shows each of its calls (the
    dispatch script) followed by the script's ZADD of the worker's heartbeat, at that call's time. Its two consumer
    threads (the queue and its delay queue) each stamp their calls; Redis may see one thread's call before the other's
    earlier-stamped one, so time is seen to move on per queue."""
    calls: list[tuple[str, str, str, str]] = []
    with redis.Redis.from_url(broker.url, socket_timeout=TIMEOUT) as client, client.monitor() as monitor, \
            worker_process(broker.url, "http://127.0.0.1:9/scan", poll={}):
        pending: dict[str, str] | None = None
        for command in monitor.listen():
            text = command["command"]
            called = re.match(r"EVALSHA \w+ 1 dramatiq (\w+) (\d+) (\S+) (\S+) ", text)
            if called:
                pending = {"command": called[1], "time": called[2], "queue": called[3], "worker": called[4]}
                continue
            beat = re.match(rf"zadd {HEARTBEATS} (\d+) (\S+)", text, re.IGNORECASE)
            if beat and pending is not None:
                assert (beat[1], beat[2]) == (pending["time"], pending["worker"]), (text, pending)
                calls.append((pending["command"], pending["time"], pending["queue"], pending["worker"]))
                pending = None
                if sum(command == "fetch" for command, *_ in calls) >= 12:
                    break
    fetches = [(int(at), queue, who) for command, at, queue, who in calls if command == "fetch"]
    assert len({who for *_, who in fetches}) == 1  # one worker process
    for queue in {queue for _, queue, _ in fetches}:
        times = [at for at, asked, _ in fetches if asked == queue]
        assert times == sorted(times), (queue, times)
    assert max(at for at, *_ in fetches[-2:]) > min(at for at, *_ in fetches[:2])
    with redis.Redis.from_url(broker.url) as client:
        assert client.llen("dramatiq:default") == 0  # it had nothing to run


def test_with_the_examples_broker_every_call_but_the_acknowledgements_runs_the_maintenance():
    """The dispatch script's commands; the broker decides, call by call, whether that call runs the maintenance."""
    for command in ("enqueue", "fetch", "requeue", "purge", "qsize", "ack", "nack"):
        decided = {storage.broker._should_do_maintenance(command) for _ in range(1000)}
        assert decided == ({0} if command in ("ack", "nack") else {1}), command


def test_the_web_app_sending_a_job_puts_a_dead_workers_jobs_back_in_the_queue_once_it_has_been_silent_for_the_timeout(
    broker, served_web, scanner_url, monkeypatch  # noqa: F811
):
    """No other worker runs: the web app's own sends (its broker with the held workers' 3 s instead of 15 s) are the
    only calls to Redis that can notice the dead worker."""
    monkeypatch.setattr(storage.broker, "heartbeat_timeout", HEARTBEAT_TIMEOUT)
    taken = post_upload(served_web.url)
    hold(broker.url, taken, AT_START)
    with worker_process(broker.url, scanner_url, HELD_WORKER) as dead:
        assert dead.said(held_line(AT_START, taken)), dead.output
        dead.kill()
    with redis.Redis.from_url(broker.url) as client:
        (acks,) = client.keys("dramatiq:__acks__.*.default")
        dead_id = acks.decode().removeprefix("dramatiq:__acks__.").removesuffix(".default")
        silent_from = client.zscore(HEARTBEATS, dead_id) / 1000
        assert queued_ids(client) == []  # the dead worker still holds its job
        assert time.time() < silent_from + HEARTBEAT_TIMEOUT / 1000
        early = post_upload(served_web.url)
        assert queued_ids(client) == [early]  # too early: not yet counted dead
        time.sleep(max(0.0, silent_from + HEARTBEAT_TIMEOUT / 1000 - time.time()) + 0.1)  # the silence the claim needs
        later = post_upload(served_web.url)
        assert queued_ids(client) == [early, taken, later]  # put back by the send, before its own job
        assert client.smembers(acks) == set()


def test_dramatiq_runs_an_async_def_actor_once_its_asyncio_middleware_is_added():
    stub = StubBroker()
    stub.add_middleware(AsyncIO())
    ran: list[tuple[str, bool]] = []

    @dramatiq.actor(broker=stub)
    async def scan_later(name: str) -> None:
        await asyncio.sleep(0)
        ran.append((name, asyncio.get_running_loop().is_running()))

    runner = Worker(stub, worker_timeout=100)
    runner.start()
    try:
        scan_later.send("report.pdf")
        stub.join(scan_later.queue_name, timeout=int(TIMEOUT * 1000))
        runner.join()
    finally:
        runner.stop()
    assert ran == [("report.pdf", True)]


CODE_RAN: list[str] = []


def run_by_unpickling(what: str) -> None:
    """What a pickled job names, by module and name, for unpickling to call."""
    CODE_RAN.append(what)


class PickledJob:
    def __reduce__(self) -> tuple:
        return (run_by_unpickling, ("code named by the job",))


def test_dramatiq_writes_a_message_as_json_which_reading_runs_no_code_of_while_unpickling_a_job_runs_code_it_names():
    CODE_RAN.clear()
    encoded = worker.process_upload.message("u1").encode()
    read = json.loads(encoded)
    assert (read["actor_name"], read["args"], read["kwargs"]) == ("process_upload", ["u1"], {})
    assert dramatiq.Message.decode(encoded).args == ("u1",) and CODE_RAN == []
    pickle.loads(pickle.dumps(PickledJob()))
    assert CODE_RAN == ["code named by the job"]
