"""Every state `status` reports, what it tells the translator, and the English changes in its report."""

from __future__ import annotations

import shutil

import pytest

from docs_tools.markdown.fingerprint import fingerprint
from docs_tools.translation import state as state_module
from docs_tools.translation.stamped_sources import sources_of
from docs_tools.translation.state import Origin, State, TranslationState
from docs_tools.translation.status import failing, report, unused_sources
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
    tree.translate("pt", "current.md", PORTUGUESE, ENGLISH_V1)
    tree.translate("pt", "outdated.md", PORTUGUESE, ENGLISH_V1)
    tree.write("en", "outdated.md", ENGLISH_V2)
    tree.write("pt", "unstamped.md", PORTUGUESE)
    tree.translate("pt", "drifted.md", PORTUGUESE.replace("## Erros { #errors }\n", ""), ENGLISH_V1)
    tree.write("pt", "orphan.md", PORTUGUESE)
    return tree


def states(tree, language="pt", diffs=False):
    return {status.page: status.label for status in TranslationState(tree.project()).language(language, diffs=diffs)}


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
    (status,) = [s for s in TranslationState(tree.project()).language("pt", diffs=False) if s.page == "current.md"]
    assert status.label == "drifted"
    assert [str(d) for d in status.differences] == [
        "docs/pt/current.md:2: translation_of 'yesterday' is not a fingerprint like 'sha256:0123456789abcdef'; run "
        "'.venv/bin/translations stamp docs/pt/current.md' to write it"
    ]


def test_only_allowed_states_pass(tree):
    statuses = TranslationState(tree.project()).language("pt", diffs=False)
    assert {s.page for s in failing(statuses, set())} == {
        "outdated.md", "missing.md", "unstamped.md", "drifted.md", "orphan.md"}
    assert {s.page for s in failing(statuses, {State.OUTDATED})} == {
        "missing.md", "unstamped.md", "drifted.md", "orphan.md"}
    assert {s.page for s in failing(statuses, {State.OUTDATED, State.MISSING})} == {
        "unstamped.md", "drifted.md", "orphan.md"}


def test_the_report_says_what_to_do_for_each_page(tree):
    project = tree.project()
    text = report(project, {"pt": TranslationState(project).language("pt", diffs=False)}, set())
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
    text = report(project, {"ru": TranslationState(project).language("ru", diffs=False)}, set())
    assert text.split("\n")[0] == "ru (Русский): 5 missing"
    for page in ("current.md", "outdated.md", "missing.md", "unstamped.md", "drifted.md"):
        tree.translate("ru", page, PORTUGUESE, tree.read("en", page))
    text = report(project, {"ru": TranslationState(project).language("ru", diffs=False)}, set())
    assert text.split("\n")[0] == "ru (Русский): 5 up to date"
    assert text.endswith("Every translation is up to date.")


def test_outdated_pages_allowed_by_the_flag_are_named_in_the_summary(tree):
    project = tree.project()
    statuses = [s for s in TranslationState(project).language("pt", diffs=False) if s.page in ("current.md", "outdated.md")]
    text = report(project, {"pt": statuses}, {State.OUTDATED})
    assert text.endswith("Nothing else to do; 1 page(s) allowed by --allow-outdated.")


def outdated_status(tree, page="outdated.md", diffs=True):
    (status,) = [s for s in TranslationState(tree.project()).language("pt", diffs=diffs) if s.page == page]
    return status


def test_an_outdated_page_lacking_the_english_changes_is_not_drifted(tree):
    """English gains a section, a code block and a link: the translation, stamped before, lacks all three, and is
    only outdated."""
    tree.write("en", "outdated.md", ENGLISH_V1 + "\n## Retries\n\nSee [errors](#errors).\n\n```python\nretry()\n```\n")
    status = outdated_status(tree)
    assert (status.label, status.differences) == ("outdated", [])


def test_an_outdated_page_that_breaks_its_stamped_structure_is_drifted_as_well(tree):
    tree.translate("pt", "outdated.md", PORTUGUESE.replace("## Erros { #errors }", "## Erros { #erros }"), ENGLISH_V1)
    status = outdated_status(tree)
    assert status.label == "drifted, outdated"
    assert [str(d) for d in status.differences] == [
        "docs/pt/outdated.md:9: heading 'Erros' has the id '#erros', English heading 'Errors' "
        f"(translation_sources/outdated.{fingerprint(ENGLISH_V1)[7:]}.md:5) has '#errors'; end the heading with "
        "{ #errors }, so that links to it are the same in every language"
    ]


def test_an_outdated_page_already_updated_to_the_english_page_only_needs_its_stamp(tree):
    english = ENGLISH_V1 + "\n## Retries\n\nTry again.\n"
    tree.write("en", "outdated.md", english)
    tree.translate("pt", "outdated.md", PORTUGUESE + "\n## De novo { #retries }\n\nOutra vez.\n", ENGLISH_V1)
    status = outdated_status(tree)
    assert (status.label, status.ready, status.differences) == ("outdated", True, [])
    text = report(tree.project(), {"pt": [status]}, set())
    assert ("      docs/pt/outdated.md already matches docs/en/outdated.md; run: .venv/bin/translations stamp "
            "docs/pt/outdated.md") in text.split("\n")


RETRIES = "\n## Retries\n\nTry again.\n\n```python\nretry()\n```\n"


def test_a_translation_halfway_through_its_update_is_outdated_with_what_remains(tree):
    tree.write("en", "outdated.md", ENGLISH_V1 + RETRIES)
    tree.translate("pt", "outdated.md", PORTUGUESE + "\n## De novo { #retries }\n\nOutra vez.\n", ENGLISH_V1)
    status = outdated_status(tree)
    assert (status.label, status.differences, status.ready) == ("outdated", [], False)
    assert [d.kind for d in status.remaining] == ["code blocks"]
    lines = report(tree.project(), {"pt": [status]}, {State.OUTDATED}).split("\n")
    assert "      update in progress; still different from today's docs/en/outdated.md:" in lines
    assert lines[-1] == "Nothing else to do; 1 page(s) allowed by --allow-outdated."


def test_a_mistake_in_a_section_english_did_not_change_is_drift_during_an_update(tree):
    tree.write("en", "outdated.md", ENGLISH_V1 + RETRIES)
    updated = PORTUGUESE.replace("{ #errors }", "{ #erros }") + "\n## De novo { #retries }\n\nOutra vez.\n"
    tree.translate("pt", "outdated.md", updated, ENGLISH_V1)
    status = outdated_status(tree)
    assert status.label == "drifted, outdated"
    assert [(d.line, d.kind) for d in status.differences] == [(9, "heading ids")]
    assert status.remaining == []


def test_an_english_change_of_blank_lines_only_names_no_section(tree):
    tree.write("en", "outdated.md", ENGLISH_V1.replace("\n\n## Errors", "\n\n\n## Errors"))
    status = outdated_status(tree)
    assert (status.label, status.changes) == ("outdated", [])
    assert "      no section changed: only blank lines or line endings did" in report(
        tree.project(), {"pt": [status]}, set()).split("\n")


def test_the_english_changes_are_shown_section_by_section_word_by_word(tree):
    tree.write("en", "outdated.md", ENGLISH_V2 + "\n## Retries\n\nTry again.\n")
    status = outdated_status(tree)
    assert [(c.change.value, c.section.id) for c in status.changes] == [("changed", "errors"), ("added", "retries")]
    lines = report(tree.project(), {"pt": [status]}, set()).split("\n")
    start = lines.index("      English changes since the stamp, by section ([-removed-] {+added+}):")
    assert lines[start + 1 : start + 8] == [
        "        changed  ## Errors (#errors)",
        "            ## Errors",
        "            A failing task stops the [-others.-]{+tasks after it.+}",
        "        added    ## Retries (#retries)",
        "            {+## Retries+}",
        "            {+Try again.+}",
        "      update docs/pt/outdated.md to match, then run: .venv/bin/translations stamp docs/pt/outdated.md",
    ]


def test_without_diffs_the_english_changes_are_not_computed(tree):
    assert outdated_status(tree, diffs=False).changes is None


def test_the_english_changes_of_a_page_are_computed_once_for_every_language(tree, monkeypatch):
    tree.translate("ru", "outdated.md", PORTUGUESE, ENGLISH_V1)
    calls = []
    monkeypatch.setattr(state_module, "section_changes", lambda *args: calls.append(args) or [])
    project = tree.project()
    state = TranslationState(project)
    for language in ("pt", "ru"):
        state.language(language)
    assert calls == [(ENGLISH_V1, ENGLISH_V2, project.heading_id)]


@pytest.fixture
def repository(tree):
    """The tree under git: English v1 committed and translated, then English v2 committed; the store lost the
    entry of v1."""
    tree.write("en", "outdated.md", ENGLISH_V1)
    tree.commit("v1")
    tree.write("en", "outdated.md", ENGLISH_V2)
    tree.commit("v2")
    sources_of(tree.root).path("outdated.md", fingerprint(ENGLISH_V1)).unlink()
    return tree


def test_a_stamped_text_missing_from_the_store_is_found_in_git_history(repository):
    status = outdated_status(repository)
    first = git(repository.root, "rev-list", "--max-parents=0", "HEAD").strip()[:10]
    assert (status.label, status.origin, [c.section.id for c in status.changes]) == ("outdated", Origin.HISTORY,
                                                                                      ["errors"])
    assert f"      the stamped English text was found in commit {first}; translation_sources/outdated." \
           f"{fingerprint(ENGLISH_V1)[7:]}.md is missing" in report(repository.project(), {"pt": [status]}, set())


def test_a_stamp_whose_english_text_is_nowhere_is_unstamped_and_compared_with_todays_english(repository, tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(repository.root, archive, ignore=shutil.ignore_patterns(".git"))
    tree = type(repository)(archive)
    stamp = fingerprint(ENGLISH_V1)
    unknown = (f"docs/pt/outdated.md:2: 'translation_of: {stamp}' names an English text this project does not have: "
               f"translation_sources/outdated.{stamp[7:]}.md does not exist, and git history does not help: there is "
               "no git repository here (a source archive?); check the page against docs/en/outdated.md, then stamp it")
    status = outdated_status(tree)
    assert status.label == "unstamped"  # no difference from today's English page: nothing else to say
    assert str(status.unknown_stamp) == unknown
    tree.write("en", "outdated.md", ENGLISH_V2 + "\n## Retries\n\nTry again.\n")
    status = outdated_status(tree)
    assert status.label == "drifted, unstamped"
    lines = report(tree.project(), {"pt": [status]}, set()).split("\n")
    start = lines.index(f"      {unknown}")
    assert lines[start + 1] == "      compared with today's docs/en/outdated.md, it differs:"
    assert lines[start + 2].startswith("      docs/pt/outdated.md:"), lines


def test_an_edited_store_entry_is_not_trusted(tree):
    entry = sources_of(tree.root).path("outdated.md", fingerprint(ENGLISH_V1))
    entry.write_text(ENGLISH_V1 + "edited\n", encoding="utf-8")
    status = outdated_status(tree)
    assert status.origin is Origin.DAMAGED and not status.origin.found
    assert status.note.startswith(f"translation_sources/outdated.{fingerprint(ENGLISH_V1)[7:]}.md: its text no "
                                  "longer has the fingerprint in its name")


def test_an_up_to_date_page_whose_english_text_is_not_kept_is_unstamped(tree):
    tree.translate("pt", "current.md", PORTUGUESE, ENGLISH_V1, keep_source=False)
    sources_of(tree.root).prune("current.md", set())
    status = outdated_status(tree, "current.md")
    assert status.label == "unstamped"
    assert (f"      the English text of its stamp is not kept intact in translation_sources/current."
            f"{fingerprint(ENGLISH_V1)[7:]}.md, so a later English change could not be told apart from a translation "
            "error; run: .venv/bin/translations stamp docs/pt/current.md") in report(
        tree.project(), {"pt": [status]}, set()).split("\n")


def test_an_up_to_date_page_whose_kept_english_text_was_edited_is_unstamped(tree):
    entry = sources_of(tree.root).path("current.md", fingerprint(ENGLISH_V1))
    entry.write_text(ENGLISH_V1 + "edited\n", encoding="utf-8")
    assert outdated_status(tree, "current.md").label == "unstamped"


def test_store_entries_no_translation_uses_are_listed(tree):
    unused = sources_of(tree.root).record("gone.md", "# Gone\n")
    assert unused_sources(TranslationState(tree.project())) == [f"translation_sources/{unused.name}"]
    text = report(tree.project(), {}, set(), unused_sources(TranslationState(tree.project())))
    assert f"  translation_sources/{unused.name}" in text.split("\n")
