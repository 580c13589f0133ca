"""The tests that pages name as proofs, found in the suite's source without importing or running it.

A node id is accepted when pytest would collect and run that test as written: a `tests/…/test_*.py` file of the
project, a function named `test…` at its top level (or a method `test…` of a class `Test…` without `__init__`), not
marked to be skipped or expected to fail (a proof that does not run proves nothing), and no parametrised case (a mark
names the whole test, every case of which proves the claim). Reading the source takes milliseconds; the suite checks
that pytest collects every node id the pages name (`tests/docs_tools/proofs/test_suite.py`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

TESTS = "tests"
NOT_RUN = frozenset({"skip", "skipif", "xfail"})
"""pytest marks under which a test does not prove anything on a run."""


class UnknownTest(ValueError):
    """A node id that names no test pytest would run; the message says why."""


@dataclass(frozen=True)
class ProvenTest:
    node: str
    claim: str
    """What the test's name says it proves, as a sentence."""
    docstring: str
    """The first paragraph of its docstring, on one line; empty without one."""


Definition = ast.FunctionDef | ast.AsyncFunctionDef


def claim_of(name: str) -> str:
    """`test_a_task_runs_after_the_body` -> 'A task runs after the body.'"""
    words = name.removeprefix("test").strip("_").replace("_", " ")
    return (words[:1].upper() + words[1:] + ".") if words else ""


def _docstring(definition: Definition) -> str:
    text = ast.get_docstring(definition) or ""
    return " ".join(text.split("\n\n")[0].split())


def _marks(definition: Definition) -> set[str]:
    """The names a decorator chain ends with, e.g. {'skipif'} for `@pytest.mark.skipif(...)`."""
    found = set()
    for decorator in definition.decorator_list:
        node = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.Name):
            found.add(node.id)
    return found


def _definitions(body: list[ast.stmt]) -> dict[str, ast.stmt | tuple[str, str]]:
    """The names a module or class body binds, each to its last definition, as Python leaves them; a name imported
    from a module of the suite is bound to (module, name)."""
    found: dict[str, ast.stmt | tuple[str, str]] = {}
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found[statement.name] = statement
        elif isinstance(statement, ast.ImportFrom) and (statement.module or "").split(".")[0] == TESTS:
            for alias in statement.names:
                found[alias.asname or alias.name] = (statement.module, alias.name)
    return found


Module = dict[str, ast.stmt | tuple[str, str]] | str
"""A test file's top-level definitions, or why it cannot be read."""

_read: dict[Path, tuple[tuple[int, int], Module]] = {}
"""Every test file read in this process, with the modification time and size it had then. A site build makes a
Suite per language (and `mkdocs serve` one per rebuild): the files are parsed once for all of them, and again only
when they change."""


class Suite:
    """The project's tests, read from their source."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _module(self, path: Path) -> Module:
        """The top-level definitions of a test file, or why it cannot be read."""
        try:
            status = path.stat()
        except OSError as error:
            return f"{path.relative_to(self.root).as_posix()} cannot be read ({error})"
        stamp = (status.st_mtime_ns, status.st_size)
        cached = _read.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        try:
            tree: Module = _definitions(ast.parse(path.read_bytes(), str(path)).body)
        except SyntaxError as error:
            tree = f"{path.relative_to(self.root).as_posix()} cannot be parsed (line {error.lineno}: {error.msg})"
        except (OSError, ValueError) as error:
            tree = f"{path.relative_to(self.root).as_posix()} cannot be read ({error})"
        _read[path] = (stamp, tree)
        return tree

    def test(self, node: str) -> ProvenTest:
        """The test `node` names; UnknownTest says what is wrong with it."""
        file, _, rest = node.partition("::")
        if not node or not rest:
            raise UnknownTest(f"'{node}' is not a pytest node id; write tests/…/test_x.py::test_name")
        if "[" in rest:
            raise UnknownTest(f"'{node}' names one parametrised case; name the test without '[…]'")
        path = PurePosixPath(file)
        if path.is_absolute() or ".." in path.parts or path.parts[:1] != (TESTS,):
            raise UnknownTest(f"'{node}': the path must start with {TESTS}/ and stay inside it")
        if not (path.name.startswith("test_") and path.suffix == ".py"):
            raise UnknownTest(f"'{node}': pytest collects only files named test_*.py")
        found = self.root / path
        if not found.is_file():
            raise UnknownTest(f"'{node}': {file} does not exist")
        module = self._module(found)
        if isinstance(module, str):
            raise UnknownTest(f"'{node}': {module}")
        names = rest.split("::")
        if len(names) > 2:
            raise UnknownTest(f"'{node}' is nested too deep; name a test function or a method of a Test class")
        definition = self._definition(node, module, names)
        if _marks(definition) & NOT_RUN:
            marks = ", ".join(sorted(_marks(definition) & NOT_RUN))
            raise UnknownTest(f"'{node}' is marked {marks}: a proof must run on every run of the suite")
        return ProvenTest(node, claim_of(names[-1]), _docstring(definition))

    def _imported(self, node: str, module: str, name: str, seen: frozenset[str] = frozenset()) -> ast.stmt | None:
        """What `from module import name` binds, followed through further imports of the suite."""
        path = self.root.joinpath(*module.split(".")).with_suffix(".py")
        if module in seen or not path.is_file():
            return None
        found = self._module(path)
        if isinstance(found, str):
            raise UnknownTest(f"'{node}': {found}")
        bound = found.get(name)
        return self._imported(node, *bound, seen | {module}) if isinstance(bound, tuple) else bound

    def _definition(self, node: str, module: dict[str, ast.stmt | tuple[str, str]], names: list[str]) -> Definition:
        scope, where = module, "the file"
        if len(names) == 2:
            owner = module.get(names[0])
            if not isinstance(owner, ast.ClassDef) or not names[0].startswith("Test"):
                raise UnknownTest(f"'{node}': the file has no class {names[0]} (pytest collects classes Test…)")
            scope, where = _definitions(owner.body), f"the class {names[0]}"
            if "__init__" in scope:
                raise UnknownTest(f"'{node}': pytest does not collect {names[0]}, which has an __init__")
        definition = scope.get(names[-1])
        if isinstance(definition, tuple):
            definition = self._imported(node, *definition)
        if not isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)):
            raise UnknownTest(f"'{node}': {where} has no function {names[-1]}")
        if not names[-1].startswith("test"):
            raise UnknownTest(f"'{node}': pytest collects only functions named test…")
        return definition
