"""Which programs the project's scripts start, found by name wherever they are started: in the scripts themselves,
in the Python modules they run (followed through the project's imports), and in the pages' shell blocks the suite
runs; and which of the scripts' install steps (`ensure_*` in scripts/environment.sh) provides each program.

Shell text is parsed with tree-sitter's Bash grammar, Python with `ast`: a program counts when its name is written
where a command or an argument vector starts, not when the word merely appears.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import tree_sitter_bash
from tree_sitter import Language, Node, Parser

from docs_tools import project as project_module
from docs_tools.markdown.outline import outline

BASE = frozenset({
    # bash and its builtins' companions, and Debian's essential packages: coreutils, grep, sed, findutils, dpkg, apt
    "bash", "sh", "cat", "cd", "chmod", "cp", "cut", "date", "dirname", "env", "find", "grep", "head", "id", "ln",
    "ls", "mkdir", "mktemp", "mv", "pwd", "rm", "sed", "seq", "sha256sum", "sort", "tail", "tee", "touch", "tr",
    "uname", "wc", "xargs", "apt-get", "dpkg", "sudo",
    # what the project cannot start without: the Python that builds .venv, and git, which cloned the checkout
    "python3", "git",
})
"""Programs a new machine has before any script ran: the project asks for Python and bash only."""

SHELL_BUILTINS = frozenset({
    ".", ":", "[", "[[", "alias", "break", "builtin", "command", "continue", "declare", "echo", "eval", "exit",
    "export", "false", "getopts", "hash", "local", "printf", "read", "readonly", "return", "set", "shift", "source",
    "test", "trap", "true", "type", "ulimit", "umask", "unset", "wait", "}",
})
WRAPPERS = frozenset({"exec", "as_root", "sudo", "env", "time", "nohup", "{", "!"})
"""Words that start the command after them: `exec wrk ...`, `as_root apt-get ...`, `env A=b npm ...`."""
PYTHON_STARTERS = frozenset({
    "Popen", "run", "call", "check_call", "check_output", "start", "running", "create_subprocess_exec",
})
"""Calls whose first argument is an argument vector (subprocess's, asyncio's, and tests.processes' own)."""
PROJECT_PACKAGES = ("docs_tools", "benchmarks", "tests", "docs_src")
SHELL_FENCES = ("bash", "sh", "shell", "console")

_BASH = Parser(Language(tree_sitter_bash.language()))


@dataclass(frozen=True)
class Need:
    """A program started at `where` (path:line); any one of `names` will do (`which("chromium") or which(...)`)."""

    names: frozenset[str]
    where: str

    @property
    def name(self) -> str:
        return " or ".join(sorted(self.names))


@dataclass
class Started:
    """What running one script starts."""

    programs: list[Need] = field(default_factory=list)
    ensured: set[str] = field(default_factory=set)
    """The programs the script's install steps make sure of (the names it gives `ensure_programs`, directly or
    through the functions it calls)."""


def _text(node: Node) -> str:
    return node.text.decode()


def _words(node: Node) -> list[Node]:
    """A command's name and arguments, in order (redirections and assignments left out)."""
    return [child for child in node.children if child.type not in ("file_redirect", "heredoc_redirect",
                                                                   "herestring_redirect", "variable_assignment")]


def _unquoted(word: str) -> str:
    return word.strip("'\"")


def _nodes(text: str, kind: str) -> Iterator[Node]:
    """Every node of type `kind` in a shell text's syntax tree, in the order of the text."""
    todo = [_BASH.parse(text.encode()).root_node]
    while todo:
        node = todo.pop()
        if node.type == kind:
            yield node
        todo.extend(reversed(node.children))


def shell_commands(text: str) -> list[tuple[str, list[str], int]]:
    """(program, arguments, line) of every command of a shell text, wrappers looked through; a name made of a
    variable or a command substitution is kept as written."""
    found: list[tuple[str, list[str], int]] = []
    for node in _nodes(text, "command"):
        words = [_unquoted(_text(word)) for word in _words(node)]
        while words and (words[0] in WRAPPERS or "=" in words[0] and not words[0].startswith("$")):
            words = words[1:]
        if words:
            found.append((words[0], words[1:], node.start_point[0] + 1))
    return found


def shell_functions(text: str) -> dict[str, str]:
    """The functions a shell text defines, each with its body's text."""
    return {_text(node.child_by_field_name("name")): _text(node.child_by_field_name("body"))
            for node in _nodes(text, "function_definition")}


def debian_packages(environment: str) -> dict[str, str]:
    """scripts/environment.sh's DEBIAN_PACKAGE table: each program a script may install, with its packages."""
    found: dict[str, str] = {}
    for node in _nodes(environment, "variable_assignment"):
        if _text(node.child_by_field_name("name")) == "DEBIAN_PACKAGE":
            for item in node.child_by_field_name("value").children:
                if entry := re.fullmatch(r"\[([^]]+)\]=(.+)", _text(item), re.S):
                    found[entry[1]] = _unquoted(entry[2])
    return found


class Project:
    """The checkout at `root`, read as the scripts find it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.environment = (root / "scripts" / "environment.sh").read_text(encoding="utf-8")
        self.packages = debian_packages(self.environment)
        self.functions = shell_functions(self.environment)
        pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
        self.console_scripts = {name: target.split(":")[0]
                                for name, target in pyproject["project"].get("scripts", {}).items()}

    def scripts(self) -> list[Path]:
        """The scripts a person or CI runs (environment.sh is only sourced by them)."""
        scripts = [path for path in sorted((self.root / "scripts").glob("*.sh")) if path.name != "environment.sh"]
        return scripts + [self.root / ".ci" / "run"]

    def where(self, path: Path, line: int) -> str:
        return f"{path.relative_to(self.root)}:{line}"

    # Python

    def module_path(self, module: str) -> Path | None:
        base = self.root.joinpath(*module.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
        return None

    def _tree(self, path: Path) -> ast.Module:
        return _python_tree(path.read_text(encoding="utf-8"))

    @cache
    def imports(self, path: Path) -> set[Path]:
        """The project's modules `path` imports, by name or through `importlib.import_module(f"pkg.{...}")`, which
        may be any module of the package."""
        found: set[Path] = set()
        for node in ast.walk(self._tree(path)):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level:  # relative: from the package `level` folders up from this module
                    folders = path.parent.relative_to(self.root).parts
                    module = ".".join([*folders[: len(folders) - node.level + 1], *([module] if module else [])])
                names = [module, *(f"{module}.{alias.name}" for alias in node.names)]
            elif (isinstance(node, ast.Call) and _called(node) == "import_module" and node.args
                  and isinstance(node.args[0], ast.JoinedStr) and node.args[0].values
                  and isinstance(node.args[0].values[0], ast.Constant)):
                package = str(node.args[0].values[0].value).rstrip(".")
                folder = self.root.joinpath(*package.split("."))
                found.update(folder.glob("*.py"))
            for name in names:
                if name.split(".")[0] in PROJECT_PACKAGES and (module := self.module_path(name)):
                    found.add(module)
        return found

    def closure(self, modules: set[Path]) -> set[Path]:
        """The modules, and every project module they import, directly or not."""
        seen: set[Path] = set()
        todo = list(modules)
        while todo:
            path = todo.pop()
            if path not in seen:
                seen.add(path)
                todo.extend(self.imports(path) - seen)
        return seen

    @cache
    def python_needs(self, path: Path) -> list[Need]:
        """The programs a Python module starts: the first item of an argument vector given to a process-starting
        call, and the names asked of `shutil.which` (alternatives joined by `or` count as one need)."""
        tree = self._tree(path)
        constants = _string_constants(tree)
        needs: list[Need] = []
        alternatives_seen: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.BoolOp):
                names = {_which(value) for value in node.values} - {None}
                if len(names) == len(node.values):
                    needs.append(Need(frozenset(names), self.where(path, node.lineno)))
                    alternatives_seen.update(id(value) for value in node.values)
            if not isinstance(node, ast.Call) or id(node) in alternatives_seen:
                continue
            if (name := _which(node)) is not None:
                needs.append(Need(frozenset({name}), self.where(path, node.lineno)))
            elif _called(node) in PYTHON_STARTERS and node.args:
                vector = node.args[0]
                if isinstance(vector, ast.Name):
                    vector = constants.get(vector.id, vector)
                if isinstance(vector, (ast.List, ast.Tuple)) and vector.elts:
                    first = vector.elts[0]
                    if isinstance(first, ast.Name):
                        first = constants.get(first.id, first)
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        needs.append(Need(frozenset({first.value}), self.where(path, vector.elts[0].lineno)))
        return needs

    # What a script runs

    @cached_property
    def site(self) -> project_module.Project:
        """The site's configuration, as the translation tools read it: its pages, heading ids and hooks."""
        return project_module.load(self.root)

    @cache
    def page_needs(self) -> list[Need]:
        """The programs in the shell blocks of the English pages, which the suite runs as the pages write them."""
        needs: list[Need] = []
        english = self.site.docs_dir / self.site.default_language
        for source in self.site.pages(self.site.default_language):
            page = english / source
            for block in outline(page.read_text(encoding="utf-8"), source, self.site.heading_id).code_blocks:
                if block.language in SHELL_FENCES:
                    for program, _, line in shell_commands("\n".join(block.body) + "\n"):
                        if not (_in_venv(program) or _in_project(program) or program in SHELL_BUILTINS):
                            needs.append(Need(frozenset({program}), self.where(page, block.line + line)))
        return needs

    def mkdocs_hooks(self) -> set[Path]:
        return {self.root / hook for hook in self.site.config.hooks}

    def started_by(self, script: Path, seen: frozenset[Path] = frozenset()) -> Started:
        """What running `script` starts: its own commands (and those of the scripts it runs), and the programs of the
        Python it runs, with their imports."""
        text = script.read_text(encoding="utf-8")
        started = Started()
        functions = {**self.functions, **shell_functions(text)}
        modules: set[Path] = set()
        for program, arguments, line in self._commands(text, functions):
            where = self.where(script, line)
            if program == "ensure_programs":
                started.ensured.update(arguments)
            elif program in functions or program in SHELL_BUILTINS:
                continue
            elif venv := _in_venv(program):
                modules |= self._python_run(venv, arguments, started)
            elif _in_project(program):
                target = self._script_path(program, script)
                if target is not None and target not in seen:
                    inner = self.started_by(target, seen | {script})
                    started.programs += inner.programs
                    started.ensured |= inner.ensured
            else:
                started.programs.append(Need(frozenset({program}), where))
        for module in sorted(self.closure(modules)):
            started.programs += self.python_needs(module)
        return started

    def _commands(self, text: str, functions: dict[str, str]) -> list[tuple[str, list[str], int]]:
        """The script's commands, followed by those of every function it calls, directly or not (lines of a
        function's body count from its body); environment.sh's last line, `ensure_venv`, runs in every script that
        sources it."""
        commands = shell_commands(text)
        if "environment.sh" in text:
            commands.append(("ensure_venv", [], 0))
        found, called = [], set()
        while commands:
            command = commands.pop(0)
            found.append(command)
            if command[0] in functions and command[0] not in called:
                called.add(command[0])
                commands.extend(shell_commands(functions[command[0]]))
        return found

    def _python_run(self, name: str, arguments: list[str], started: Started) -> set[Path]:
        """The project modules a program of .venv runs: `python -m MODULE`, the project's console scripts, pytest
        (the whole suite, and the pages' commands it runs) and mkdocs (the hooks of mkdocs.yml)."""
        if name.startswith("python"):
            if "-m" not in arguments:
                return set()
            name = arguments[arguments.index("-m") + 1]
            if name != "pytest":
                module = self.module_path(name)
                return {module} if module else set()
        if name == "pytest":
            started.programs += self.page_needs()
            return set((self.root / "tests").rglob("*.py"))
        if name == "mkdocs":
            return self.mkdocs_hooks()
        if name in self.console_scripts:
            module = self.module_path(self.console_scripts[name])
            return {module} if module else set()
        return set()  # a program a locked package installs into .venv

    def _script_path(self, written: str, script: Path) -> Path | None:
        name = written.rsplit("/", 1)[-1]
        for folder in (script.parent, self.root / "scripts"):
            if (folder / name).is_file() and name != "environment.sh":
                return folder / name
        return None

    def missing(self, script: Path) -> list[str]:
        """Each program `script` starts that a new machine lacks and no install step of the script provides, and
        each program it ensures that DEBIAN_PACKAGE gives no package for; as `path:line: program`."""
        started = self.started_by(script)
        have = BASE | started.ensured
        missing = {f"{need.where}: {need.name}" for need in started.programs if not need.names & have}
        unknown = {f"{self.where(script, 1)}: {name} (ensured, but DEBIAN_PACKAGE names no package for it)"
                   for name in started.ensured - set(self.packages)}
        return sorted(missing | unknown)


def _in_venv(program: str) -> str | None:
    """The name of a program of .venv (`$VENV/bin/python`, `.venv/bin/uvicorn`), or None."""
    found = re.fullmatch(r"(?:\$VENV|\$\{VENV\}|\.venv)/bin/(.+)", program)
    return found[1] if found else None


def _in_project(program: str) -> bool:
    """A script of the checkout (`./scripts/test.sh`, `$(dirname ...)/serve.sh`) or a name computed at run time."""
    return program.endswith(".sh") or program.startswith(("./", "$"))


@cache
def _python_tree(text: str) -> ast.Module:
    """A module's syntax tree, parsed once per text: the checkouts a test edits share all but a file or two."""
    return ast.parse(text)


def _called(node: ast.Call) -> str | None:
    function = node.func
    if isinstance(function, ast.Attribute):
        return function.attr
    if isinstance(function, ast.Name):
        return function.id
    return None


def _which(node: ast.AST) -> str | None:
    if (isinstance(node, ast.Call) and _called(node) == "which" and node.args
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
        return node.args[0].value
    return None


def _string_constants(tree: ast.Module) -> dict[str, ast.expr]:
    """Names bound once, anywhere in the module, to a string or a list or tuple literal: what a call may name."""
    bound: dict[str, list[ast.expr]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            bound.setdefault(node.targets[0].id, []).append(node.value)
    return {name: values[0] for name, values in bound.items()
            if len(values) == 1 and isinstance(values[0], (ast.Constant, ast.List, ast.Tuple))}
