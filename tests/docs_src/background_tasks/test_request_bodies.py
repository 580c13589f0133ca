"""What the JSON examples take, before a reader serves them: a body of any size, read whole (no 413 at eleven
mebibytes, more than upload.py accepts), and a body that is not JSON gets 500, not 400. The upload examples bound
theirs (test_upload.py, test_blocking.py, job_queue/test_limits.py)."""

import importlib

import pytest

from docs_src.background_tasks import upload
from tests.proof import Timeline, call_asgi

JSON_ENDPOINTS = [
    ("as_group", "/orders"),
    ("response.add_tasks", "/register"),
    ("response.via_handlers", "/register"),
    ("response.via_list", "/register"),
    ("via_handlers", "/register"),
    ("via_list", "/register"),
    ("task_resources", "/users"),
    ("testing", "/register"),
]
LARGE = upload.MAX_UPLOAD_BYTES + 1024 * 1024


def app_of(module: str):
    return importlib.import_module(f"docs_src.background_tasks.{module}").app


@pytest.mark.parametrize(("module", "path"), JSON_ENDPOINTS)
def test_a_json_example_reads_a_body_of_any_size_and_answers_500_when_it_is_not_json(module, path):
    result = call_asgi(app_of(module), Timeline(), "POST", path, b"{" + b"x" * LARGE)
    assert result.status == 500

