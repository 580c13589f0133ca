"""Fixtures shared across the suite."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import mkdocs_site
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
