"""Every task of the site's examples logs what it did on the logger its module names after itself
(`log = logging.getLogger(__name__)`): read from the examples' source, each function handed to a `Task`, a
`BackgroundTask`, `add_task`, a task group's `start_soon` or made a dramatiq actor, or a function handed on with it,
calls that logger; the only exceptions are functions that do nothing but raise (they stand for a failure, which the
server logs)."""

import ast

import pytest

from tests.mkdocs_site import ROOT

SOURCES = sorted(path for path in (ROOT / "docs_src").rglob("*.py") if path.name != "__init__.py")
TASK_MAKERS = {"Task", "BackgroundTask", "add_task", "start_soon"}


def called_name(call: ast.Call) -> str | None:
    function = call.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)


def has_module_logger(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["log"]
        and isinstance(node.value, ast.Call) and ast.unparse(node.value) == "logging.getLogger(__name__)"
        for node in tree.body
    )


def logs(function: ast.AST) -> bool:
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and isinstance(node.func.value, ast.Name) and node.func.value.id == "log"
               for node in ast.walk(function))


def only_raises(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    body = [statement for statement in function.body
            if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))]
    return len(body) == 1 and isinstance(body[0], ast.Raise)


def tasks_of(tree: ast.Module) -> list[list[ast.FunctionDef | ast.AsyncFunctionDef]]:
    """For each task the module makes, the module's functions it is handed (the task's function first)."""
    functions = {node.name: node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and called_name(node) in TASK_MAKERS:
            handed = [functions[arg.id] for arg in node.args if isinstance(arg, ast.Name) and arg.id in functions]
            if handed:
                found.append(handed)
    for function in functions.values():
        if any("actor" in ast.unparse(decorator) for decorator in function.decorator_list):
            found.append([function])
    return found


def test_the_examples_make_tasks():
    assert sum(len(tasks_of(ast.parse(path.read_text(encoding="utf-8")))) for path in SOURCES) >= 30


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_task_of_the_examples_logs_on_the_logger_named_after_its_module(source):
    tree = ast.parse(source.read_text(encoding="utf-8"))
    for handed in tasks_of(tree):
        names = [function.name for function in handed]
        assert has_module_logger(tree), f"{source.name} makes tasks {names} but has no log = getLogger(__name__)"
        assert any(logs(function) for function in handed) or only_raises(handed[0]), \
            f"{source.name}: the task {names} logs nothing"
