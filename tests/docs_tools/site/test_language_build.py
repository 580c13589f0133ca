"""Which language the i18n plugin is building, as the hooks see it."""

from __future__ import annotations

from types import SimpleNamespace

from docs_tools.site.language_build import LanguageBuild, language_build


def config_with(i18n) -> SimpleNamespace:
    return SimpleNamespace(plugins={"i18n": i18n} if i18n is not None else {})


def test_the_current_language_and_whether_it_is_the_default():
    plugin = SimpleNamespace(current_language="pt", default_language="en", building=True)
    build = language_build(config_with(plugin))
    assert build == LanguageBuild("pt", "en", nested=True)
    assert not build.is_default


def test_no_language_without_the_plugin_or_before_it_chose_one():
    assert language_build(config_with(None)) is None
    assert language_build(config_with(SimpleNamespace(current_language=None, default_language="en",
                                                      building=False))) is None
