"""The `translations` command: its arguments, output and exit codes, through `main(argv)` in this process; one
test runs the installed command as translators do."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from docs_tools.translation.cli import main
from tests.trees import make_tree

ENGLISH = "# Tasks\n\nText.\n"
PORTUGUESE = "# Tarefas { #tasks }\n\nTexto.\n"


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys):
    def run(*args: str) -> Run:
        code = main(list(args))
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


@pytest.fixture
def tree(tmp_path):
    tree = make_tree(tmp_path)
    tree.write("en", "a.md", ENGLISH)
    tree.translate("pt", "a.md", PORTUGUESE, ENGLISH)
    tree.translate("ru", "a.md", PORTUGUESE.replace("Tarefas", "Задачи"), ENGLISH)
    return tree


@pytest.fixture
def status(run, tree):
    return lambda *args: run("--project", str(tree.root), "status", *args)


def test_everything_up_to_date_exits_with_0_and_says_how_long_it_took(tree, status):
    result = status()
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.split("\n")
    assert lines[:4] == ["pt (Português): 1 up to date", "", "ru (Русский): 1 up to date", ""]
    assert "Every translation is up to date." in lines
    assert lines[-2].startswith("Checked 2 page(s) in 2 language(s) in ")


def test_an_outdated_page_exits_with_1_unless_allowed(tree, status):
    tree.write("en", "a.md", ENGLISH + "\nMore.\n")
    assert status().returncode == 1
    assert status("--allow-outdated").returncode == 0
    assert status("--allow-missing").returncode == 1


def test_a_missing_page_exits_with_1_unless_allowed(tree, status):
    tree.write("en", "b.md", ENGLISH)
    assert status("pt").returncode == 1
    assert status("pt", "--allow-missing").returncode == 0
    assert status("pt", "--allow-outdated").returncode == 1


def test_drift_is_never_allowed(tree, status):
    tree.translate("pt", "a.md", "# Tarefas { #tasks }\n\n## Extra\n", ENGLISH)
    result = status("pt", "--allow-outdated", "--allow-missing")
    assert result.returncode == 1
    assert "docs/pt/a.md:7: heading '## Extra' has no counterpart in English" in result.stdout


def test_languages_can_be_chosen_and_unknown_ones_are_refused(tree, status):
    assert status("ru").stdout.startswith("ru (Русский): 1 up to date\n")
    result = status("xx")
    assert result.returncode == 2
    assert result.stderr == "error: mkdocs.yml: 'xx' is not a translated language here (known: pt, ru)\n"
    assert status("en").stderr == "error: 'en' is the source language; name a translation\n"


def test_stamp_from_the_command_line(tree, status, run):
    tree.write("en", "a.md", ENGLISH + "\nMore.\n")
    tree.write("pt", "a.md", PORTUGUESE + "\nMais.\n")
    result = run("--project", str(tree.root), "stamp", str(tree.root / "docs" / "pt" / "a.md"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("docs/pt/a.md: stamped sha256:")
    assert status("pt").returncode == 0
    result = run("--project", str(tree.root), "stamp", "--all")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == [
        "docs/pt/a.md: already stamped " + tree.read("pt", "a.md").split("\n")[1].split(": ")[1],
        "docs/ru/a.md: stamped " + tree.read("ru", "a.md").split("\n")[1].split(": ")[1],
    ]
    assert status().returncode == 0
    assert run("--project", str(tree.root), "stamp").returncode == 2


def test_stamp_refusals_exit_with_1_and_name_the_page(tree, run):
    tree.write("pt", "a.md", "# Tarefas { #tasks }\n\n## Extra\n")
    result = run("--project", str(tree.root), "stamp", str(tree.root / "docs" / "pt" / "a.md"))
    assert result.returncode == 1
    assert result.stderr.startswith("docs/pt/a.md: not stamped, it does not match the English page yet:\n")


def test_new_language_from_the_command_line(tree, status, run):
    result = run("--project", str(tree.root), "new-language", "it")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == "Added it (Italiano):"
    assert "  translation_messages.yml: the 'it' block, a copy of English's, to translate" in result.stdout
    assert "  figure_texts.yml: the 'it' block of the figures' words, a copy of English's, to translate" in result.stdout
    after = status("it", "--allow-missing")
    assert after.returncode == 1  # its messages are English copies until translated: status says which
    assert "  translation_messages.yml: it.not_translated: the same text as 'en'; translate it" in after.stdout
    assert after.stdout.split("\n")[-3] == "7 text(s) need work; status exits with 1."
    refused = run("--project", str(tree.root), "new-language", "klingon")
    assert refused.returncode == 2
    assert refused.stderr.startswith("error: unknown language code 'klingon'")


def test_usage_without_a_command(run):
    result = run()
    assert result.returncode == 2
    assert "usage: translations" in result.stderr


def test_a_folder_without_mkdocs_yml_is_refused(tmp_path, run):
    result = run("--project", str(tmp_path), "status")
    assert result.returncode == 2
    assert result.stderr == f"error: {tmp_path}/mkdocs.yml: not found; run the tools from the project root or pass --project\n"


@pytest.mark.parametrize(
    ("config", "error"),
    [
        ("plugins: [\n", "mkdocs.yml:2: not valid YAML (expected the node content, but found '<stream end>')"),
        ("site_name: Tree\nplugins:\n  - i18n:\n      docs_structure: folder\n      languages: [en]\n",
         "mkdocs.yml:5: Config value 'plugins': Plugin 'i18n' option 'languages': The configuration is invalid. "
         "Expected a key-value mapping (dict) but received: <class 'str'> (the line is 'languages: [en]')"),
    ],
    ids=["not-yaml", "language-without-locale"],
)
def test_a_broken_mkdocs_yml_is_named_with_its_line(tmp_path, run, config, error):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run("--project", str(tmp_path), "status")
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and result.stderr.rstrip("\n").endswith(error), result.stderr


def test_the_project_is_found_from_a_folder_below_it(tree, run, monkeypatch):
    monkeypatch.chdir(tree.root / "docs" / "pt")
    result = run("status", "pt")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("pt (Português): 1 up to date\n")


def test_no_mkdocs_yml_here_or_above_is_refused(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("status")
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {tmp_path}: no mkdocs.yml here or above; run the tools from the project root or pass --project\n"
    )


def test_the_installed_command_runs_as_translators_run_it(tree):
    """The console script in the environment's bin folder, started from a folder inside the project."""
    command = Path(sys.executable).with_name("translations")
    result = subprocess.run([str(command), "status"], cwd=tree.root / "docs", capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("pt (Português): 1 up to date\n")
    assert "Every translation is up to date." in result.stdout


def test_pages_narrow_the_status_given_as_files_or_as_paths_in_a_language(tree, status):
    tree.write("en", "b.md", ENGLISH)
    assert status().returncode == 1  # b.md is missing in both translations
    narrowed = status("a.md")
    assert narrowed.returncode == 0, narrowed.stdout
    assert narrowed.stdout.startswith("pt (Português): 1 up to date\n\nru (Русский): 1 up to date\n")
    one = status(str(tree.root / "docs" / "ru" / "b.md"))
    assert one.returncode == 1
    assert one.stdout.startswith("ru (Русский): 1 missing\n  missing      b.md\n")
    assert "pt (" not in one.stdout
    assert status("docs/en/b.md").stdout.count("  missing      b.md") == 2


def test_a_page_that_no_language_has_is_refused(tree, status):
    result = status("nope.md")
    assert result.returncode == 2
    assert result.stderr == "error: no such page in any language: nope.md\n"


def test_a_reader_that_stops_reading_gets_no_traceback(tree):
    """`translations status | head`: the command stops writing when the pipe closes, and says nothing about it."""
    for number in range(1500):
        tree.write("en", f"page-{number:04}.md", ENGLISH)
    command = Path(sys.executable).with_name("translations")
    process = subprocess.Popen([str(command), "status", "pt"], cwd=tree.root, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout.readline() == "pt (Português): 1 up to date, 1500 missing\n".encode()
    process.stdout.close()
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 1
    assert errors == b""


GLOSSARY = "pt:\n  tasks:\n    use: tarefas\n    avoid: [tasques]\n"


def test_a_variant_the_glossary_forbids_makes_the_page_drifted_and_stamp_refuse_it(tree, status, run):
    (tree.root / "translation_glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    text = tree.read("pt", "a.md")
    tree.write("pt", "a.md", text + "\nAs tasques correm depois.\n")
    line = len((text + "\nAs tasques correm depois.\n").split("\n")) - 1
    result = status("pt")
    assert result.returncode == 1
    assert (f"      docs/pt/a.md:{line}: 'tasques' is not this translation's word for 'tasks': write 'tarefas' "
            "(translation_glossary.yml:2)") in result.stdout.split("\n")
    assert "  drifted      a.md" in result.stdout.split("\n")
    refused = run("--project", str(tree.root), "stamp", "docs/pt/a.md")
    assert refused.returncode == 1 and "'tasques' is not this translation's word" in refused.stderr


def test_a_malformed_glossary_stops_status_with_its_line(tree, status):
    (tree.root / "translation_glossary.yml").write_text("pt:\n  tasks:\n    use: tarefas\n", encoding="utf-8")
    result = status()
    assert result.returncode == 2
    assert result.stderr == ("error: translation_glossary.yml:2: 'pt.tasks' needs 'avoid': a list of the variants "
                             "not to write\n")


def test_a_page_that_is_not_utf8_is_named_with_its_line_and_the_other_pages_are_still_reported(tree, status, run):
    tree.write("en", "b.md", "# More\n\nText.\n")
    tree.translate("pt", "b.md", "# Mais { #more }\n\nTexto.\n", "# More\n\nText.\n")
    (tree.root / "docs" / "pt" / "a.md").write_bytes(b"# Tarefas { #tasks }\n\nTexto \xe9 isto.\n")
    result = status("pt")
    assert result.returncode == 1 and result.stderr == ""
    assert "docs/pt/a.md:3: byte 0xe9 is not UTF-8 text; save the file as UTF-8" in result.stdout
    assert result.stdout.startswith("pt (Português): 1 up to date, 1 drifted\n")
    stamped = run("--project", str(tree.root), "stamp", "docs/pt/a.md", "docs/pt/b.md")
    assert stamped.returncode == 1
    assert stamped.stderr.splitlines() == ["docs/pt/a.md:3: byte 0xe9 is not UTF-8 text; save the file as UTF-8"]
    assert "docs/pt/b.md: already stamped" in stamped.stdout


def test_an_english_page_that_is_not_utf8_makes_each_translation_of_it_drifted(tree, status):
    (tree.root / "docs" / "en" / "a.md").write_bytes(b"# Tasks\n\n\xff\n")
    result = status()
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.count("docs/en/a.md:3: byte 0xff is not UTF-8 text; save the file as UTF-8") == 2
