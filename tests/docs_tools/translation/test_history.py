"""The English changes since a stamped version, from git history, or why they cannot be shown."""

from __future__ import annotations

import shutil

import pytest

from docs_tools.fingerprint import fingerprint
from docs_tools.translation.history import english_changes
from tests.trees import git, make_tree

ENGLISH_V1 = "# Tasks\n\nTasks run after the response is sent.\n\n## Errors\n\nA failing task stops the others.\n"
ENGLISH_V2 = ENGLISH_V1.replace("stops the others", "stops the tasks after it")


@pytest.fixture
def repository(tmp_path):
    """An English page committed twice: v1, then v2."""
    tree = make_tree(tmp_path / "project")
    tree.write("en", "outdated.md", ENGLISH_V1)
    tree.commit("v1")
    tree.write("en", "outdated.md", ENGLISH_V2)
    tree.commit("v2")
    return tree


def changes_since_v1(root):
    return english_changes(root, root / "docs" / "en" / "outdated.md", fingerprint(ENGLISH_V1), "docs/en/outdated.md")


def test_the_changes_since_the_stamped_version_are_shown_word_by_word(repository):
    changes = changes_since_v1(repository.root)
    first = git(repository.root, "rev-list", "--max-parents=0", "HEAD").strip()
    assert changes.since == first[:10]
    assert "A failing task stops the [-others.-]{+tasks after it.+}" in changes.diff.split("\n")


def test_uncommitted_english_edits_are_part_of_the_diff(repository):
    repository.write("en", "outdated.md", ENGLISH_V2.replace("is sent", "has been sent"))
    diff = changes_since_v1(repository.root).diff
    assert "Tasks run after the response [-is-]{+has been+} sent." in diff.split("\n")
    assert "A failing task stops the [-others.-]{+tasks after it.+}" in diff.split("\n")


def test_a_shallow_clone_says_why_there_is_no_diff(repository, tmp_path):
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repository.root}", str(shallow))
    changes = english_changes(shallow, shallow / "docs" / "en" / "outdated.md", fingerprint(ENGLISH_V1),
                              "docs/en/outdated.md")
    assert changes.diff is None
    assert changes.note.startswith("this clone is shallow and does not hold the English version")
    assert "git fetch --unshallow" in changes.note


def test_a_source_archive_says_why_there_is_no_diff(repository, tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(repository.root, archive, ignore=shutil.ignore_patterns(".git"))
    changes = english_changes(archive, archive / "docs" / "en" / "outdated.md", fingerprint(ENGLISH_V1),
                              "docs/en/outdated.md")
    assert changes.diff is None
    assert changes.note == ("no git repository here (a source archive?), so the English changes cannot be shown; "
                            "compare the translation with docs/en/outdated.md")


def test_a_stamp_from_text_never_committed_is_explained(repository):
    changes = english_changes(repository.root, repository.root / "docs" / "en" / "outdated.md",
                              fingerprint("# never committed\n"), "docs/en/outdated.md")
    assert changes.note == ("no commit of docs/en/outdated.md has the stamped version (it was stamped from "
                            "uncommitted text?); compare the translation with docs/en/outdated.md")


def test_without_git_installed_the_reason_is_given(repository, monkeypatch):
    monkeypatch.setenv("PATH", str(repository.root / "no-such-folder"))
    changes = english_changes(repository.root, repository.root / "docs" / "en" / "outdated.md",
                              fingerprint(ENGLISH_V1), "docs/en/outdated.md")
    assert changes.note == ("git is not installed, so the English changes cannot be shown; compare the translation "
                            "with docs/en/outdated.md")


def test_the_history_of_a_page_deleted_once_and_named_with_a_space(tmp_path):
    tree = make_tree(tmp_path / "project")
    tree.write("en", "my page.md", ENGLISH_V1)
    tree.commit("v1")
    (tree.root / "docs" / "en" / "my page.md").unlink()
    tree.commit("deleted")
    tree.write("en", "my page.md", ENGLISH_V2)
    tree.commit("restored")
    changes = english_changes(tree.root, tree.root / "docs" / "en" / "my page.md", fingerprint(ENGLISH_V1),
                              "docs/en/my page.md")
    assert "A failing task stops the [-others.-]{+tasks after it.+}" in changes.diff.split("\n")
