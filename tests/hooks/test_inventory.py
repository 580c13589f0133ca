"""`hooks/` holds exactly the hooks `mkdocs.yml` lists, each with its test module, each loading on its own and only
forwarding events to the package."""

from __future__ import annotations

import ast
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


def _deciding(path) -> list[str]:
    """What in a hook file parses, compares, loops or chooses: each found node's kind and line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.If, ast.IfExp, ast.Compare, ast.BoolOp, ast.For, ast.While, ast.comprehension,
                             ast.Try, ast.Match)):
            found.append(f"{path.name}:{node.lineno}: {type(node).__name__}")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else [alias.name for alias in node.names]
            found += [f"{path.name}:{node.lineno}: imports {module}" for module in modules
                      if module.split(".")[0] not in {"__future__", "docs_tools"} and module != "mkdocs.plugins"]
    return found


def test_every_hook_only_forwards_events_to_the_package():
    """An adapter: no condition, comparison, loop or error handling, and nothing imported but the package and
    MkDocs' event priorities."""
    assert [line for hook in sorted(HOOKS.glob("*.py")) for line in _deciding(hook)] == []


def test_the_adapter_check_finds_a_hook_that_decides(tmp_path):
    hook = tmp_path / "deciding.py"
    hook.write_text("import re\n\ndef on_post_page(output, page, config):\n"
                    "    return output if config.plugins.get('i18n') is None else re.sub('a', 'b', output)\n")
    assert _deciding(hook) == ["deciding.py:1: imports re", "deciding.py:4: IfExp", "deciding.py:4: Compare"]
