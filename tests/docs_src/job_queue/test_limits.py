"""An upload is read up to MAX_UPLOAD_BYTES and refused with 413 past it, whether its length is declared or not
(here through the scanner, which needs no Redis; test_web.py proves the web app's endpoint)."""

import httpx2
import pytest

from docs_src.job_queue import scanner
from docs_src.job_queue.limits import MAX_UPLOAD_BYTES
from tests.large_bodies import CHUNK, send_body
from tests.proof import TIMEOUT, serve

TOO_LARGE = {"detail": f"an upload holds at most {MAX_UPLOAD_BYTES} bytes"}


def test_the_limit_is_10_mib():
    assert MAX_UPLOAD_BYTES == 10 * 1024 * 1024


def test_a_body_of_exactly_the_limit_is_read():
    with serve(scanner.app) as served:
        answer = httpx2.post(served.url + "/scan", content=b"x" * MAX_UPLOAD_BYTES, timeout=TIMEOUT)
    assert (answer.status_code, answer.json()) == (200, {"verdict": "clean"})


@pytest.mark.parametrize("chunked", [False, True], ids=["declared", "chunked"])
def test_one_byte_over_the_limit_is_refused_with_413(chunked):
    content = b"x" * (MAX_UPLOAD_BYTES + 1)
    body = iter([content[:CHUNK], content[CHUNK:]]) if chunked else content
    with serve(scanner.app) as served:
        answer = httpx2.post(served.url + "/scan", content=body, timeout=TIMEOUT)
    assert (answer.status_code, answer.json()) == (413, TOO_LARGE)


def test_a_declared_length_over_the_limit_is_refused_before_any_of_the_body_comes():
    with serve(scanner.app) as served:
        assert send_body(served.url, "/scan", size=0, declared=1 << 40) == 413
