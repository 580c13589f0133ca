"""The job-queue example's web app and scanner served in this process, on the test's own Redis server."""

from collections.abc import Iterator

import pytest
from arq.connections import RedisSettings

from docs_src.job_queue import scanner, web
from tests.proof import Served, serve
from tests.redis_server import RedisServer


@pytest.fixture
def served_web(broker: RedisServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    """The web app under uvicorn with its lifespan (which opens the queue), on the test's Redis."""
    monkeypatch.setattr(web, "REDIS", RedisSettings.from_dsn(broker.url))
    with serve(web.app, lifespan="on") as served:
        yield served


@pytest.fixture
def scanner_url() -> Iterator[str]:
    """The example's stand-in scanner under uvicorn: the address a worker's SCANNER_URL names."""
    with serve(scanner.app) as served:
        yield served.url + "/scan"
