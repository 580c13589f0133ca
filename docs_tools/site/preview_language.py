"""Build one translation only, at its usual URLs: `PREVIEW_LANGUAGE=pt ./scripts/serve.sh` (or `scripts/preview.sh pt`).

The i18n plugin's own `build_only_locale` serves the chosen language at `/`, which changes every URL and drops the
English fallback pages. Here the other translations are simply not built: the chosen language stays at `/pt/`, and
English is still built because it is the default language the i18n plugin starts from and the source of the
fallback pages. The language selector then lists only those two languages.
"""

from __future__ import annotations

import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

VARIABLE = "PREVIEW_LANGUAGE"

log = logging.getLogger("mkdocs.hooks.preview_language")


def only_the_wanted_language(config: MkDocsConfig) -> MkDocsConfig:
    """The configuration building only the language `PREVIEW_LANGUAGE` names, beside the default one; all of them
    when it is unset."""
    wanted = os.environ.get(VARIABLE, "").strip()
    i18n = config.plugins.get("i18n")
    if not wanted or i18n is None:
        return config
    languages = i18n.config.languages
    codes = [language.locale for language in languages]
    if wanted not in codes:
        raise PluginError(f"{VARIABLE}={wanted!r} is not a language of mkdocs.yml (known: {', '.join(codes)})")
    default = i18n.default_language
    for language in languages:
        language.build = language.locale in (wanted, default)
    if i18n.current_language is None:
        log.info(f"Previewing '{wanted}' only, at its usual URLs (/{'' if wanted == default else wanted + '/'})")
    return config
