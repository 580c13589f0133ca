"""Two things Dramatiq does that the job-queue page states: when it runs an `async def` actor, and how long it waits
before it retries a failing job when no `retry_when` is given. Both on Dramatiq's own StubBroker, whose default
middleware is the one the example's RedisBroker has."""

from __future__ import annotations

import dramatiq
import dramatiq.asyncio
import pytest
from dramatiq.broker import MessageProxy
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import AsyncIO, Retries
from dramatiq.worker import Worker

from docs_src.job_queue import storage, worker


def test_with_dramatiqs_default_middleware_as_in_the_example_an_async_def_actor_fails_without_running():
    """The example's broker has Dramatiq's default middleware, which lacks AsyncIO: an `async def` actor does not run."""
    assert not any(isinstance(middleware, AsyncIO) for middleware in storage.broker.middleware)
    stub = StubBroker()
    assert [type(m) for m in stub.middleware] == [type(m) for m in storage.broker.middleware]
    assert dramatiq.asyncio.get_event_loop_thread() is None  # no other test left an event loop thread behind
    ran: list[str] = []

    @dramatiq.actor(broker=stub, max_retries=0)
    async def scan_later(name: str) -> None:
        ran.append(name)

    runner = Worker(stub, worker_timeout=100)
    runner.start()
    try:
        scan_later.send("report.pdf")
        with pytest.raises(RuntimeError, match="AsyncIO middleware"):
            stub.join(scan_later.queue_name, timeout=10_000)
        runner.join()
    finally:
        runner.stop()
    assert ran == []
    assert len(stub.dead_letters) == 1


def test_without_retry_when_the_examples_actor_retries_any_exception_after_its_own_min_backoff_of_1_to_2_s():
    """Without retry_when, Dramatiq retries up to max_retries (20) times; the first delay comes from the actor's
    min_backoff (1000 ms on the example's actor), not from the middleware's default of 15 s."""
    stub = StubBroker()
    options = {name: value for name, value in worker.process_upload.options.items() if name != "retry_when"}
    assert options == {"min_backoff": 1000}

    @dramatiq.actor(broker=stub, **options)
    def process_upload(upload_id: str) -> None:
        raise ValueError(upload_id)

    retries = next(middleware for middleware in stub.middleware if isinstance(middleware, Retries))
    assert retries.retry_when is None and retries.max_retries == 20
    delays: list[int | None] = []
    stub.enqueue = lambda message, *, delay=None: delays.append(delay)  # what the middleware asks for, not run
    for _ in range(200):
        message = MessageProxy(process_upload.message("u1"))
        retries.after_process_message(stub, message, exception=ValueError("u1"))
        assert not message.failed
    assert 1000 <= min(delays) and max(delays) <= 2000 and len(set(delays)) > 1, (min(delays), max(delays))

    last = MessageProxy(process_upload.message_with_options(args=("u1",), retries=20))
    retries.after_process_message(stub, last, exception=ValueError("u1"))
    assert last.failed
