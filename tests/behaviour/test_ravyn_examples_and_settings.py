"""What the Ravyn page says of its examples as a whole (each a Ravyn application behind `LimitBody` and its 64 KiB
limit, but the module that defines it), and that Ravyn 0.4.3 ignores Esmerald's settings variable without a word."""

import importlib
import os
import subprocess
import sys

import pytest
from ravyn import Ravyn
from uvicorn.importer import import_from_string

from docs_src.ravyn.body_limit import MAX_BODY_BYTES, LimitBody
from tests.mkdocs_site import ROOT
from tests.proof import TIMEOUT, call_asgi

EXAMPLES = sorted(p.stem for p in (ROOT / "docs_src" / "ravyn").glob("*.py") if p.stem not in ("__init__", "body_limit"))
PATHS = {
    "add_tasks": "/register",
    "decorator_and_response": "/register",
    "errors": "/orders/7/pay",
    "sync_and_async": "/photos/dog",
    "via_handlers": "/register",
    "via_list": "/register",
    "via_response": "/register",
    "via_response_list": "/register",
}


def test_the_examples_are_the_eight_of_the_page_and_body_limit_alone_has_no_app():
    assert EXAMPLES == sorted(PATHS)
    assert not hasattr(importlib.import_module("docs_src.ravyn.body_limit"), "app")


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_is_a_ravyn_app_that_uvicorn_loads_and_that_imports_limit_body_from_body_limit(name):
    app = import_from_string(f"docs_src.ravyn.{name}:app")  # what `uvicorn docs_src.ravyn.NAME:app` loads
    assert isinstance(app, Ravyn)
    assert LimitBody in [defined.middleware for defined in app.user_middleware]
    source = (ROOT / "docs_src" / "ravyn" / f"{name}.py").read_text(encoding="utf-8")
    assert "from .body_limit import LimitBody\n" in source


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_refuses_a_body_past_the_limit_with_413_before_any_handler_or_task_runs(recorder, name):
    app = import_from_string(f"docs_src.ravyn.{name}:app")
    body = b'{"email": "ana@example.com", "pad": "' + b" " * MAX_BODY_BYTES + b'"}'
    result = call_asgi(app, recorder.timeline, "POST", PATHS[name], body, {"content-type": "application/json"})
    assert result.status == 413
    assert recorder.timeline.of("task-start") == []


SETTINGS_READ = "from ravyn.conf import settings; print(settings.debug)"


def settings_read_with(variables: dict[str, str]) -> subprocess.CompletedProcess:
    """Ravyn's settings read in a new process, every warning shown, with `variables` in its environment."""
    environment = {name: value for name, value in os.environ.items()
                   if name not in ("RAVYN_SETTINGS_MODULE", "ESMERALD_SETTINGS_MODULE", "PYTHONWARNINGS")} | variables
    return subprocess.run([sys.executable, "-W", "always", "-c", SETTINGS_READ], check=False, env=environment,
                          capture_output=True, text=True, timeout=TIMEOUT)


def test_with_only_esmeralds_settings_variable_ravyn_uses_its_defaults_without_a_word():
    ignored = settings_read_with({"ESMERALD_SETTINGS_MODULE": "nosuchsettings.Settings"})
    assert (ignored.returncode, ignored.stdout, ignored.stderr) == (0, "False\n", "")  # Ravyn's default: debug off
    named = settings_read_with({"RAVYN_SETTINGS_MODULE": "nosuchsettings.Settings"})
    assert named.returncode != 0 and "No module named 'nosuchsettings'" in named.stderr


def test_the_examples_limit_is_64_kib_the_default_of_limit_body():
    async def app(scope, receive, send):  # pragma: no cover - never called
        pass

    assert MAX_BODY_BYTES == 64 * 1024
    assert LimitBody(app).limit == MAX_BODY_BYTES
