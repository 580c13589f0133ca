"""The theme's templates compiled once per process: shared by environments with the same settings, compiled again
for a changed source or other settings."""

from __future__ import annotations

import jinja2
import pytest

from docs_tools.site.compiled_templates import CompiledTemplates
from tests.template_compiles import compiled_templates

TEMPLATE = "{% if shown %}\n  {{ words }}{% endif %}"


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    return compiled_templates(monkeypatch)


def environment(cache: CompiledTemplates, source: str = TEMPLATE, **settings) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader({"page.html": source}), bytecode_cache=cache, **settings)


def test_a_template_is_compiled_once_for_every_environment_with_the_same_settings(compiled):
    cache = CompiledTemplates()
    rendered = [environment(cache).get_template("page.html").render(shown=True, words="hi") for _ in range(3)]
    assert compiled == ["page.html"]
    assert rendered == ["\n  hi"] * 3


def test_a_changed_template_is_compiled_again(compiled):
    cache = CompiledTemplates()
    environment(cache).get_template("page.html")
    assert environment(cache, TEMPLATE + "!").get_template("page.html").render(shown=False) == "!"
    assert compiled == ["page.html", "page.html"]


def test_an_environment_with_other_settings_gets_code_compiled_for_its_own(compiled):
    """`trim_blocks` changes the code Jinja writes: the line break after the tag is dropped."""
    cache = CompiledTemplates()
    assert environment(cache).get_template("page.html").render(shown=True, words="hi") == "\n  hi"
    trimmed = environment(cache, trim_blocks=True).get_template("page.html")
    assert trimmed.render(shown=True, words="hi") == "  hi"
    assert compiled == ["page.html", "page.html"]
