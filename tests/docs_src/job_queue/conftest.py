"""The job-queue example's web app, worker module and scanner in this process, on the test's own Redis server."""

from collections.abc import Iterator

import pytest
import redis

from docs_src.job_queue import scanner, storage, web, worker
from tests.proof import Served, serve
from tests.redis_server import RedisServer


@pytest.fixture
def on_broker(broker: RedisServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[redis.Redis]:
    """The example's Redis clients pointed at the test's Redis: the web app's, the jobs' (`worker.store`, yielded) and
    dramatiq's broker, whose messages then go there too."""
    pool = redis.ConnectionPool.from_url(broker.url)
    monkeypatch.setattr(web, "REDIS_URL", broker.url)
    monkeypatch.setattr(storage.broker.client, "connection_pool", pool)
    with redis.Redis.from_url(broker.url) as store:
        monkeypatch.setattr(worker, "store", store)
        yield store
    pool.disconnect()


@pytest.fixture
def served_web(on_broker: redis.Redis) -> Iterator[Served]:
    """The web app under uvicorn with its lifespan (which opens its Redis client), on the test's Redis."""
    with serve(web.app, lifespan="on") as served:
        yield served


@pytest.fixture
def scanner_url() -> Iterator[str]:
    """The example's stand-in scanner under uvicorn: the address a worker's SCANNER_URL names."""
    with serve(scanner.app) as served:
        yield served.url + "/scan"
