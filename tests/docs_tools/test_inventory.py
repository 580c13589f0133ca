"""`tests/docs_tools/` mirrors the package: every module has its test module."""

from __future__ import annotations

import pytest

from tests.mkdocs_site import ROOT

PACKAGE = ROOT / "docs_tools"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_each_module_has_its_test_module(module):
    relative = module.relative_to(ROOT)
    expected = ROOT / "tests" / relative.parent / f"test_{relative.name}"
    assert expected.is_file(), f"{relative} has no test module; create {expected.relative_to(ROOT)}"
