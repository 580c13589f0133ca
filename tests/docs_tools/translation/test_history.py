"""The stamped English text, found in git history when the store lacks it, or why it cannot be found."""

from __future__ import annotations

import shutil

import pytest

from docs_tools.markdown.fingerprint import fingerprint
from docs_tools.translation.history import stamped_text
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


def find(root, stamp=fingerprint(ENGLISH_V1), page="outdated.md"):
    return stamped_text(root, root / "docs" / "en" / page, stamp, f"docs/en/{page}")


def test_the_version_with_the_stamped_fingerprint_is_found_with_its_commit(repository):
    found = find(repository.root)
    first = git(repository.root, "rev-list", "--max-parents=0", "HEAD").strip()
    assert (found.text, found.commit, found.note) == (ENGLISH_V1, first[:10], None)


def test_a_shallow_clone_says_why_it_is_not_found(repository, tmp_path):
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repository.root}", str(shallow))
    found = find(shallow)
    assert found.text is None
    assert found.note == "this clone is shallow and may not hold it ('git fetch --unshallow' fetches the whole history)"


def test_a_source_archive_says_why_it_is_not_found(repository, tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(repository.root, archive, ignore=shutil.ignore_patterns(".git"))
    assert find(archive).note == "there is no git repository here (a source archive?)"


def test_a_stamp_from_text_never_committed_is_explained(repository):
    found = find(repository.root, fingerprint("# never committed\n"))
    assert found.note == "no commit of docs/en/outdated.md has it (it was stamped from uncommitted text?)"


def test_a_page_never_committed_is_explained(repository):
    repository.write("en", "new.md", ENGLISH_V1)
    assert find(repository.root, page="new.md").note == "docs/en/new.md has no git history yet"


def test_without_git_installed_the_reason_is_given(repository, monkeypatch):
    monkeypatch.setenv("PATH", str(repository.root / "no-such-folder"))
    assert find(repository.root).note == "git is not installed"


def test_the_history_of_a_page_deleted_once_and_named_with_a_space(tmp_path):
    tree = make_tree(tmp_path / "project")
    tree.write("en", "my page.md", ENGLISH_V1)
    tree.commit("v1")
    (tree.root / "docs" / "en" / "my page.md").unlink()
    tree.commit("deleted")
    tree.write("en", "my page.md", ENGLISH_V2)
    tree.commit("restored")
    assert find(tree.root, page="my page.md").text == ENGLISH_V1
