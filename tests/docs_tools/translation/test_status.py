"""Every state `status` reports, what it tells the translator, and the English changes in its report (how they are
found is in test_history.py)."""

from __future__ import annotations

import pytest

from docs_tools.fingerprint import fingerprint
from docs_tools.translation.status import State, failing, language_status, report
from tests.trees import git, make_tree

ENGLISH_V1 = "# Tasks\n\nTasks run after the response is sent.\n\n## Errors\n\nA failing task stops the others.\n"
ENGLISH_V2 = ENGLISH_V1.replace("stops the others", "stops the tasks after it")
PORTUGUESE = (
    "# Tarefas { #tasks }\n\nAs tarefas rodam depois do envio.\n\n## Erros { #errors }\n\nUma tarefa com erro para as outras.\n"
)


@pytest.fixture
def tree(tmp_path):
    """One page in each state, for Portuguese."""
    tree = make_tree(tmp_path / "project")
    for page in ("current.md", "outdated.md", "missing.md", "unstamped.md", "drifted.md"):
        tree.write("en", page, ENGLISH_V1)
    tree.write("pt", "current.md", tree.stamped(PORTUGUESE, ENGLISH_V1))
    tree.write("pt", "outdated.md", tree.stamped(PORTUGUESE, ENGLISH_V1))
    tree.write("en", "outdated.md", ENGLISH_V2)
    tree.write("pt", "unstamped.md", PORTUGUESE)
    tree.write("pt", "drifted.md", tree.stamped(PORTUGUESE.replace("## Erros { #errors }\n", ""), ENGLISH_V1))
    tree.write("pt", "orphan.md", PORTUGUESE)
    return tree


def states(tree, language="pt", history=False):
    return {status.page: status.label for status in language_status(tree.project(), language, history=history)}


def test_each_page_gets_its_state(tree):
    assert states(tree) == {
        "current.md": "up to date",
        "outdated.md": "outdated",
        "missing.md": "missing",
        "unstamped.md": "unstamped",
        "drifted.md": "drifted",
        "orphan.md": "orphan",
    }


def test_a_drifted_page_can_also_be_outdated(tree):
    tree.write("en", "drifted.md", ENGLISH_V2)
    assert states(tree)["drifted.md"] == "drifted, outdated"


def test_an_invalid_stamp_is_drift_with_its_line(tree):
    tree.write("pt", "current.md", "---\ntranslation_of: yesterday\n---\n" + PORTUGUESE)
    (status,) = [s for s in language_status(tree.project(), "pt", history=False) if s.page == "current.md"]
    assert status.label == "drifted"
    assert [str(d) for d in status.differences] == [
        "docs/pt/current.md:2: translation_of 'yesterday' is not a fingerprint like 'sha256:0123456789abcdef'; run "
        "'.venv/bin/translations stamp docs/pt/current.md' to write it"
    ]


def test_only_allowed_states_pass(tree):
    statuses = language_status(tree.project(), "pt", history=False)
    assert {s.page for s in failing(statuses, set())} == {
        "outdated.md", "missing.md", "unstamped.md", "drifted.md", "orphan.md"}
    assert {s.page for s in failing(statuses, {State.OUTDATED})} == {
        "missing.md", "unstamped.md", "drifted.md", "orphan.md"}
    assert {s.page for s in failing(statuses, {State.OUTDATED, State.MISSING})} == {
        "unstamped.md", "drifted.md", "orphan.md"}


def test_the_report_says_what_to_do_for_each_page(tree):
    project = tree.project()
    text = report(project, {"pt": language_status(project, "pt", history=False)}, set())
    stamp = ".venv/bin/translations stamp"
    assert text.startswith("pt (Português): 1 up to date, 1 outdated, 1 unstamped, 1 drifted, 1 missing, 1 orphan\n")
    assert "current.md" not in text  # up to date: counted in the summary line only
    for expected in [
        "  missing      missing.md",
        f"      translate docs/en/missing.md into docs/pt/missing.md, then run: {stamp} docs/pt/missing.md",
        "      docs/en/orphan.md no longer exists: delete docs/pt/orphan.md, or move it to where its English page went",
        "      docs/pt/drifted.md:5: heading missing: English has '## Errors' (level 2, docs/en/drifted.md:5) and this "
        "page has no counterpart; add its translation after the last heading",
        f"      docs/pt/unstamped.md has no 'translation_of': once it says what docs/en/unstamped.md says, run: {stamp} "
        "docs/pt/unstamped.md",
        f"      docs/en/outdated.md changed since this translation was stamped ({fingerprint(ENGLISH_V1)}, now "
        f"{fingerprint(ENGLISH_V2)})",
        f"      update docs/pt/outdated.md to match, then run: {stamp} docs/pt/outdated.md",
        "5 page(s) need work; status exits with 1.",
    ]:
        assert expected in text.split("\n"), expected


def test_the_report_of_a_clean_language(tree):
    project = tree.project()
    text = report(project, {"ru": language_status(project, "ru", history=False)}, set())
    assert text.split("\n")[0] == "ru (Русский): 5 missing"
    for page in ("current.md", "outdated.md", "missing.md", "unstamped.md", "drifted.md"):
        tree.write("ru", page, tree.stamped(PORTUGUESE, tree.read("en", page)))
    text = report(project, {"ru": language_status(project, "ru", history=False)}, set())
    assert text.split("\n")[0] == "ru (Русский): 5 up to date"
    assert text.endswith("Every translation is up to date.")


def test_outdated_pages_allowed_by_the_flag_are_named_in_the_summary(tree):
    project = tree.project()
    statuses = [s for s in language_status(project, "pt", history=False) if s.page in ("current.md", "outdated.md")]
    text = report(project, {"pt": statuses}, {State.OUTDATED})
    assert text.endswith("Nothing else to do; 1 page(s) allowed by --allow-outdated.")


@pytest.fixture
def repository(tree):
    """The tree under git: English v1 committed and translated, then English v2 committed."""
    tree.write("en", "outdated.md", ENGLISH_V1)
    tree.commit("v1")
    tree.write("en", "outdated.md", ENGLISH_V2)
    tree.commit("v2")
    return tree


def outdated_status(tree):
    (status,) = [s for s in language_status(tree.project(), "pt") if s.page == "outdated.md"]
    assert status.label == "outdated"
    return status


def test_with_history_the_english_changes_are_shown_word_by_word(repository):
    changes = outdated_status(repository).changes
    first = git(repository.root, "rev-list", "--max-parents=0", "HEAD").strip()
    assert changes.since == first[:10]
    assert "A failing task stops the [-others.-]{+tasks after it.+}" in changes.diff.split("\n")
    project = repository.project()
    text = report(project, {"pt": language_status(project, "pt")}, set())
    assert f"      English changes since commit {first[:10]} ([-removed-] {{+added+}}):" in text.split("\n")
