"""Build one translation only, at its usual URLs (see `docs_tools.site.preview_language`).

Runs before the i18n plugin's `on_config` (priority -100), which reads the `build` flags.
"""

from __future__ import annotations

from docs_tools.site.preview_language import only_the_wanted_language


def on_config(config):
    return only_the_wanted_language(config)
