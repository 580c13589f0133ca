"""The reference page's signatures are those of the installed lilya: an upgrade that changes them fails here."""

from __future__ import annotations

import ast
import inspect
import re

import pytest
from lilya.background import Task, Tasks

from tests.mkdocs_site import LANGUAGES, ROOT

DOCUMENTED = {"Task": Task, "Tasks": Tasks, "Tasks.add_task": Tasks.add_task}
_SIGNATURE_BLOCK = re.compile(
    r"^```python\n(?P<name>[\w.]+)\((?P<params>[^`]*?)\)(?P<returns> -> [^\n]+)?\n```$", re.MULTILINE
)
"""A signature alone in a Python block, on one line or with its parameters on lines of their own."""

KINDS = {
    "posonlyargs": inspect.Parameter.POSITIONAL_ONLY,
    "args": inspect.Parameter.POSITIONAL_OR_KEYWORD,
    "kwonlyargs": inspect.Parameter.KEYWORD_ONLY,
}


def normal(annotation: str) -> str:
    return ast.unparse(ast.parse(annotation, mode="eval"))


def described(params: str, returns: str | None) -> tuple[list[tuple], str | None]:
    """(name, kind, default, annotation) per parameter, parsed from a documented signature."""
    function = ast.parse(f"def documented({params}){returns or ''}: ...").body[0]
    arguments = function.args
    result = []
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults = [None] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
    for group in ("posonlyargs", "args"):
        for arg in getattr(arguments, group):
            default = defaults[positional.index(arg)]
            result.append((arg.arg, KINDS[group], ast.unparse(default) if default else None, arg.annotation))
    if arguments.vararg:
        result.append((arguments.vararg.arg, inspect.Parameter.VAR_POSITIONAL, None, arguments.vararg.annotation))
    for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults):
        result.append((arg.arg, KINDS["kwonlyargs"], ast.unparse(default) if default else None, arg.annotation))
    if arguments.kwarg:
        result.append((arguments.kwarg.arg, inspect.Parameter.VAR_KEYWORD, None, arguments.kwarg.annotation))
    params_out = [(n, k, d, ast.unparse(a) if a else None) for n, k, d, a in result]
    return params_out, ast.unparse(function.returns) if function.returns else None


def installed(obj) -> tuple[list[tuple], str | None]:
    signature = inspect.signature(obj)
    params = [
        (
            p.name,
            p.kind,
            None if p.default is inspect.Parameter.empty else repr(p.default),
            None if p.annotation is inspect.Parameter.empty else normal(str(p.annotation)),
        )
        for p in signature.parameters.values()
    ]
    returns = signature.return_annotation
    return params, None if returns is inspect.Signature.empty else normal(str(returns))


def documented_signatures(language: str) -> dict[str, tuple]:
    page = (ROOT / "docs" / language / "reference" / "background.md").read_text(encoding="utf-8")
    return {m["name"]: described(m["params"], m["returns"]) for m in _SIGNATURE_BLOCK.finditer(page)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_documented_signatures_match_the_installed_lilya(language):
    signatures = documented_signatures(language)
    assert set(signatures) == set(DOCUMENTED), f"docs/{language}/reference/background.md documents {set(signatures)}"
    for name, obj in DOCUMENTED.items():
        assert signatures[name] == installed(obj), f"docs/{language}/reference/background.md: {name}"


def test_the_comparison_notices_a_changed_default():
    params, _ = described("tasks: Sequence[Task] | None = None, as_group: bool = True", None)
    assert params != installed(Tasks)[0]
