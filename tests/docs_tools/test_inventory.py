"""`tests/docs_tools/` mirrors the package: every module has its test module, and every hook imports on its own."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.mkdocs_site import PROJECT, ROOT

PACKAGE = ROOT / "docs_tools"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_each_module_has_its_test_module(module):
    relative = module.relative_to(ROOT)
    expected = ROOT / "tests" / relative.parent / f"test_{relative.name}"
    assert expected.is_file(), f"{relative} has no test module; create {expected.relative_to(ROOT)}"


def test_every_hook_of_mkdocs_yml_imports_by_its_package_name_in_a_plain_python_process(tmp_path):
    """MkDocs loads hooks by path; the same files import as modules of the installed package in a new interpreter
    that MkDocs did not start, isolated from PYTHON* variables and started in an empty folder, so the project folder
    is not on its path (and it writes no bytecode)."""
    paths = [(ROOT / hook).resolve() for hook in PROJECT.config.hooks]
    assert paths and all(path.is_relative_to(PACKAGE / "hooks") for path in paths), paths
    names = [".".join(path.relative_to(ROOT).with_suffix("").parts) for path in paths]
    script = "import importlib\n" + "".join(f"print(importlib.import_module({name!r}).__file__)\n" for name in names)
    result = subprocess.run([sys.executable, "-I", "-B", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(path) for path in paths]
