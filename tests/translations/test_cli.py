"""The command as translators run it, `.venv/bin/python scripts/translations.py ...` from the project root."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.mkdocs_site import ROOT
from tests.translations.trees import make_tree

ENGLISH = "# Tasks\n\nText.\n"
PORTUGUESE = "# Tarefas\n\nTexto.\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "scripts/translations.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def tree(tmp_path):
    tree = make_tree(tmp_path)
    tree.write("en", "a.md", ENGLISH)
    tree.write("pt", "a.md", tree.stamped(PORTUGUESE, ENGLISH))
    tree.write("ru", "a.md", tree.stamped(PORTUGUESE.replace("Tarefas", "Задачи"), ENGLISH))
    return tree


def status(tree, *args: str) -> subprocess.CompletedProcess[str]:
    return run("--project", str(tree.root), "status", *args)


def test_everything_up_to_date_exits_with_0_and_says_how_long_it_took(tree):
    result = status(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.split("\n")
    assert lines[:3] == ["pt (Português): 1 up to date", "  up to date   a.md", ""]
    assert "Every translation is up to date." in lines
    assert lines[-2].startswith("Checked 2 page(s) in 2 language(s) in ")


def test_an_outdated_page_exits_with_1_unless_allowed(tree):
    tree.write("en", "a.md", ENGLISH + "\nMore.\n")
    assert status(tree).returncode == 1
    assert status(tree, "--allow-outdated").returncode == 0
    assert status(tree, "--allow-missing").returncode == 1


def test_a_missing_page_exits_with_1_unless_allowed(tree):
    tree.write("en", "b.md", ENGLISH)
    assert status(tree, "pt").returncode == 1
    assert status(tree, "pt", "--allow-missing").returncode == 0
    assert status(tree, "pt", "--allow-outdated").returncode == 1


def test_drift_is_never_allowed(tree):
    tree.write("pt", "a.md", tree.stamped("# Tarefas\n\n## Extra\n", ENGLISH))
    result = status(tree, "pt", "--allow-outdated", "--allow-missing")
    assert result.returncode == 1
    assert "docs/pt/a.md:7: heading '## Extra' has no counterpart in English" in result.stdout


def test_languages_can_be_chosen_and_unknown_ones_are_refused(tree):
    assert status(tree, "ru").stdout.startswith("ru (Русский): 1 up to date\n")
    result = status(tree, "xx")
    assert result.returncode == 2
    assert result.stderr == "error: mkdocs.yml: 'xx' is not a translated language here (known: pt, ru)\n"
    assert status(tree, "en").stderr == "error: 'en' is the source language; name a translation\n"


def test_stamp_from_the_command_line(tree):
    tree.write("en", "a.md", ENGLISH + "\nMore.\n")
    tree.write("pt", "a.md", PORTUGUESE + "\nMais.\n")
    result = run("--project", str(tree.root), "stamp", str(tree.root / "docs" / "pt" / "a.md"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("docs/pt/a.md: stamped sha256:")
    assert status(tree, "pt").returncode == 0
    result = run("--project", str(tree.root), "stamp", "--all")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == [
        "docs/pt/a.md: already stamped " + tree.read("pt", "a.md").split("\n")[1].split(": ")[1],
        "docs/ru/a.md: stamped " + tree.read("ru", "a.md").split("\n")[1].split(": ")[1],
    ]
    assert status(tree).returncode == 0
    assert run("--project", str(tree.root), "stamp").returncode == 2


def test_stamp_refusals_exit_with_1_and_name_the_page(tree):
    tree.write("pt", "a.md", "# Tarefas\n\n## Extra\n")
    result = run("--project", str(tree.root), "stamp", str(tree.root / "docs" / "pt" / "a.md"))
    assert result.returncode == 1
    assert result.stderr.startswith("docs/pt/a.md: not stamped, it does not match the English page yet:\n")


def test_new_language_from_the_command_line(tree):
    result = run("--project", str(tree.root), "new-language", "it")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == "Added it (Italiano):"
    assert status(tree, "it", "--allow-missing").returncode == 0
    refused = run("--project", str(tree.root), "new-language", "klingon")
    assert refused.returncode == 2
    assert refused.stderr.startswith("error: unknown language code 'klingon'")


def test_usage_without_a_command():
    result = run()
    assert result.returncode == 2
    assert "usage: scripts/translations.py" in result.stderr


def test_a_folder_without_mkdocs_yml_is_refused(tmp_path):
    result = run("--project", str(tmp_path), "status")
    assert result.returncode == 2
    assert result.stderr == f"error: {tmp_path}/mkdocs.yml: not found; run the tools from the project root or pass --project\n"


@pytest.mark.parametrize(
    ("config", "error"),
    [
        ("plugins: [\n", "mkdocs.yml:2: not valid YAML (expected the node content, but found '<stream end>')"),
        ("plugins:\n  - i18n:\n      docs_structure: folder\n      languages: [en]\n",
         "mkdocs.yml: each language of the i18n plugin needs a 'locale', found 'en'"),
    ],
    ids=["not-yaml", "language-without-locale"],
)
def test_a_broken_mkdocs_yml_is_named_with_its_line(tmp_path, config, error):
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run("--project", str(tmp_path), "status")
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and result.stderr.rstrip("\n").endswith(error), result.stderr
