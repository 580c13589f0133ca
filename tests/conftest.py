"""Fixtures shared across the suite."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import mkdocs_site
from tests.browser import chromium, serve_directory
from tests.proof import TaskRecorder


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real site, built once per worker with --strict into a temporary folder."""
    dest = tmp_path_factory.mktemp("site")
    result = mkdocs_site.build(dest)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(dest, result.stdout + result.stderr)


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> TaskRecorder:
    """Every background task's start and end, on one timeline with the app's ASGI messages."""
    recorder = TaskRecorder()
    recorder.install(monkeypatch)
    return recorder


ENGLISH_ONLY_PAGE = "only-in-english.md"
OUTDATED_PAGE = "index.md"


@pytest.fixture(scope="session")
def translation_states_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A copy of the real site with a page that exists only in English, and an index page whose Portuguese and
    Russian translations are stamped from an older English text; built strictly into a temporary folder."""
    from hooks.translation_fingerprint import fingerprint
    from scripts.translation.front_matter import with_stamp
    from tests.translations.trees import copy_project

    project = copy_project(tmp_path_factory.mktemp("translation-states") / "project")
    docs = project / "docs"
    (docs / "en" / ENGLISH_ONLY_PAGE).write_text(
        "# Only in English\n\nThis page has no translation.\n\n## A section\n\nUnique words: quokkasearchterm.\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("\nnav:\n") == 1
    config.write_text(text.replace("\nnav:\n", f"\nnav:\n  - Only in English: {ENGLISH_ONLY_PAGE}\n"), encoding="utf-8")

    english = docs / "en" / OUTDATED_PAGE
    old = english.read_text(encoding="utf-8")
    for language in ("pt", "ru"):
        page = docs / language / OUTDATED_PAGE
        shown = f"docs/{language}/{OUTDATED_PAGE}"
        page.write_text(with_stamp(page.read_text(encoding="utf-8"), fingerprint(old), shown), encoding="utf-8")
    english.write_text(old + "\nA sentence added after the translations were made.\n", encoding="utf-8")

    dest = tmp_path_factory.mktemp("translation-states-site")
    result = mkdocs_site.build(dest, config)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(dest, result.stdout + result.stderr)


@pytest.fixture(scope="module")
def site_url(built_site: BuiltSite):
    """The built site served on an ephemeral 127.0.0.1 port."""
    with serve_directory(built_site.path) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for one test module.

    Playwright's sync API keeps an event loop running in this thread while it is open, so it must be closed
    before tests that call `anyio.run` run on the same worker.
    """
    with chromium() as browser:
        yield browser
