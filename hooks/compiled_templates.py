"""Gives each build's template environment the templates this process has already compiled (see
`docs_tools.site.compiled_templates`)."""

from __future__ import annotations

from docs_tools.site.compiled_templates import cached


def on_env(env, config, files):
    return cached(env)
