"""Not every example in `docs_src/` is an application: six modules shown on the English pages have no `app`. They are
modules the applications import: the body limits, the handler-level tasks, and the job queue's storage and worker."""

from __future__ import annotations

import importlib

import pytest

from tests.mkdocs_site import ROOT, docs_src_file, include_fences, page_sources

SOURCES = sorted(p for p in (ROOT / "docs_src").rglob("*.py") if p.name != "__init__.py")
WITHOUT_APP = {
    "docs_src.background_tasks.handler_tasks",
    "docs_src.background_tasks.json_body",
    "docs_src.job_queue.limits",
    "docs_src.job_queue.storage",
    "docs_src.job_queue.worker",
    "docs_src.ravyn.body_limit",
}


def module_name(path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def shown_on_english_pages() -> set:
    return {
        docs_src_file(fence.include)
        for page in page_sources()
        for fence in include_fences((ROOT / "docs" / "en" / page).read_text(encoding="utf-8"))
    }


def test_exactly_six_examples_shown_on_the_english_pages_are_importable_modules_without_an_app():
    shown = shown_on_english_pages()
    examples = [source for source in SOURCES if source in shown]
    without_app = {module_name(source) for source in examples
                   if not hasattr(importlib.import_module(module_name(source)), "app")}
    assert without_app == WITHOUT_APP


@pytest.mark.parametrize("name", sorted(WITHOUT_APP))
def test_each_helper_without_an_app_is_imported_by_an_example_application(name):
    leaf = name.rsplit(".", 1)[1]
    importers = [module_name(source) for source in SOURCES
                 if f"from .{leaf} import" in source.read_text(encoding="utf-8")]
    applications = [importer for importer in importers if hasattr(importlib.import_module(importer), "app")]
    assert applications, f"no example application imports {name}"
