"""The job-queue example's web app (docs_src/job_queue/web.py) storing an upload and sending its job: what Redis sees,
in which order, and what the client gets when the send waits on Redis, fails, or loses Redis's answer. Redis is the
test's own; where a test controls the send, Dramatiq's broker reaches Redis through a proxy the test drives."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx2
import pytest
import redis
from lilya.apps import Lilya
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from docs_src.job_queue import storage, web, worker
from docs_src.job_queue.storage import UPLOAD_TTL, outcome_key, state_key, upload_key
from tests.docs_src.job_queue.client import CONTENT, post_upload, status_of
from tests.docs_src.job_queue.conftest import on_broker, scanner_url, served_web  # noqa: F401 - fixtures
from tests.docs_src.job_queue.processes import environment, notifications, web_app
from tests.docs_src.job_queue.processes import worker as worker_process
from tests.mkdocs_site import ROOT
from tests.processes import running
from tests.proof import STILL, TIMEOUT, serve

QUEUE = "dramatiq:default"


class RedisProxy:
    """A TCP proxy in front of a Redis server, for the connections of Dramatiq's broker: it passes everything on
    (PASS), or holds what a client sends until `release()` (HOLD), or swallows what a client sends (DROP_REQUESTS),
    or swallows Redis's answers (DROP_REPLIES)."""

    PASS, HOLD, DROP_REQUESTS, DROP_REPLIES = "pass", "hold", "drop requests", "drop replies"

    def __init__(self, port: int) -> None:
        self.port = port
        self.mode = self.PASS
        self.held = threading.Event()
        """Set once a client has sent something while the proxy holds."""
        self.released = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.sockets: list[socket.socket] = [self.listener]
        self.threads = [threading.Thread(target=self._accept, daemon=True)]
        self.threads[0].start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.listener.getsockname()[1]}/0"

    def release(self) -> None:
        self.mode = self.PASS
        self.released.set()

    def close(self) -> None:
        self.released.set()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        for thread in self.threads:
            thread.join(TIMEOUT)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT)
            upstream.settimeout(None)
            self.sockets += [client, upstream]
            for pump in (self._requests, self._replies):
                thread = threading.Thread(target=pump, args=(client, upstream), daemon=True)
                self.threads.append(thread)
                thread.start()

    def _requests(self, client: socket.socket, upstream: socket.socket) -> None:
        self._pump(client, upstream, lambda: self.mode == self.DROP_REQUESTS, hold=True)

    def _replies(self, client: socket.socket, upstream: socket.socket) -> None:
        self._pump(upstream, client, lambda: self.mode == self.DROP_REPLIES, hold=False)

    def _pump(self, source: socket.socket, target: socket.socket, dropped: Callable[[], bool], hold: bool) -> None:
        try:
            while data := source.recv(65536):
                if hold and self.mode == self.HOLD:
                    self.held.set()
                    self.released.wait(TIMEOUT)
                if not dropped():
                    target.sendall(data)
        except OSError:
            pass


@contextlib.contextmanager
def proxied_broker(port: int, answer_timeout: float, monkeypatch: pytest.MonkeyPatch) -> Iterator[RedisProxy]:
    """Dramatiq's broker (the one `process_upload.send` uses) connected to Redis through a proxy, waiting at most
    `answer_timeout` seconds for each answer; the web app's own client, and the test's, connect directly."""
    proxied = RedisProxy(port)
    pool = redis.ConnectionPool.from_url(proxied.url, socket_timeout=answer_timeout, socket_connect_timeout=TIMEOUT)
    monkeypatch.setattr(storage.broker.client, "connection_pool", pool)
    try:
        yield proxied
    finally:
        proxied.close()
        pool.disconnect()


@pytest.fixture
def proxy(on_broker: redis.Redis, broker, monkeypatch: pytest.MonkeyPatch) -> Iterator[RedisProxy]:  # noqa: F811
    """The broker through the proxy, waiting up to TIMEOUT for an answer: longer than any hold of these tests."""
    with proxied_broker(broker.port, TIMEOUT, monkeypatch) as proxied:
        yield proxied


@pytest.fixture
def impatient_proxy(on_broker: redis.Redis, broker, monkeypatch: pytest.MonkeyPatch) -> Iterator[RedisProxy]:  # noqa: F811
    """The broker through the proxy, waiting 1 s for an answer, as the example's 5 s would, only sooner."""
    with proxied_broker(broker.port, 1.0, monkeypatch) as proxied:
        yield proxied


def queued_ids(client: redis.Redis) -> list[str]:
    """The upload ids of the messages waiting in Dramatiq's queue, in order."""
    stored = client.hgetall(QUEUE + ".msgs")
    return [json.loads(stored[message_id])["args"][0] for message_id in client.lrange(QUEUE, 0, -1)]


def stored_ids(client: redis.Redis) -> set[str]:
    return {key.decode().split(":")[1] for key in client.keys("upload:*:content")}


class InBackground:
    """A call made from another thread, so that the test can watch whether and when it returns: its result, or the
    HTTP error it raised."""

    def __init__(self, call: Callable[[], Any]) -> None:
        self.answered = threading.Event()
        self.response: Any = None
        self.error: Exception | None = None
        threading.Thread(target=self._run, args=(call,), daemon=True).start()

    def _run(self, call: Callable[[], Any]) -> None:
        try:
            self.response = call()
        except httpx2.HTTPError as error:
            self.error = error
        self.answered.set()


def posted(url: str) -> InBackground:
    """A POST of CONTENT to the app's /uploads, from another thread."""
    return InBackground(lambda: httpx2.post(url + "/uploads", content=CONTENT, timeout=TIMEOUT))


@contextlib.contextmanager
def monitored(client: redis.Redis) -> Iterator[list[str]]:
    """Every command Redis runs while the block runs, as MONITOR shows it (the scripts' own commands included)."""
    seen: list[str] = []
    ready, end = threading.Event(), f"end-of-block-{uuid.uuid4().hex}"

    def watch() -> None:
        kwargs = {**client.connection_pool.connection_kwargs, "socket_timeout": TIMEOUT}
        with redis.Redis(connection_pool=redis.ConnectionPool(**kwargs)) as own, own.monitor() as monitor:
            ready.set()
            for command in monitor.listen():
                if end in command["command"]:
                    return
                seen.append(command["command"])

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    assert ready.wait(TIMEOUT)
    yield seen
    client.echo(end)
    watcher.join(TIMEOUT)
    assert not watcher.is_alive(), "MONITOR never showed the end of the block"


def test_an_upload_is_stored_in_one_transaction_expiring_in_a_day_and_only_then_its_job_is_sent(on_broker,  # noqa: F811
                                                                                                served_web):  # noqa: F811
    assert UPLOAD_TTL == 24 * 60 * 60
    with monitored(on_broker) as seen:
        upload_id = post_upload(served_web.url)
    content, state = upload_key(upload_id), state_key(upload_id)
    stored = [command for command in seen if re.match(r"(MULTI|EXEC|SET) ?", command)]
    assert len(stored) == 4 and stored[0] == "MULTI" and stored[3] == "EXEC", seen
    assert stored[1].startswith(f"SET {content} ") and stored[1].endswith(" EX 86400"), stored
    assert stored[2] == f"SET {state} queued EX 86400", stored
    enqueued = next(index for index, command in enumerate(seen) if re.match(r"EVALSHA .* enqueue ", command))
    assert seen.index("EXEC") < enqueued, seen  # the job is sent once the transaction is done
    assert re.search(rf"rpush {QUEUE} ", " ".join(seen[enqueued:]), re.IGNORECASE)


def test_the_status_endpoint_reads_the_outcome_and_the_state_with_one_mget(on_broker, served_web):  # noqa: F811
    upload_id = post_upload(served_web.url)
    with monitored(on_broker) as seen:
        assert status_of(served_web.url, upload_id).json()["status"] == "queued"
    assert seen == [f"MGET {outcome_key(upload_id)} {state_key(upload_id)}"]


def test_while_send_waits_on_redis_the_examples_event_loop_answers_other_requests(proxy, served_web):  # noqa: F811
    known = post_upload(served_web.url)  # the broker's connection made, its script loaded
    proxy.mode = proxy.HOLD
    upload = posted(served_web.url)
    assert proxy.held.wait(TIMEOUT), "the send never reached Redis"
    assert status_of(served_web.url, known).json()["status"] == "queued"  # answered meanwhile
    assert not upload.answered.is_set()
    proxy.release()
    assert upload.answered.wait(TIMEOUT) and upload.response.status_code == 202, upload.error


async def send_on_the_loop(request: Request) -> JSONResponse:
    """An `async def` handler that makes the blocking send itself, on the event loop's thread."""
    worker.process_upload.send(uuid.uuid4().hex)
    return JSONResponse({"status": "queued"}, status_code=202)


def test_an_async_def_handler_that_calls_send_itself_holds_up_every_other_request_until_redis_answers(
    proxy, on_broker  # noqa: F811
):
    app = Lilya(routes=[Path("/uploads", send_on_the_loop, methods=["POST"]),
                        Path("/uploads/{upload_id}", web.upload_status)], lifespan=web.lifespan)
    unknown = "0" * 32
    with serve(app, lifespan="on") as served:
        assert httpx2.post(served.url + "/uploads", timeout=TIMEOUT).status_code == 202  # the connection made
        proxy.mode = proxy.HOLD
        upload = posted(served.url)
        assert proxy.held.wait(TIMEOUT), "the send never reached Redis"
        asked = InBackground(lambda: status_of(served.url, unknown))
        assert not asked.answered.wait(STILL), "answered while the event loop's thread waited on Redis"
        assert not upload.answered.is_set()
        proxy.release()
        assert upload.answered.wait(TIMEOUT) and asked.answered.wait(TIMEOUT)
    assert upload.response.status_code == 202 and asked.response.status_code == 404


def test_a_send_that_redis_never_receives_gets_the_client_a_500_and_leaves_the_upload_stored_and_unqueued(
    impatient_proxy, on_broker, served_web  # noqa: F811
):
    known = post_upload(served_web.url)
    impatient_proxy.mode = impatient_proxy.DROP_REQUESTS
    response = httpx2.post(served_web.url + "/uploads", content=CONTENT, timeout=TIMEOUT)
    assert response.status_code == 500
    (upload_id,) = stored_ids(on_broker) - {known}
    assert on_broker.get(upload_key(upload_id)) == CONTENT and on_broker.get(state_key(upload_id)) == b"queued"
    assert queued_ids(on_broker) == [known]  # no job for it


def test_a_send_whose_answer_is_lost_gets_the_client_a_500_and_the_job_redis_took_still_processes_the_upload(
    impatient_proxy, on_broker, served_web, scanner_url, broker  # noqa: F811
):
    known = post_upload(served_web.url)
    impatient_proxy.mode = impatient_proxy.DROP_REPLIES
    response = httpx2.post(served_web.url + "/uploads", content=CONTENT, timeout=TIMEOUT)
    assert response.status_code == 500
    (upload_id,) = stored_ids(on_broker) - {known}
    assert queued_ids(on_broker) == [known, upload_id]  # Redis took the job all the same
    with worker_process(broker.url, scanner_url):
        pushed = [json.loads(note) for note in notifications(broker.url, 2)]
    assert {note["id"]: note["status"] for note in pushed} == {known: "done", upload_id: "done"}
    assert status_of(served_web.url, upload_id).json()["status"] == "done"


HELD_SEND = """
import threading, uvicorn
from docs_src.job_queue import web, worker
def held_send(*args):
    print("sending the job", flush=True)
    threading.Event().wait()  # until the process is killed
worker.process_upload.send = held_send
uvicorn.run(web.app, host="127.0.0.1", port=0, lifespan="on")
"""


def test_a_web_server_killed_between_storing_and_sending_gives_no_202_and_leaves_the_content_unqueued_to_expire(
    broker, scanner_url  # noqa: F811
):
    """The web app in a process of its own whose send waits until the test kills the process; then a worker runs
    every job in the queue (a later upload's included), and the stored upload gets none."""
    with running([sys.executable, "-c", HELD_SEND], "Uvicorn running on", cwd=ROOT,
                 env=environment(broker.url)) as server:
        url = re.search(r"Uvicorn running on (http://127\.0\.0\.1:\d+)", str(server.output)).group(1)
        upload = posted(url)
        assert server.said("sending the job"), server.output
        server.kill()
        assert upload.answered.wait(TIMEOUT)
    assert upload.response is None and isinstance(upload.error, httpx2.TransportError), upload.response
    with redis.Redis.from_url(broker.url) as client:
        (upload_id,) = stored_ids(client)
        assert client.get(upload_key(upload_id)) == CONTENT
        assert UPLOAD_TTL - 60 < client.ttl(upload_key(upload_id)) <= UPLOAD_TTL  # gone after a day
        assert client.llen(QUEUE) == 0 and client.hlen(QUEUE + ".msgs") == 0
        with web_app(broker.url) as (later_url, _):
            later = post_upload(later_url)
        with worker_process(broker.url, scanner_url):
            assert notifications(broker.url, 1) == [json.dumps({"id": later, "status": "done"})]
        assert client.get(outcome_key(upload_id)) is None
        assert client.get(upload_key(upload_id)) == CONTENT and client.get(state_key(upload_id)) == b"queued"


def test_every_request_goes_through_the_one_redis_client_the_lifespan_opened(on_broker, monkeypatch):  # noqa: F811
    made: list[Any] = []

    class Recorded(web.Redis):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.used: list[str] = []
            made.append(self)

        def pipeline(self, *args: Any, **kwargs: Any) -> Any:
            self.used.append("pipeline")
            return super().pipeline(*args, **kwargs)

        async def mget(self, *args: Any, **kwargs: Any) -> Any:
            self.used.append("mget")
            return await super().mget(*args, **kwargs)

    monkeypatch.setattr(web, "Redis", Recorded)
    with serve(web.app, lifespan="on") as served:
        ids = [post_upload(served.url) for _ in range(3)]
        assert [status_of(served.url, upload_id).json()["status"] for upload_id in ids] == ["queued"] * 3
        (client,) = made
        assert web.app.state.redis is client
    assert client.used == ["pipeline"] * 3 + ["mget"] * 3
