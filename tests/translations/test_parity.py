"""Parity: each kind of drift between a translation and its English page fails, with a message saying what to fix."""

from __future__ import annotations

import pytest

from tests.translations.trees import make_tree

ENGLISH = """\
---
title: Tasks
hide:
  - toc
---

# Tasks

Work after the response, with [the responses](responses.md) and [the first section](#first-section).

## First section

```python hl_lines="5-6" title="app.py"
{!> ../../../docs_src/app.py !}
```

```bash
# start the server
uvicorn app:app  # listens on port 8000
```

!!! note "Remember"
    Tasks run after the response.

### Details

```python
{!> ../../../docs_src/second.py !}
```

## Second section

See <https://lilya.dev> and [the details](#details).
"""

PORTUGUESE = """\
---
title: Tarefas
hide:
  - toc
---

# Tarefas

Trabalho depois da resposta, com [as respostas](responses.md) e [a primeira seção](#primeira-seção).

## Primeira seção

```python hl_lines="5-6" title="app.py"
{!> ../../../docs_src/app.py !}
```

```bash
# sobe o servidor
uvicorn app:app  # escuta na porta 8000
```

!!! note "Lembre-se"
    As tarefas rodam depois da resposta.

### Detalhes

```python
{!> ../../../docs_src/second.py !}
```

## Segunda seção

Veja <https://lilya.dev> e [os detalhes](#detalhes).
"""

RUSSIAN = """\
---
title: Задачи
hide:
  - toc
---

# Задачи

Работа после ответа: [ответы](responses.md) и [первый раздел](#first-section).

## Первый раздел {#first-section}

```python hl_lines="5-6" title="app.py"
{!> ../../../docs_src/app.py !}
```

```bash
# запуск сервера
uvicorn app:app
```

!!! note "Помните"
    Задачи выполняются после ответа.

### Подробности

```python
{!> ../../../docs_src/second.py !}
```

## Второй раздел

См. <https://lilya.dev> и [подробности](#подробности).
"""

PAGE = "tasks.md"


@pytest.fixture
def tree(tmp_path):
    tree = make_tree(tmp_path)
    tree.write("en", PAGE, ENGLISH)
    tree.write("en", "responses.md", "# Responses\n\n## Classes\n")
    tree.write("pt", PAGE, PORTUGUESE)
    tree.write("ru", PAGE, RUSSIAN)
    return tree


def drift(tree, language: str, old: str, new: str) -> list[str]:
    """Parity messages after replacing `old` (which must be there) in the translated page."""
    text = tree.read(language, PAGE)
    assert old in text, old
    tree.write(language, PAGE, text.replace(old, new, 1))
    return tree.messages(language, PAGE)


def test_faithful_translations_pass(tree):
    """Translated prose, titles, comments and heading ids are what translators change: no difference."""
    assert tree.messages("pt", PAGE) == []
    assert tree.messages("ru", PAGE) == []


def test_russian_hl_lines_differing_from_english_fail_with_the_fence_line_to_copy(tree):
    messages = drift(tree, "ru", 'python hl_lines="5-6"', 'python hl_lines="3-4"')
    assert messages == [
        "docs/ru/tasks.md:13: include '../../../docs_src/app.py' has hl_lines=\"3-4\", English has "
        'hl_lines="5-6" (docs/en/tasks.md:13); copy the English fence line'
    ]


def test_a_fence_title_differing_from_english_fails(tree):
    messages = drift(tree, "pt", 'title="app.py"', 'title="aplicacao.py"')
    assert messages == [
        "docs/pt/tasks.md:13: include '../../../docs_src/app.py' has title=\"aplicacao.py\", English has "
        'title="app.py" (docs/en/tasks.md:13); copy the English fence line'
    ]


def test_a_portuguese_page_missing_a_code_block_fails(tree):
    messages = drift(tree, "pt", "```bash\n# sobe o servidor\nuvicorn app:app  # escuta na porta 8000\n```\n", "")
    assert messages == [
        "docs/pt/tasks.md:11: code block missing in the section '## Primeira seção' (line 11): English has ```bash "
        "at docs/en/tasks.md:17 starting '# start the server'; copy it from English (comments may be translated)"
    ]


def test_a_section_left_without_its_parent_heading_fails(tree):
    messages = drift(tree, "pt", "## Primeira seção\n", "")
    assert (
        "docs/pt/tasks.md:24: heading missing: English has '## First section' (level 2, docs/en/tasks.md:11) and "
        "this page has no counterpart; add its translation before line 24 ('### Detalhes')"
    ) in messages


def test_a_heading_at_another_level_fails(tree):
    messages = drift(tree, "pt", "### Detalhes", "## Detalhes")
    assert messages == [
        "docs/pt/tasks.md:25: heading 'Detalhes' is level 2 (##), English heading 'Details' (docs/en/tasks.md:25) "
        "is level 3 (###); use the English level"
    ]


def test_changed_code_fails_but_translated_comments_do_not(tree):
    messages = drift(tree, "pt", "uvicorn app:app  # escuta", "uvicorn app:application  # escuta")
    assert messages == [
        "docs/pt/tasks.md:17: code differs from English (docs/en/tasks.md:17) at its code line 1: English "
        "'uvicorn app:app', here 'uvicorn app:application'; only comments may be translated, copy the code "
        "from English"
    ]


def test_an_extra_code_block_fails(tree):
    messages = drift(tree, "pt", "### Detalhes\n", "### Detalhes\n\n```text\nsó aqui\n```\n")
    assert messages == [
        "docs/pt/tasks.md:27: code block ```text starting 'só aqui' is not in the English page; remove it, or make "
        "it match the English block"
    ]


def test_a_code_block_title_may_be_translated_but_not_its_language(tree):
    assert drift(tree, "pt", "```bash\n", '```bash title="Terminal"\n') == []
    messages = drift(tree, "pt", '```bash title="Terminal"\n', "```sh\n")
    assert messages == [
        "docs/pt/tasks.md:17: code block is fenced as 'sh', English as 'bash' (docs/en/tasks.md:17); "
        "copy the English block"
    ]


def test_a_different_include_fails(tree):
    messages = drift(tree, "pt", "docs_src/second.py", "docs_src/other.py")
    assert messages == [
        "docs/pt/tasks.md:28: include '../../../docs_src/other.py', English includes '../../../docs_src/second.py' "
        "here (docs/en/tasks.md:28); copy the English include line"
    ]


def test_includes_in_another_order_fail(tree):
    text = tree.read("pt", PAGE)
    swapped = (text.replace("docs_src/app.py", "docs_src/TMP").replace("docs_src/second.py", "docs_src/app.py")
               .replace("docs_src/TMP", "docs_src/second.py"))
    tree.write("pt", PAGE, swapped)
    messages = tree.messages("pt", PAGE)
    assert any("is missing" in m and "out of the English order" in m for m in messages), messages
    assert any("English has it in another position" in m for m in messages), messages


def test_a_missing_include_fails(tree):
    messages = drift(tree, "pt", "```python\n{!> ../../../docs_src/second.py !}\n```\n", "")
    assert messages == [
        "docs/pt/tasks.md:25: include '../../../docs_src/second.py' is missing in the section '### Detalhes' "
        "(line 25): English has it at docs/en/tasks.md:28 (```python); copy the fence and the include line "
        "from English"
    ]


def test_a_link_to_another_target_fails(tree):
    messages = drift(tree, "pt", "(responses.md)", "(background.md)")
    assert messages == [
        "docs/pt/tasks.md:7: link to 'responses.md' appears 0 time(s) here and 1 in English (docs/en/tasks.md lines "
        "9); add the missing link in the section '# Tarefas' (line 7)",
        "docs/pt/tasks.md:9: link to 'background.md' appears 1 time(s) here (lines 9) and 0 in English; link to the "
        "same targets as English",
    ]


def test_an_english_anchor_that_does_not_exist_in_the_translation_fails(tree):
    messages = drift(tree, "pt", "(#primeira-seção)", "(#first-section)")
    assert messages == [
        "docs/pt/tasks.md:9: anchor '#first-section' is not an id in docs/pt/tasks.md (its heading ids: #tarefas, "
        "#primeira-seção, #detalhes, #segunda-seção); link to the translated heading's id, or give that heading the "
        "explicit id {#first-section}"
    ]


def test_anchors_into_other_pages_resolve_in_the_translation_or_its_english_fallback(tree):
    tree.write("en", PAGE, ENGLISH.replace("(responses.md)", "(responses.md#classes)"))
    assert drift(tree, "pt", "(responses.md)", "(responses.md#classes)") == []
    tree.write("pt", "responses.md", "# Respostas\n\n## Classes de resposta\n")
    messages = tree.messages("pt", PAGE)
    assert messages == [
        "docs/pt/tasks.md:9: anchor '#classes' is not an id in docs/pt/responses.md (its heading ids: #respostas, "
        "#classes-de-resposta); link to the translated heading's id, or give that heading the explicit id {#classes}"
    ]


def test_front_matter_keys_and_untranslatable_values_must_match(tree):
    assert drift(tree, "pt", "hide:\n  - toc\n", "") == [
        "docs/pt/tasks.md:1: front matter has no 'hide', English has it (docs/en/tasks.md:3); add it"
    ]
    tree.write("pt", PAGE, PORTUGUESE)
    assert drift(tree, "pt", "  - toc\n", "  - navigation\n") == [
        "docs/pt/tasks.md:3: front matter 'hide' is ['navigation'], English has ['toc'] (docs/en/tasks.md:3); only "
        "title and description are translated, copy the value"
    ]
    tree.write("pt", PAGE, PORTUGUESE)
    assert drift(tree, "pt", "title: Tarefas\n", "title: Tarefas\nicon: material/x\n") == [
        "docs/pt/tasks.md:3: front matter 'icon' is not in the English page; remove it"
    ]


def test_an_english_page_must_not_carry_a_stamp(tree):
    tree.write("en", PAGE, ENGLISH.replace("title: Tasks\n", "title: Tasks\ntranslation_of: sha256:0123456789abcdef\n"))
    assert tree.messages("pt", PAGE) == [
        "docs/en/tasks.md:3: the English page must not have 'translation_of'; remove that line"
    ]


def test_an_admonition_of_another_type_fails(tree):
    messages = drift(tree, "ru", '!!! note "Помните"', '!!! warning "Помните"')
    assert messages == [
        "docs/ru/tasks.md:22: admonition '!!! warning', English has '!!! note' (docs/en/tasks.md:22); keep the "
        "English type, translate only its title"
    ]


def test_a_missing_admonition_fails(tree):
    messages = drift(tree, "ru", '!!! note "Помните"\n    Задачи выполняются после ответа.\n', "")
    assert messages == [
        "docs/ru/tasks.md:11: admonition missing in the section '## Первый раздел' (line 11): English has "
        "'!!! note' at docs/en/tasks.md:22; add it"
    ]


def test_malformed_front_matter_names_file_line_and_value(tree):
    messages = drift(tree, "pt", "title: Tarefas\n", "title: [Tarefas\n")
    assert len(messages) == 1
    assert messages[0].startswith("docs/pt/tasks.md:2: front matter is not valid YAML (")
    assert messages[0].endswith("'title: [Tarefas'")


def test_unclosed_front_matter_is_reported(tree):
    tree.write("pt", PAGE, "---\ntitle: Tarefas\n\n# Tarefas\n")
    assert tree.messages("pt", PAGE) == [
        "docs/pt/tasks.md:1: front matter opened with '---' is never closed; add a '---' line after it"
    ]


def test_a_malformed_include_line_is_reported(tree):
    messages = drift(tree, "pt", "{!> ../../../docs_src/second.py !}", "{!> ../../../docs_src/second.py")
    assert messages == [
        "docs/pt/tasks.md:28: malformed include line; write it alone on its line as '{!> docs_src/PATH !}': "
        "'{!> ../../../docs_src/second.py'"
    ]


def test_an_unclosed_code_fence_is_reported(tree):
    messages = drift(tree, "pt", "## Segunda seção", "```text\n## Segunda seção")
    assert messages == ["docs/pt/tasks.md:31: this code fence is never closed; add the closing fence"]
