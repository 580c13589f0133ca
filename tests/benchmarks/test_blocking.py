import threading

import pytest
from lilya.testclient import TestClient

from benchmarks import blocking
from benchmarks.blocking import KINDS, Uploads, app, body_size, summarize
from benchmarks.wrk import WrkResult, http_client, poll
from docs_src.background_tasks import blocking as example
from tests.proof import TIMEOUT, serve

WORKER_THREAD = "AnyIO worker thread"


@pytest.fixture(autouse=True)
def no_digests(monkeypatch) -> dict[str, str]:
    digests: dict[str, str] = {}
    monkeypatch.setattr(example, "digests", digests)
    return digests


@pytest.fixture
def checksummed_in(monkeypatch) -> list[str]:
    """The name of the thread each checksum ran in; the checksum itself is a cheap stand-in."""
    threads: list[str] = []

    def checksum(data: bytes) -> str:
        threads.append(threading.current_thread().name)
        return f"sum of {bytes(data)!r}"  # the example reads the body into a bytearray

    monkeypatch.setattr(example, "checksum", checksum)
    return threads


def test_the_def_variant_uploads_to_the_examples_def_task_which_runs_in_a_worker_thread(checksummed_in, no_digests):
    response = TestClient(app).put(KINDS["def"] + "a", content=b"data")
    assert response.status_code == 202
    assert checksummed_in == [WORKER_THREAD]
    assert no_digests == {"a": "sum of b'data'"}


def test_the_async_def_variant_uploads_to_the_examples_async_task_which_runs_on_the_loop(checksummed_in):
    assert TestClient(app).put(KINDS["async def"] + "a", content=b"data").status_code == 202
    [thread] = checksummed_in
    assert thread != WORKER_THREAD


def test_the_real_checksum_is_stored_and_counted(no_digests):
    client = TestClient(app)
    client.put("/files/a", content=b"x")
    assert no_digests["a"] == example.checksum(b"x")
    assert client.get("/digests").json() == {"digests": 1}


def test_health_is_the_examples():
    assert TestClient(app).get("/health").json() == {"status": "ok"}


def test_the_body_size_is_the_calibration_size_scaled_to_the_target_time():
    assert body_size(50.0, 75.0) == 1536
    assert body_size(150.0, 75.0) == 512
    assert body_size(1e9, 75.0) == 1


def test_a_variant_reports_medians_over_rounds_the_largest_maximum_and_summed_counts():
    rounds = [WrkResult(100, 0, 3.0, 33.3, 1.0, 9.0, 80.0), WrkResult(300, 0, 3.0, 100.0, 2.0, 4.0, 20.5)]
    assert summarize("def", rounds, 30) == {"kind": "def", "median_ms": 1.5, "p99_ms": 6.5, "max_ms": 80.0,
                                            "requests": 400, "uploads": 30}


def test_the_upload_driver_counts_the_uploads_whose_checksums_the_server_stores(checksummed_in, monkeypatch,
                                                                                 no_digests):
    monkeypatch.setattr(blocking, "UPLOAD_EVERY_S", 0.001)
    with serve(app) as served, http_client(TIMEOUT) as client:
        with Uploads(client, served.url + "/files/", "test", b"data") as driver:
            poll(lambda: driver.sent >= 3, TIMEOUT, "three uploads")
        poll(lambda: len(no_digests) >= driver.sent, TIMEOUT, "their checksums")
    assert sorted(no_digests) == sorted(f"test-{number}" for number in range(driver.sent))


def test_a_failed_upload_is_raised_when_the_driver_stops(monkeypatch):
    monkeypatch.setattr(blocking, "UPLOAD_EVERY_S", 0.001)
    with serve(app) as served, http_client(TIMEOUT) as client:
        with pytest.raises(RuntimeError, match="an upload to .*/nowhere/ failed"):
            with Uploads(client, served.url + "/nowhere/", "test", b"data") as driver:
                driver.thread.join(TIMEOUT)
