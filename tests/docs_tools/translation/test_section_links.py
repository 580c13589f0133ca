"""Links turned into links to an English section: only the links named, wherever they sit in prose."""

from __future__ import annotations

from docs_tools.translation.section_links import link_targets, to_english

ENGLISH = {"responses.md#retrying-a-task": "../../responses/#retrying-a-task"}


def test_a_named_link_becomes_an_html_link_to_the_english_section():
    page = "# Tarefas\n\nVeja [como repetir](responses.md#retrying-a-task) e [as respostas](responses.md).\n"
    assert to_english(page, ENGLISH) == (
        '# Tarefas\n\nVeja <a href="../../responses/#retrying-a-task" hreflang="en">como repetir</a> e '
        "[as respostas](responses.md).\n"
    )


def test_a_link_with_a_title_or_angle_brackets_is_turned_too():
    page = 'A [x](<responses.md#retrying-a-task> "Repetir") b'
    assert to_english(page, ENGLISH) == 'A <a href="../../responses/#retrying-a-task" hreflang="en">x</a> b'


def test_code_keeps_the_link_syntax_as_written():
    page = "`[x](responses.md#retrying-a-task)`\n\n```md\n[x](responses.md#retrying-a-task)\n```\n"
    assert link_targets(page) == set()
    assert to_english(page, ENGLISH) == page


def test_without_links_to_turn_the_page_is_unchanged():
    page = "Veja [como repetir](responses.md#retrying-a-task).\n"
    assert to_english(page, {}) is page
