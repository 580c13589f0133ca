"""The responses page: which classes take `background=`, and when each runs its tasks."""

from __future__ import annotations

import inspect
import os
import re

import jinja2
import lilya.responses as responses
import pytest
from lilya.background import Task

from tests.mkdocs_site import LANGUAGES, ROOT
from tests.proof import call_asgi

PNG = bytes.fromhex("89504e470d0a1a0a")


async def rows():
    yield {"n": 1}
    yield {"n": 2}


async def chunks():
    yield "first "
    yield "second"


@pytest.fixture
def a_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("report")
    return os.fspath(path)


FACTORIES = {
    "CSVResponse": lambda bg, path: responses.CSVResponse(content=[{"n": 1}, {"n": 2}], background=bg),
    "Error": lambda bg, path: responses.Error("failed", background=bg),
    "EventStreamResponse": lambda bg, path: responses.EventStreamResponse(rows(), background=bg),
    "FileResponse": lambda bg, path: responses.FileResponse(path, background=bg),
    "HTMLResponse": lambda bg, path: responses.HTMLResponse("<p>hi</p>", background=bg),
    "ImageResponse": lambda bg, path: responses.ImageResponse(PNG, media_type="image/png", background=bg),
    "JSONResponse": lambda bg, path: responses.JSONResponse({"ok": True}, background=bg),
    "MessagePackResponse": lambda bg, path: responses.MessagePackResponse({"ok": True}, background=bg),
    "NDJSONResponse": lambda bg, path: responses.NDJSONResponse(rows(), background=bg),
    "Ok": lambda bg, path: responses.Ok({"ok": True}, background=bg),
    "PlainText": lambda bg, path: responses.PlainText("hi", background=bg),
    "RedirectResponse": lambda bg, path: responses.RedirectResponse("/elsewhere", background=bg),
    "Response": lambda bg, path: responses.Response(b"raw", background=bg),
    "SimpleFileResponse": lambda bg, path: responses.SimpleFileResponse(b"data", media_type="text/plain", background=bg),
    "StreamingResponse": lambda bg, path: responses.StreamingResponse(chunks(), background=bg),
    "TemplateResponse": lambda bg, path: responses.TemplateResponse(
        jinja2.Template("<p>{{ name }}</p>"), context={"name": "ana"}, background=bg
    ),
    "TextResponse": lambda bg, path: responses.TextResponse("hi", background=bg),
    "XMLResponse": lambda bg, path: responses.XMLResponse({"ok": "yes"}, background=bg),
    "YAMLResponse": lambda bg, path: responses.YAMLResponse({"ok": True}, background=bg),
}
RUN_ON_HEAD_AND_OPTIONS = {"EventStreamResponse"}


def takes_background(cls: type) -> bool:
    try:
        return "background" in inspect.signature(cls).parameters
    except (TypeError, ValueError):  # builtins such as ContextVar have no signature
        return False


def classes_with_background() -> set[type]:
    return {
        cls
        for name, cls in vars(responses).items()
        if inspect.isclass(cls) and not name.startswith("_") and takes_background(cls)
    }


def documented_classes(language: str) -> set[type]:
    page = (ROOT / "docs" / language / "responses.md").read_text(encoding="utf-8")
    first_cells = re.findall(r"^\|\s*([^|]*`[^|]*)\|", page, re.MULTILINE)
    names = {name for cell in first_cells for name in re.findall(r"`(\w+)`", cell)}
    unknown = {name for name in names if not inspect.isclass(getattr(responses, name, None))}
    assert not unknown, f"docs/{language}/responses.md names classes lilya.responses lacks: {unknown}"
    return {getattr(responses, name) for name in names}


def test_every_class_that_takes_background_is_exercised_here():
    assert {getattr(responses, name) for name in FACTORIES} == classes_with_background()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_lists_exactly_those_classes(language):
    documented = documented_classes(language)
    missing = {cls.__name__ for cls in classes_with_background() - documented}
    extra = {cls.__name__ for cls in documented - classes_with_background()}
    assert (missing, extra) == (set(), set()), f"docs/{language}/responses.md table: add {missing}, drop {extra}"


async def job() -> None:
    """The background task of every response here."""


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_tasks_run_after_the_final_body_message(recorder, a_file, name):
    result = call_asgi(FACTORIES[name](Task(job), a_file), recorder.timeline, "GET", "/")
    assert result.error is None
    recorder.timeline.assert_tasks_after_response(["job"])


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS"])
@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_head_and_options(recorder, a_file, name, method):
    result = call_asgi(FACTORIES[name](Task(job), a_file), recorder.timeline, method, "/")
    assert result.error is None
    expected = ["job"] if name in RUN_ON_HEAD_AND_OPTIONS else []
    assert recorder.timeline.of("task-start") == expected
