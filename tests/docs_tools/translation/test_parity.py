"""Parity: each kind of drift between a translation and its English page fails, with a message saying what to fix."""

from __future__ import annotations

import pytest

from tests.trees import make_tree

ENGLISH = """\
---
title: Tasks
hide:
  - toc
---

# Tasks

Work after the response, with [the responses](responses.md) and [the first section](#first-section). [[proof: tests/test_tasks.py::test_after]]

## First section

```python hl_lines="5-6" title="app.py"
{!> ../../../docs_src/app.py !}
```

```bash
# start the server
uvicorn app:app  # listens on port 8000
```

!!! note "Remember"
    Tasks run after the response. [[proof: tests/test_tasks.py::test_after]][[proof: tests/test_tasks.py::test_order]]

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

# Tarefas { #tasks }

Trabalho depois da resposta, com [as respostas](responses.md) e [a primeira seção](#first-section). [[proof: tests/test_tasks.py::test_after]]

## Primeira seção { #first-section }

```python hl_lines="5-6" title="app.py"
{!> ../../../docs_src/app.py !}
```

```bash
# sobe o servidor
uvicorn app:app  # escuta na porta 8000
```

!!! note "Lembre-se"
    As tarefas rodam depois da resposta. [[proof: tests/test_tasks.py::test_after]][[proof: tests/test_tasks.py::test_order]]

### Detalhes { #details }

```python
{!> ../../../docs_src/second.py !}
```

## Segunda seção { #second-section }

Veja <https://lilya.dev> e [os detalhes](#details).
"""

RUSSIAN = """\
---
title: Задачи
hide:
  - toc
---

# Задачи { #tasks }

Работа после ответа: [ответы](responses.md) и [первый раздел](#first-section). [[proof: tests/test_tasks.py::test_after]]

## Первый раздел {#first-section}

```python hl_lines="5-6" title="app.py"
{!> ../../../docs_src/app.py !}
```

```bash
# запуск сервера
uvicorn app:app
```

!!! note "Помните"
    Задачи выполняются после ответа. [[proof: tests/test_tasks.py::test_after]][[proof: tests/test_tasks.py::test_order]]

### Подробности { #details }

```python
{!> ../../../docs_src/second.py !}
```

## Второй раздел { #second-section }

См. <https://lilya.dev> и [подробности](#details).
"""

PAGE = "tasks.md"


@pytest.fixture
def tree(tmp_path):
    tree = make_tree(tmp_path)
    (tmp_path / "docs_src").mkdir()
    for example in ("app.py", "second.py"):
        (tmp_path / "docs_src" / example).write_text("".join(f"line_{n} = {n}\n" for n in range(1, 9)))
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


@pytest.mark.parametrize(
    ("language", "old", "new", "expected"),
    [
        pytest.param("ru", 'python hl_lines="5-6"', 'python hl_lines="3-4"', [
            "docs/ru/tasks.md:13: include '../../../docs_src/app.py' has hl_lines=\"3-4\", English has "
            'hl_lines="5-6" (docs/en/tasks.md:13); copy the English fence line'
        ], id="russian-hl-lines-differing-from-english-fail-with-the-fence-line-to-copy"),
        pytest.param("pt", 'title="app.py"', 'title="aplicacao.py"', [
            "docs/pt/tasks.md:13: include '../../../docs_src/app.py' has title=\"aplicacao.py\", English has "
            'title="app.py" (docs/en/tasks.md:13); copy the English fence line'
        ], id="a-fence-title-differing-from-english-fails"),
        pytest.param("pt", "```bash\n# sobe o servidor\nuvicorn app:app  # escuta na porta 8000\n```\n", "", [
            "docs/pt/tasks.md:11: code block missing in the section '## Primeira seção' (line 11): English has ```bash "
            "at docs/en/tasks.md:17 starting '# start the server'; copy it from English (comments may be translated)"
        ], id="a-portuguese-page-missing-a-code-block-fails"),
        pytest.param("pt", "### Detalhes", "## Detalhes", [
            "docs/pt/tasks.md:25: heading 'Detalhes' is level 2 (##), English heading 'Details' (docs/en/tasks.md:25) "
            "is level 3 (###); use the English level"
        ], id="a-heading-at-another-level-fails"),
        pytest.param("pt", "uvicorn app:app  # escuta", "uvicorn app:application  # escuta", [
            "docs/pt/tasks.md:17: code differs from English (docs/en/tasks.md:17) at its code line 1: English "
            "'uvicorn app:app', here 'uvicorn app:application'; only comments may be translated, copy the code "
            "from English"
        ], id="changed-code-fails-but-translated-comments-do-not"),
        pytest.param("pt", "### Detalhes { #details }\n", "### Detalhes { #details }\n\n```text\nsó aqui\n```\n", [
            "docs/pt/tasks.md:27: code block ```text starting 'só aqui' is not in the English page; remove it, or make "
            "it match the English block"
        ], id="an-extra-code-block-fails"),
        pytest.param("pt", "docs_src/second.py", "docs_src/other.py", [
            "docs/pt/tasks.md:28: include '../../../docs_src/other.py', English includes '../../../docs_src/second.py' "
            "here (docs/en/tasks.md:28); copy the English include line"
        ], id="a-different-include-fails"),
        pytest.param("pt", "```python\n{!> ../../../docs_src/second.py !}\n```\n", "", [
            "docs/pt/tasks.md:25: include '../../../docs_src/second.py' is missing in the section '### Detalhes' "
            "(line 25): English has it at docs/en/tasks.md:28 (```python); copy the fence and the include line "
            "from English"
        ], id="a-missing-include-fails"),
        pytest.param("pt", "(responses.md)", "(background.md)", [
            "docs/pt/tasks.md:7: link to 'responses.md' appears 0 time(s) here and 1 in English (docs/en/tasks.md "
            "lines 9); add the missing link in the section '# Tarefas' (line 7)",
            "docs/pt/tasks.md:9: link to 'background.md' appears 1 time(s) here (lines 9) and 0 in English; link to "
            "the same targets as English",
        ], id="a-link-to-another-target-fails"),
        pytest.param("pt", "(#first-section)", "(#primeira-seção)", [
            "docs/pt/tasks.md:9: anchor '#primeira-seção' is not an id in docs/pt/tasks.md (closest: #first-section, "
            "#second-section, #details); link to the id of the heading you mean, which is its English id in every "
            "language",
        ], id="a-link-to-a-translated-heading-id-fails"),
        pytest.param("pt", "## Segunda seção { #second-section }\n", "## Segunda seção\n", [
            "docs/pt/tasks.md:31: heading 'Segunda seção' has the id '#segunda-seção', English heading 'Second "
            "section' (docs/en/tasks.md:31) has '#second-section'; end the heading with { #second-section }, so "
            "that links to it are the same in every language"
        ], id="a-heading-without-the-english-id-fails"),
        pytest.param("pt", "hide:\n  - toc\n", "", [
            "docs/pt/tasks.md:1: front matter has no 'hide', English has it (docs/en/tasks.md:3); add it"
        ], id="a-front-matter-key-must-be-kept"),
        pytest.param("pt", "  - toc\n", "  - navigation\n", [
            "docs/pt/tasks.md:3: front matter 'hide' is ['navigation'], English has ['toc'] (docs/en/tasks.md:3); "
            "only title and description are translated, copy the value"
        ], id="an-untranslatable-front-matter-value-must-match"),
        pytest.param("pt", "title: Tarefas\n", "title: Tarefas\nicon: material/x\n", [
            "docs/pt/tasks.md:3: front matter 'icon' is not in the English page; remove it"
        ], id="a-front-matter-key-english-does-not-have-fails"),
        pytest.param("ru", '!!! note "Помните"', '!!! warning "Помните"', [
            "docs/ru/tasks.md:22: admonition '!!! warning', English has '!!! note' (docs/en/tasks.md:22); keep the "
            "English type, translate only its title"
        ], id="an-admonition-of-another-type-fails"),
        pytest.param("ru", '!!! note "Помните"\n    Задачи', "Задачи", [
            "docs/ru/tasks.md:11: admonition missing in the section '## Первый раздел' (line 11): English has "
            "'!!! note' at docs/en/tasks.md:22; add it"
        ], id="a-missing-admonition-fails"),
        pytest.param("pt", "{!> ../../../docs_src/second.py !}", "{!> ../../../docs_src/second.py", [
            "docs/pt/tasks.md:28: malformed include line; write it alone on its line as '{!> docs_src/PATH !}': "
            "'{!> ../../../docs_src/second.py'"
        ], id="a-malformed-include-line-is-reported"),
        pytest.param("pt", "## Segunda seção", "```text\n## Segunda seção", [
            "docs/pt/tasks.md:31: this code fence is never closed; add the closing fence"
        ], id="an-unclosed-code-fence-is-reported"),
    ],
)
def test_each_drift_fails_with_what_to_fix(tree, language, old, new, expected):
    assert drift(tree, language, old, new) == expected


def test_a_section_left_without_its_parent_heading_fails(tree):
    messages = drift(tree, "pt", "## Primeira seção { #first-section }\n", "")
    assert (
        "docs/pt/tasks.md:24: heading missing: English has '## First section' (level 2, docs/en/tasks.md:11) and "
        "this page has no counterpart; add its translation before line 24 ('### Detalhes')"
    ) in messages


def test_a_code_block_title_may_be_translated_but_not_its_language(tree):
    assert drift(tree, "pt", "```bash\n", '```bash title="Terminal"\n') == []
    messages = drift(tree, "pt", '```bash title="Terminal"\n', "```sh\n")
    assert messages == [
        "docs/pt/tasks.md:17: code block is fenced as 'sh', English as 'bash' (docs/en/tasks.md:17); "
        "copy the English block"
    ]


def test_comments_may_be_translated_in_a_block_fenced_with_attributes(tree):
    tree.write("en", "attributes.md", "# Tasks\n\n```{ .python }\n# start\nrun()\n```\n")
    tree.write("pt", "attributes.md", "# Tarefas { #tasks }\n\n```{ .python }\n# início\nrun()\n```\n")
    assert tree.messages("pt", "attributes.md") == []


def test_includes_in_another_order_fail(tree):
    text = tree.read("pt", PAGE)
    swapped = (text.replace("docs_src/app.py", "docs_src/TMP").replace("docs_src/second.py", "docs_src/app.py")
               .replace("docs_src/TMP", "docs_src/second.py"))
    tree.write("pt", PAGE, swapped)
    messages = tree.messages("pt", PAGE)
    assert any("is missing" in m and "out of the English order" in m for m in messages), messages
    assert any("English has it in another position" in m for m in messages), messages


def test_anchors_into_other_pages_resolve_in_the_translation_or_its_english_fallback(tree):
    tree.write("en", PAGE, ENGLISH.replace("(responses.md)", "(responses.md#classes)"))
    assert drift(tree, "pt", "(responses.md)", "(responses.md#classes)") == []
    tree.write("pt", "responses.md", "# Respostas\n\n## Classes de resposta\n")
    messages = tree.messages("pt", PAGE)
    assert messages == [
        "docs/pt/tasks.md:9: anchor '#classes' is the English heading 'Classes' (docs/en/responses.md:3), whose "
        "translation in docs/pt/responses.md lacks that id; end it there with { #classes }"
    ]


def test_an_english_page_must_not_carry_a_stamp(tree):
    tree.write("en", PAGE, ENGLISH.replace("title: Tasks\n", "title: Tasks\ntranslation_of: sha256:0123456789abcdef\n"))
    assert tree.messages("pt", PAGE) == [
        "docs/en/tasks.md:3: the English page must not have 'translation_of'; remove that line"
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


def test_a_broken_english_include_is_reported_on_the_english_page(tree):
    tree.write("en", PAGE, ENGLISH.replace("docs_src/second.py", "docs_src/gone.py"))
    messages = tree.messages("pt", PAGE)
    assert "docs/en/tasks.md:28: include '../../../docs_src/gone.py': file not found; fix the English page, whose " \
           "include lines every translation copies" in messages
    assert "docs/pt/tasks.md:28: include '../../../docs_src/second.py', English includes '../../../docs_src/gone.py' " \
           "here (docs/en/tasks.md:28), which is broken (file not found); once the English page is fixed, copy its " \
           "include line" in messages


def test_admonition_types_compare_as_python_markdown_renders_them(tree):
    assert drift(tree, "pt", '!!! note "Lembre-se"', '!!! Note "Lembre-se"') == []


def test_a_translated_admonition_type_is_told_to_keep_the_english_type(tree):
    """English has two admonitions; the translation drops the first and translates the second's type."""
    english = ENGLISH.replace("## Second section\n\n", '## Second section\n\n!!! tip "Tip"\n    Keep tasks short.\n\n')
    tree.write("en", PAGE, english)
    text = tree.read("pt", PAGE).replace('!!! note "Lembre-se"\n', "").replace(
        "## Segunda seção { #second-section }\n\n",
        '## Segunda seção { #second-section }\n\n!!! dica "Dica"\n    Tarefas curtas.\n\n')
    tree.write("pt", PAGE, text)
    messages = [m for m in tree.messages("pt", PAGE) if "admonition" in m]
    assert messages == [
        "docs/pt/tasks.md:11: admonition missing in the section '## Primeira seção' (line 11): English has "
        "'!!! note' at docs/en/tasks.md:22; add it",
        "docs/pt/tasks.md:32: admonition '!!! dica', English has '!!! tip' (docs/en/tasks.md:33); keep the English "
        "type, translate only its title",
    ]


def test_a_broken_anchor_names_at_most_three_ids_closest_first(tree):
    tree.write("en", PAGE, ENGLISH.replace("(responses.md)", "(responses.md#part-70)"))
    tree.write("en", "responses.md", "# Responses\n\n" + "".join(f"## Part {n}\n\n" for n in range(1, 30)))
    tree.write("pt", "responses.md", "# Respostas { #responses }\n\n" + "".join(
        f"## Parte {n} {{ #part-{n} }}\n\n" for n in range(1, 30)))
    assert drift(tree, "pt", "(responses.md)", "(responses.md#part-70)") == [
        "docs/pt/tasks.md:9: anchor '#part-70' is not an id in docs/pt/responses.md (closest: #part-7, #part-27, #part-20); link to the "
        "id of the heading you mean, which is its English id in every language"
    ]


AFTER = "[[proof: tests/test_tasks.py::test_after]]"
ORDER = "[[proof: tests/test_tasks.py::test_order]]"


def test_a_proof_left_out_of_a_section_is_named_with_the_english_line(tree):
    assert drift(tree, "pt", f"resposta. {AFTER}{ORDER}", f"resposta. {AFTER}") == [
        "docs/pt/tasks.md:11: proof missing in the section '## Primeira seção' (line 11): English has "
        f"{ORDER} at docs/en/tasks.md:23; copy the mark beside the same claim"
    ]


def test_a_proof_moved_to_another_section_is_missing_there_and_extra_here(tree):
    text = tree.read("pt", PAGE).replace(f"resposta. {AFTER}{ORDER}", f"resposta. {AFTER}")
    tree.write("pt", PAGE, text.replace("os detalhes](#details).", f"os detalhes](#details). {ORDER}"))
    assert tree.messages("pt", PAGE) == [
        "docs/pt/tasks.md:11: proof missing in the section '## Primeira seção' (line 11): English has "
        f"{ORDER} at docs/en/tasks.md:23; copy the mark beside the same claim",
        f"docs/pt/tasks.md:33: proof {ORDER}: this section of the English page does not name it; name the proofs "
        "the English section names",
    ]


def test_a_misspelt_proof_is_missing_and_extra_and_a_repeated_one_counts_twice(tree):
    misspelt = ORDER.replace("test_order", "test_ordre")
    assert drift(tree, "ru", f"ответа. {AFTER}{ORDER}", f"ответа. {AFTER}{AFTER}{misspelt}") == [
        "docs/ru/tasks.md:11: proof missing in the section '## Первый раздел' (line 11): English has "
        f"{ORDER} at docs/en/tasks.md:23; copy the mark beside the same claim",
        f"docs/ru/tasks.md:23: proof {AFTER}: this section of the English page does not name it; name the proofs "
        "the English section names",
        f"docs/ru/tasks.md:23: proof {misspelt}: this section of the English page does not name it; name the "
        "proofs the English section names",
    ]


def test_proof_marks_are_not_prose_for_the_glossary(tree):
    """A node id is a path in the suite, which a translation keeps as it is, whatever words it holds."""
    (tree.root / "translation_glossary.yml").write_text("pt:\n  file: {use: ficheiro, avoid: [arquivo]}\n")
    tree.write("en", "marks.md", "# Marks\n\nText [[proof: tests/arquivo/test_x.py::test_y]]\n")
    tree.write("pt", "marks.md", "# Marcas { #marks }\n\nTexto [[proof: tests/arquivo/test_x.py::test_y]]\n")
    assert tree.messages("pt", "marks.md") == []
    tree.write("pt", "marks.md", "# Marcas { #marks }\n\nTexto do arquivo [[proof: tests/arquivo/test_x.py::test_y]]\n")
    assert [message.split(": ", 1)[0] for message in tree.messages("pt", "marks.md")] == ["docs/pt/marks.md:3"]
