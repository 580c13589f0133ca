"""The reference pages' signatures are those of the installed packages, lilya and ravyn: an upgrade that changes them
fails here. The Ravyn page's list of what takes `background=` is checked against ravyn's exports as well."""

from __future__ import annotations

import ast
import inspect
import re

import pytest
import ravyn
from lilya.background import Task, Tasks
from ravyn import BackgroundTask, BackgroundTasks

from docs_tools.markdown.sections import sections
from tests.mkdocs_site import LANGUAGES, PROJECT, ROOT

DOCUMENTED = {
    "reference/background.md": {"Task": Task, "Tasks": Tasks, "Tasks.add_task": Tasks.add_task},
    "reference/ravyn-background.md": {
        "BackgroundTask": BackgroundTask,
        "BackgroundTasks": BackgroundTasks,
        "BackgroundTasks.add_task": BackgroundTasks.add_task,
    },
}
"""Per reference page, what each signature block documents."""
TAKES_BACKGROUND = "where-background-goes"
"""The id of the Ravyn page's section that names everything taking `background=`."""
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


def page_text(language: str, page: str) -> str:
    return (ROOT / "docs" / language / page).read_text(encoding="utf-8")


def documented_signatures(language: str, page: str) -> dict[str, tuple]:
    return {m["name"]: described(m["params"], m["returns"]) for m in _SIGNATURE_BLOCK.finditer(page_text(language, page))}


@pytest.mark.parametrize("page", DOCUMENTED)
@pytest.mark.parametrize("language", LANGUAGES)
def test_documented_signatures_match_the_installed_packages(language, page):
    signatures = documented_signatures(language, page)
    assert set(signatures) == set(DOCUMENTED[page]), f"docs/{language}/{page} documents {set(signatures)}"
    for name, obj in DOCUMENTED[page].items():
        assert signatures[name] == installed(obj), f"docs/{language}/{page}: {name}"


def taking_background() -> set[str]:
    """What ravyn exports that takes `background=` by keyword, None by default."""
    found = set()
    for name in ravyn.__all__:
        obj = getattr(ravyn, name, None)  # ravyn 0.4.3 lists BaseController, which it does not export
        try:
            parameter = inspect.signature(obj).parameters.get("background")
        except (TypeError, ValueError):
            continue
        if parameter is not None:
            assert parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD), name
            assert parameter.default is None, name
            found.add(name)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_ravyn_page_names_exactly_what_takes_background(language):
    (section,) = [s for s in sections(page_text(language, "reference/ravyn-background.md"), PROJECT.heading_id)
                  if s.id == TAKES_BACKGROUND]
    named = set(re.findall(r"`(\w+)`", "\n".join(section.lines[1:]))) - {"None"}  # the default, not a name
    assert named == taking_background(), f"docs/{language}/reference/ravyn-background.md"


def test_the_comparison_notices_a_changed_default():
    params, _ = described("tasks: Sequence[Task] | None = None, as_group: bool = True", None)
    assert params != installed(Tasks)[0]
