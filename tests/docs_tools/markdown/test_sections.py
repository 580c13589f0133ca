"""Sections of an English page matched by heading id, and what changed in each: string in, changes out."""

from __future__ import annotations

from docs_tools.markdown.sections import section_changes, sections, word_diff

PAGE = """\
---
title: Tasks
---

# Tasks

Intro.

## Errors { #errors }

A failing task stops the others.

### Retries

Try again.
"""


def slug(text: str) -> str:
    return text.lower().replace(" ", "-")


def changes(before: str, after: str) -> list[tuple[str, str | None]]:
    return [(change.change.value, change.section.id) for change in section_changes(before, after, slug)]


def test_a_page_splits_at_every_heading_with_its_id_and_the_top_before_the_first():
    assert [(s.id, s.title, s.level, s.lines[0]) for s in sections(PAGE, slug)] == [
        (None, None, 0, "---"),
        ("tasks", "Tasks", 1, "# Tasks"),
        ("errors", "Errors", 2, "## Errors { #errors }"),
        ("retries", "Retries", 3, "### Retries"),
    ]


def test_a_page_starting_with_its_heading_has_no_top_section():
    assert [s.id for s in sections("# Tasks\n\nText.\n", slug)] == ["tasks"]


def test_no_change_no_section():
    assert changes(PAGE, PAGE) == []


def test_a_change_under_a_subsection_names_only_that_subsection():
    assert changes(PAGE, PAGE.replace("Try again.", "Try once more.")) == [("changed", "retries")]


def test_a_new_section_is_added_and_the_one_before_it_is_unchanged():
    assert changes(PAGE, PAGE + "\n## Logging\n\nLog it.\n") == [("added", "logging")]


def test_a_removed_section_comes_after_the_others():
    after = PAGE.replace("## Errors { #errors }\n\nA failing task stops the others.\n\n", "").replace("Intro.", "Hi.")
    assert changes(PAGE, after) == [("changed", "tasks"), ("removed", "errors")]


def test_a_renamed_id_is_one_section_removed_and_one_added():
    assert changes(PAGE, PAGE.replace("{ #errors }", "{ #failures }")) == [("added", "failures"), ("removed", "errors")]


def test_two_headings_with_one_explicit_id_stay_two_sections():
    page = "# T\n\n## A { #x }\n\nOne.\n\n## B { #x }\n\nTwo.\n"
    assert changes(page, page.replace("Two.", "Three.")) == [("changed", "x")]
    assert [c.section.title for c in section_changes(page, page.replace("Two.", "Three."), slug)] == ["B"]


def test_a_new_title_in_the_front_matter_is_a_change_at_the_top():
    assert changes(PAGE, PAGE.replace("title: Tasks", "title: Background tasks")) == [("changed", None)]


def test_the_word_diff_marks_words_keeps_one_line_of_context_and_shows_what_it_leaves_out():
    before = ("# T", "", "One.", "", "Two three.", "", "Four.", "", "Five.", "", "Six.", "", "Seven eight.")
    after = ("# T", "", "One.", "", "Two four.", "", "Four.", "", "Five.", "", "Six.", "", "Seven nine.")
    assert word_diff(before, after) == ("One.", "Two [-three.-]{+four.+}", "Four.", "…", "Six.", "Seven [-eight.-]{+nine.+}")


def test_lines_added_and_removed_whole():
    assert word_diff(("A.",), ("A.", "", "B.", "C.")) == ("A.", "{+B.+}", "{+C.+}")
    assert word_diff(("A.", "B."), ()) == ("[-A.-]", "[-B.-]")
