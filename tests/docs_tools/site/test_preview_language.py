"""PREVIEW_LANGUAGE leaves the chosen language and the default one to build, and names the known languages when it
names none of them; the built preview is checked in tests/hooks/test_preview_language.py."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from docs_tools.site.preview_language import VARIABLE, only_the_wanted_language


def built(config) -> list[str]:
    return [language.locale for language in config.plugins["i18n"].config.languages if language.build]


def test_without_the_variable_every_language_is_built(config, monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)
    assert built(only_the_wanted_language(config)) == ["en", "pt", "pt-BR", "ru"]


@pytest.mark.parametrize(("wanted", "languages"), [("ru", ["en", "ru"]), (" pt-BR ", ["en", "pt-BR"]),
                                                   ("en", ["en"])])
def test_the_wanted_language_is_built_beside_the_default_one(config, monkeypatch, wanted, languages):
    monkeypatch.setenv(VARIABLE, wanted)
    assert built(only_the_wanted_language(config)) == languages


def test_an_unknown_language_is_named_with_the_known_ones(config, monkeypatch):
    monkeypatch.setenv(VARIABLE, "de")
    with pytest.raises(PluginError, match=r"PREVIEW_LANGUAGE='de' is not a language of mkdocs.yml "
                                          r"\(known: en, pt, pt-BR, ru\)"):
        only_the_wanted_language(config)
