"""The glossary: read with every problem named by line, and variants found in prose only, whole words, any case."""

from __future__ import annotations

import pytest

from docs_tools.markdown.outline import outline
from docs_tools.translation.glossary import Glossary, GlossaryError, Term, load, prose_only

GLOSSARY = """\
pt:
  file:
    use: ficheiro
    avoid: [arquivo, arquivos]
  by default:
    use: por omissão
    avoid: [por padrão]
  run:
    use: executar
    avoid: [roda]
ru:
  handler:
    use: обработчик
    avoid: [хендлер]
"""


@pytest.fixture
def glossary(tmp_path) -> Glossary:
    path = tmp_path / "translation_glossary.yml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return load(path)


def found(glossary, language, page):
    prose = outline(page, "", lambda words: words).prose
    return [(v.line, v.found, v.term.english) for v in glossary.variants(language, prose)]


def test_terms_are_read_with_their_lines(glossary):
    assert glossary.terms["pt"][0] == Term("file", "ficheiro", ("arquivo", "arquivos"), 2)
    assert [term.english for term in glossary.terms["ru"]] == ["handler"]


def test_variants_are_found_as_whole_words_in_any_case_with_their_lines(glossary):
    page = "# Título\n\nO Arquivo abre.\nDois arquivos, por\npadrão. O rodapé roda.\n"
    assert found(glossary, "pt", page) == [
        (3, "Arquivo", "file"), (4, "arquivos", "file"), (4, "por padrão", "by default"), (5, "roda", "run")]


def test_cyrillic_words_are_whole_words_too(glossary):
    assert found(glossary, "ru", "Хендлер вызывает хендлеры.\n") == [(1, "Хендлер", "handler")]


def test_code_links_urls_ids_and_quotes_are_not_prose(glossary):
    page = (
        "---\ntitle: arquivo\n---\n\n# Sobre `arquivo` { #arquivo }\n\n```text\narquivo\n```\n\n"
        "[ver](arquivo.md) <span class=\"arquivo\"></span> https://example.com/arquivo\n"
        "Não escreva “arquivo” nem «arquivo» nem \"arquivo\".\n\n[arquivo]: https://example.com\n"
    )
    assert found(glossary, "pt", page) == []


def test_a_language_without_terms_finds_nothing(glossary):
    assert found(glossary, "de", "arquivo\n") == []


def test_prose_only_keeps_line_numbers():
    assert prose_only("a [b](c)\n“d”\n") == "a [b    \n   \n"


def test_the_message_names_the_term_the_word_to_use_and_the_glossary_line(glossary):
    (variant,) = glossary.variants("pt", "Um arquivo.\n")
    assert glossary.message(variant) == (
        "'arquivo' is not this translation's word for 'file': write 'ficheiro' (translation_glossary.yml:2)")


def test_a_term_kept_in_english_carries_its_reason(tmp_path):
    path = tmp_path / "translation_glossary.yml"
    path.write_text("pt:\n  handler:\n    use: handler\n    avoid: [manipulador]\n    why: Lilya's own name\n",
                    encoding="utf-8")
    (term,) = load(path).terms["pt"]
    assert (term.use, term.why) == ("handler", "Lilya's own name")


def test_no_glossary_file_is_an_empty_glossary(tmp_path):
    assert load(tmp_path / "translation_glossary.yml").terms == {}


def test_every_problem_is_reported_together_with_its_line(tmp_path):
    path = tmp_path / "translation_glossary.yml"
    path.write_text(
        "pt:\n"
        "  file:\n    avoid: [arquivo]\n"
        "  user:\n    use: utilizador\n"
        "  run:\n    use: executar\n    avoid: [rodar, executar, rodar]\n    see: also\n"
        "  handler:\n    use: handler\n    avoid: [manipulador]\n"
        "  task:\n    use: tarefa\n    avoid: [task]\n    why: a Portuguese word\n"
        "ru: [handler]\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError) as caught:
        load(path)
    assert str(caught.value).split("\n") == [
        "translation_glossary.yml:2: 'pt.file' needs 'use': the word to write",
        "translation_glossary.yml:4: 'pt.user' needs 'avoid': a list of the variants not to write",
        "translation_glossary.yml:6: 'pt.run' has unknown keys see; only 'use', 'avoid' and 'why'",
        "translation_glossary.yml:8: 'pt.run': 'executar' is both the word to use and a variant to avoid",
        "translation_glossary.yml:8: 'pt.run': 'rodar' is already avoided at line 8",
        "translation_glossary.yml:10: 'pt.handler' keeps the English term: say why, with 'why: ...'",
        "translation_glossary.yml:16: 'pt.task': 'why' is only for a term kept in English",
        "translation_glossary.yml:17: each language code maps English terms to {use: ..., avoid: [...]}",
    ]


def test_malformed_yaml_names_its_line(tmp_path):
    path = tmp_path / "translation_glossary.yml"
    path.write_text("pt:\n  file: [unclosed\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"^translation_glossary.yml:\d+: "):
        load(path)


def test_a_glossary_that_is_not_a_mapping_is_refused(tmp_path):
    path = tmp_path / "translation_glossary.yml"
    path.write_text("- pt\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="^translation_glossary.yml:1: must map language codes to their terms$"):
        load(path)
