"""Which language mkdocs-static-i18n is building: it runs every MkDocs event once per language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LanguageBuild:
    language: str
    default: str
    nested: bool
    """True inside the builds of the other languages, which the plugin runs from the default build's end."""

    @property
    def is_default(self) -> bool:
        return self.language == self.default


def language_build(config) -> LanguageBuild | None:
    """The language being built; None without the i18n plugin, or before its `on_config` chose one."""
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.current_language is None:
        return None
    return LanguageBuild(i18n.current_language, i18n.default_language, i18n.building)
