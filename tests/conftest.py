"""Fixtures shared across the suite."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from docs_tools.markdown.fingerprint import fingerprint
from docs_tools.markdown.front_matter import with_stamp
from docs_tools.project import load as load_project
from docs_tools.serving.browser import chromium, serve_directory
from docs_tools.translation.scaffold import add_language
from tests import mkdocs_site
from tests.coverage_pause import coverage_paused, measures_coverage
from tests.proof import TaskRecorder
from tests.redis_server import RedisServer, redis_server
from tests.scheduling import ProofsApart
from tests.trees import copy_project


def shared_build(name: str, tmp_path_factory: pytest.TempPathFactory, worker_id: str,
                 make: Callable[[Path], mkdocs_site.Built]) -> mkdocs_site.Built:
    """A site that `make(folder)` builds, once per test run: the first xdist worker to ask builds it, the others
    wait for it and read it. Without xdist the run has one process, and a temporary folder of its own.
    """
    if worker_id == "master":
        built = make(tmp_path_factory.mktemp(name))
        assert built.error is None, built.text
        return built
    folder = tmp_path_factory.getbasetemp().parent / name  # one folder per run, seen by every worker
    record = folder.with_name(f"{name}-build.json")
    with FileLock(f"{folder}.lock"):
        if not record.is_file():
            folder.mkdir()
            built = make(folder)
            saved = {"site": str(built.site), "log": built.log, "error": built.error}
            record.write_text(json.dumps(saved), encoding="utf-8")
    saved = json.loads(record.read_text(encoding="utf-8"))
    built = mkdocs_site.Built(Path(saved["site"]), [tuple(entry) for entry in saved["log"]], saved["error"])
    assert built.error is None, built.text
    return built


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> mkdocs_site.Built:
    """The real site, built strictly into a temporary folder, once per run."""
    return shared_build("site", tmp_path_factory, worker_id, lambda folder: mkdocs_site.build(folder / "site"))


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> TaskRecorder:
    """Every background task's start and end, on one timeline with the app's ASGI messages."""
    recorder = TaskRecorder()
    recorder.install(monkeypatch)
    return recorder


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[RedisServer]:
    """A Redis server of the test's own: a temporary folder, a free 127.0.0.1 port, stopped when the test ends."""
    with redis_server(tmp_path / "redis") as server:
        yield server


ENGLISH_ONLY_PAGE = "only-in-english.md"
OUTDATED_PAGE = "index.md"


def _translation_states(folder: Path) -> mkdocs_site.Built:
    project = copy_project(folder / "project")
    docs = project / "docs"
    (docs / "en" / ENGLISH_ONLY_PAGE).write_text(
        "# Only in English\n\nThis page has no translation.\n\n## A section\n\nUnique words: quokkasearchterm.\n",
        encoding="utf-8",
    )
    english = docs / "en" / OUTDATED_PAGE
    old = english.read_text(encoding="utf-8")
    for language in mkdocs_site.TRANSLATIONS:
        page = docs / language / OUTDATED_PAGE
        shown = f"docs/{language}/{OUTDATED_PAGE}"
        page.write_text(with_stamp(page.read_text(encoding="utf-8"), fingerprint(old), shown), encoding="utf-8")
    english.write_text(old + "\nA sentence added after the translations were made.\n", encoding="utf-8")
    nav = [{"Only in English": ENGLISH_ONLY_PAGE}, *mkdocs_site.PROJECT.config.nav]
    return mkdocs_site.build(folder / "site", project / "mkdocs.yml", nav=nav)


@pytest.fixture(scope="session")
def translation_states_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> mkdocs_site.Built:
    """A copy of the real site with a page that exists only in English, and an index page whose translations are
    stamped from an older English text; built strictly into a temporary folder, once per run."""
    return shared_build("translation-states", tmp_path_factory, worker_id, _translation_states)


NEW_LANGUAGES = (("de", None), ("ku-IQ", "Kurdî"))
"""Languages `new-language` adds to a copy of the real site: a plain code, and a regional one with a name of its own
(the theme would write it as plain `ku`)."""


def _with_new_languages(folder: Path) -> mkdocs_site.Built:
    project = copy_project(folder / "project")
    for code, name in NEW_LANGUAGES:
        add_language(load_project(project), code, name)
    return mkdocs_site.build(folder / "site", project / "mkdocs.yml")


@pytest.fixture(scope="session")
def new_languages_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> mkdocs_site.Built:
    """The real site plus NEW_LANGUAGES, each added with one `new-language` step, built strictly once per run."""
    return shared_build("new-languages", tmp_path_factory, worker_id, _with_new_languages)


@pytest.fixture(scope="module")
def site_url(built_site: mkdocs_site.Built):
    """The built site served on an ephemeral 127.0.0.1 port (its threads are not measured by coverage)."""
    with coverage_paused():
        with serve_directory(built_site.site) as url:
            yield url


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for one test module, with coverage paused while it is open (a browser runs no example).

    Playwright's sync API keeps an event loop running in this thread while it is open, so it must be closed
    before tests that call `anyio.run` run on the same worker.
    """
    with coverage_paused(), chromium() as browser:
        yield browser


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked `long` first, the longest first. xdist hands out its units (files, classes, or single tests:
    see tests/scheduling.py) in collection order (with `--no-loadscope-reorder`: by default it hands out the units
    with the most tests first); a long one started late leaves the other workers idle while it runs."""
    items.sort(key=lambda item: -long_seconds(item))


def long_seconds(item: pytest.Item) -> float:
    """The seconds a `long` mark gives (roughly what its unit takes alone, a figure for ordering only); 0 unmarked."""
    marker = item.get_closest_marker("long")
    if marker is None:
        return 0
    if not isinstance(marker.kwargs.get("seconds"), (int, float)):
        raise pytest.UsageError(f"{item.nodeid}: write the long mark with its seconds, e.g. pytest.mark.long(seconds=5)")
    return marker.kwargs["seconds"]


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject.toml's default): one worker more than the machine has CPUs. Much of the suite waits
    rather than computes (retry delays and heartbeat timeouts of the job queue, uvicorn's shutdown ticks, processes
    starting), and the extra worker runs its tests meanwhile: on two CPUs, three workers took the suite from 283 s to
    241-263 s, four no further."""
    return (os.cpu_count() or 1) + 1


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Under `--dist loadscope` (pyproject.toml's default), the examples' proofs are shared out test by test."""
    return ProofsApart(config, log) if config.getoption("dist") == "loadscope" else None


@pytest.fixture(autouse=True)
def _coverage_of_the_examples_proofs_only(request: pytest.FixtureRequest):
    """Coverage is measured while the examples' own proofs run, and paused around every other test: see
    tests/coverage_pause.py. (Fixtures of a wider scope pause it themselves where they run no example.)"""
    if measures_coverage(request.node.nodeid):
        yield
    else:
        with coverage_paused():
            yield
