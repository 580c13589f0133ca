"""`hooks/` holds exactly the hooks `mkdocs.yml` lists, each with its test module, each loading on its own."""

from __future__ import annotations

import subprocess
import sys

from tests.mkdocs_site import PROJECT, ROOT

HOOKS = ROOT / "hooks"


def test_mkdocs_yml_lists_every_file_of_hooks_and_nothing_else():
    listed = sorted((ROOT / hook).resolve() for hook in PROJECT.config.hooks)
    assert listed == sorted(HOOKS.glob("*.py"))


def test_each_hook_has_its_test_module():
    missing = [hook.name for hook in HOOKS.glob("*.py") if not (ROOT / "tests" / "hooks" / f"test_{hook.name}").is_file()]
    assert not missing


def test_every_hook_loads_by_path_in_a_plain_python_process_from_an_empty_folder(tmp_path):
    """MkDocs loads hooks by path; each one loads so in a new interpreter, isolated from PYTHON* variables and
    started in an empty folder, so that what it imports comes from the installed package and not from the checkout
    being on the path (it writes no bytecode)."""
    paths = sorted(HOOKS.glob("*.py"))
    script = (
        "import importlib.util, sys\n"
        "for path in sys.argv[1:]:\n"
        "    spec = importlib.util.spec_from_file_location('hook', path)\n"
        "    spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
        "    print(path)\n"
    )
    result = subprocess.run([sys.executable, "-I", "-B", "-c", script, *map(str, paths)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(path) for path in paths]
