"""The scripts install every program they start (scripts/environment.sh's `ensure_programs`), found by name wherever
it is started: a green run on a machine where someone once installed a program by hand proves nothing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.mkdocs_site import ROOT
from tests.programs import Project, shell_commands

PROJECT = Project(ROOT)


@pytest.mark.parametrize("script", PROJECT.scripts(), ids=lambda path: path.name)
def test_every_program_a_script_starts_is_on_a_new_machine_or_installed_by_the_script(script):
    missing = PROJECT.missing(script)
    assert not missing, (f"{script.name} starts programs that a new machine lacks and no install step of it provides "
                         f"(add them to an ensure_programs line, and DEBIAN_PACKAGE):\n" + "\n".join(missing))


def test_the_suite_is_seen_to_start_the_browser_redis_curl_wrk_npm_and_git():
    """The scan finds what the suite starts, so that an empty scan cannot pass for a complete one."""
    started = {need.name for need in PROJECT.started_by(ROOT / "scripts" / "test.sh").programs}
    assert {"chromium-headless-shell", "redis-server", "curl", "wrk", "npm", "git"} <= started


def checkout_with_scripts_edited(tmp_path: Path, name: str, old: str, new: str) -> Project:
    """The checkout as links to the real folders, but for a copy of scripts/ in which `name` has `old` replaced."""
    for entry in ROOT.iterdir():
        if entry.name not in ("scripts", ".git", ".venv", "node_modules"):
            (tmp_path / entry.name).symlink_to(entry)
    (tmp_path / "scripts").mkdir()
    for script in (ROOT / "scripts").iterdir():
        text = script.read_text(encoding="utf-8")
        if script.name == name:
            assert old in text
            text = text.replace(old, new)
        (tmp_path / "scripts" / script.name).write_text(text, encoding="utf-8")
    return Project(tmp_path)


def test_a_program_left_out_of_the_suites_install_step_is_named_where_each_start_of_it_is(tmp_path):
    project = checkout_with_scripts_edited(
        tmp_path, "environment.sh", "ensure_programs chromium-headless-shell curl redis-server wrk strace npm",
        "ensure_programs chromium-headless-shell curl wrk strace npm")
    missing = project.missing(tmp_path / "scripts" / "test.sh")
    assert {where.split(":")[0] for where in missing} == {
        "tests/redis_server.py", "docs/en/job-queue.md", "tests/site/test_running_the_job_queue.py",
        "tests/behaviour/test_job_queue_redis_setup.py"}, missing
    assert all(named_line(where) for where in missing), missing


def named_line(reported: str) -> bool:
    """Whether the line a report names (`path:line: program`) starts that program."""
    path, line, program = reported.split(":", 2)
    return program.strip() in (ROOT / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]


def test_a_script_that_starts_wrk_without_ensuring_it_is_named_with_the_line(tmp_path):
    project = checkout_with_scripts_edited(tmp_path, "benchmark.sh", "ensure_programs wrk\n", "")
    missing = project.missing(tmp_path / "scripts" / "benchmark.sh")
    assert [where.split(":")[0] for where in missing] == ["benchmarks/run.py", "benchmarks/wrk.py"], missing
    assert all(named_line(where) and where.endswith(": wrk") for where in missing), missing


def test_a_program_ensured_without_a_debian_package_is_named(tmp_path):
    project = checkout_with_scripts_edited(tmp_path, "screenshots.sh", "ensure_programs chromium-headless-shell",
                                           "ensure_programs chromium-headless-shell hyperfine")
    assert project.missing(tmp_path / "scripts" / "screenshots.sh") == [
        "scripts/screenshots.sh:1: hyperfine (ensured, but DEBIAN_PACKAGE names no package for it)"]


@pytest.mark.parametrize("text, programs", [
    ("exec wrk --version\n", ["wrk"]),
    ("as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk\n", ["apt-get"]),
    ("A=1 redis-server --port 0 | grep Ready && curl -s x\n", ["redis-server", "grep", "curl"]),
    ('command -v chromium >/dev/null || echo "$(date)"\n', ["command", "echo", "date"]),
    ("cat <<'EOF'\nwrk inside a here-document is text\nEOF\n", ["cat"]),
])
def test_shell_commands_are_read_through_wrappers_pipes_and_substitutions(text, programs):
    assert [program for program, _, _ in shell_commands(text)] == programs


def python_needs(tmp_path: Path, source: str) -> list[str]:
    module = tmp_path / "module.py"
    module.write_text(source, encoding="utf-8")
    ast.parse(source)
    project = Project(ROOT)
    project.root = tmp_path
    return sorted(f"{need.where}: {need.name}" for need in project.python_needs(module))


def test_python_starts_are_found_in_argument_vectors_names_bound_to_them_and_which(tmp_path):
    source = (
        "import shutil, subprocess\n"
        "SERVER = 'redis-server'\n"
        "subprocess.run(['git', 'status'])\n"
        "command = [SERVER, '--port', '0']\n"
        "subprocess.Popen(command)\n"
        "shutil.which('chromium') or shutil.which('chromium-browser')\n"
        "subprocess.run([sys.executable, '-m', 'uvicorn'])\n"
        "print(['wrk'])\n"
    )
    assert python_needs(tmp_path, source) == [
        "module.py:3: git", "module.py:4: redis-server", "module.py:6: chromium or chromium-browser"]


def test_the_programs_of_a_module_imported_by_a_relative_import_are_found(tmp_path):
    package = tmp_path / "docs_src" / "examples"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "app.py").write_text("from .jobs import run\nfrom . import report\n", encoding="utf-8")
    (package / "jobs.py").write_text("import subprocess\nsubprocess.run(['redis-server'])\n", encoding="utf-8")
    (package / "report.py").write_text("import shutil\nshutil.which('wrk')\n", encoding="utf-8")
    project = Project(ROOT)
    project.root = tmp_path
    found = project.closure({package / "app.py"})
    assert sorted(need.name for module in found for need in project.python_needs(module)) == ["redis-server", "wrk"]
