"""The templates Jinja compiles while a test runs, by name: what the compiled-templates cache is to save."""

from __future__ import annotations

import jinja2
import pytest


def compiled_templates(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The list every later compile, in any environment, appends its template's name to."""
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names
