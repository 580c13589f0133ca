from __future__ import annotations

import pytest
from mkdocs.config import load_config

from tests.mkdocs_site import ROOT


@pytest.fixture
def config(monkeypatch):
    """The site's configuration as MkDocs loads it, before any build (no language chosen yet); a test may change
    it."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(ROOT / "mkdocs.yml"))
