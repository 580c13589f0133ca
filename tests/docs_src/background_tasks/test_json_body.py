"""Every example that takes JSON reads it with `read_json` (json_body.py): a body up to MAX_JSON_BYTES is accepted, one
byte more or a larger declared length gets 413 with no task run, and a body that is not a JSON object with the
string fields the handler needs gets 400. The upload examples bound theirs in test_upload.py, test_blocking.py and
job_queue/test_limits.py."""

import importlib
import json
import re

import httpx2
import pytest

from docs_src.background_tasks import json_body
from docs_src.background_tasks.json_body import MAX_JSON_BYTES
from tests.large_bodies import MEMORY_MARGIN, peak_memory, send_body
from tests.processes import uvicorn
from tests.proof import TIMEOUT, call_asgi, serve

JSON_ENDPOINTS = [
    ("as_group", "/orders", "id"),
    ("response.add_tasks", "/register", "email"),
    ("response.via_handlers", "/register", "email"),
    ("response.via_list", "/register", "email"),
    ("via_handlers", "/register", "email"),
    ("via_list", "/register", "email"),
    ("task_resources", "/users", "email"),
    ("testing", "/register", "email"),
]
HEADERS = {"content-type": "application/json"}


def app_of(module: str):
    return importlib.import_module(f"docs_src.background_tasks.{module}").app


def padded(field: str, size: int) -> bytes:
    """A JSON object of exactly `size` bytes, with a string in `field`."""
    empty = json.dumps({field: "ana@example.com", "padding": ""}).encode()
    body = json.dumps({field: "ana@example.com", "padding": "x" * (size - len(empty))}).encode()
    assert len(body) == size
    return body


def test_every_example_that_reads_a_body_reads_it_through_a_limit():
    """No example awaits `.json()`, `.body()`, `.form()`, `.data()` or `.text()` of its request, each of which reads
    a body whole, however large."""
    from pathlib import Path

    root = Path(json_body.__file__).resolve().parents[1]
    reads_whole = re.compile(r"await \w+\.(json|body|form|data|text)\(")
    whole = [str(path.relative_to(root)) for path in root.rglob("*.py") if reads_whole.search(path.read_text())]
    assert whole == []


@pytest.mark.parametrize(("module", "path", "field"), JSON_ENDPOINTS)
def test_a_body_of_exactly_the_limit_is_accepted(recorder, module, path, field):
    result = call_asgi(app_of(module), recorder.timeline, "POST", path, padded(field, MAX_JSON_BYTES), HEADERS)
    assert 200 <= result.status < 300 and result.error is None
    assert recorder.timeline.of("task-start") != []


@pytest.mark.parametrize(("module", "path", "field"), JSON_ENDPOINTS)
def test_one_byte_over_the_limit_gets_413_and_no_task_runs(recorder, module, path, field):
    result = call_asgi(app_of(module), recorder.timeline, "POST", path, padded(field, MAX_JSON_BYTES + 1), HEADERS)
    assert (result.status, result.body) == (413, json_body.TOO_LARGE.encode())
    assert recorder.timeline.of("task-start") == []


@pytest.mark.parametrize(("module", "path", "field"), JSON_ENDPOINTS)
def test_served_a_chunked_body_one_byte_over_the_limit_gets_413_and_no_task_runs(recorder, module, path, field):
    """No declared length: the limit is found while the body arrives, in chunks of 1 KiB."""
    body = padded(field, MAX_JSON_BYTES + 1)
    chunks = (body[start:start + 1024] for start in range(0, len(body), 1024))
    with serve(app_of(module)) as served:
        response = httpx2.post(served.url + path, content=chunks, headers=HEADERS, timeout=TIMEOUT)
    assert (response.status_code, response.text) == (413, json_body.TOO_LARGE)
    assert recorder.timeline.of("task-start") == []


@pytest.mark.parametrize(("module", "path", "field"), JSON_ENDPOINTS)
def test_a_declared_length_over_the_limit_gets_413_before_the_body_is_read(recorder, module, path, field):
    result = call_asgi(app_of(module), recorder.timeline, "POST", path, b"",
                       {**HEADERS, "content-length": str(1 << 40)})
    assert result.status == 413
    assert recorder.timeline.of("task-start") == []


@pytest.mark.parametrize(("module", "path", "field"), JSON_ENDPOINTS)
@pytest.mark.parametrize("body", [b"{not json", b"[]", b"{}", b'{"email": 7, "id": 7}', b"\xff", b"[" * 1000,
                                  b'{"email": "a@b.c", "id": "A-7", "x": ' + b"[" * 1000 + b"]" * 1000 + b"}"],
                         ids=["not-json", "not-an-object", "no-field", "not-a-string", "not-utf-8", "unclosed-nesting",
                              "nested-too-deep"])
def test_a_body_that_is_not_an_object_with_the_string_field_gets_400_and_no_task_runs(recorder, module, path, field,
                                                                                      body):
    result = call_asgi(app_of(module), recorder.timeline, "POST", path, body, HEADERS)
    assert (result.status, result.body) == (400, f"expected {field}".encode())
    assert recorder.timeline.of("task-start") == []


def test_on_uvicorn_a_300_mib_body_raises_the_servers_memory_by_at_most_the_limit_and_4_mib():
    with uvicorn("docs_src.background_tasks.via_list:app") as (url, server):
        before = peak_memory(server.process.pid)
        assert send_body(url, "/register", size=300 * 1024 * 1024, chunked=True) == 413
        grown = peak_memory(server.process.pid) - before
    assert grown <= MAX_JSON_BYTES + MEMORY_MARGIN, grown
