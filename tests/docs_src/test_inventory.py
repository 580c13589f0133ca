"""Every example has its test module, is servable by uvicorn's import string, and is shown on a page."""

from __future__ import annotations

import httpx2
import pytest
from uvicorn.importer import import_from_string

from tests.mkdocs_site import ROOT, docs_src_file, include_fences, page_sources
from tests.processes import uvicorn
from tests.proof import TIMEOUT, Timeline, call_asgi

SOURCES = sorted(p for p in (ROOT / "docs_src").rglob("*.py") if p.name != "__init__.py")
APPS = [p for p in SOURCES if "\napp = " in p.read_text(encoding="utf-8")]


def module_name(path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_examples_exist():
    assert len(APPS) >= 10


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_each_example_has_its_test_module(source):
    relative = source.relative_to(ROOT)
    expected = ROOT / "tests" / relative.parent / f"test_{relative.name}"
    assert expected.is_file(), f"{relative} has no test module; create {expected.relative_to(ROOT)}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_each_example_is_shown_on_an_english_page(source):
    shown = {
        docs_src_file(fence.include)
        for page in page_sources()
        for fence in include_fences((ROOT / "docs" / "en" / page).read_text(encoding="utf-8"))
    }
    assert source in shown, f"no page in docs/en/ includes {source.relative_to(ROOT)}"


@pytest.mark.parametrize("source", APPS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_import_string_names_an_app_that_answers(source):
    """What `uvicorn MODULE:app` loads, loaded by uvicorn's own importer, answers an unknown path with 404."""
    app = import_from_string(f"{module_name(source)}:app")
    assert call_asgi(app, Timeline(), "GET", "/no-such-page").status == 404


def test_uvicorn_serves_an_example_by_its_import_string_from_the_project_root():
    """The command the pages show, run for real once: a new process, the project root as working folder."""
    source = APPS[0]
    with uvicorn(f"{module_name(source)}:app") as (url, process):
        response = httpx2.get(f"{url}/no-such-page", timeout=TIMEOUT)
    assert response.status_code == 404, process.output
