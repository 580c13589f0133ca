"""The hook gives every build's template environment the process's compiled templates."""

from __future__ import annotations

from docs_tools.site import compiled_templates as compiled_templates_module
from tests import mkdocs_site
from tests.template_compiles import compiled_templates
from tests.trees import CONFIG, make_tree

LANGUAGE_STRINGS = {"partials/language.html", "partials/languages/en.html"}
"""What mkdocs-static-i18n compiles in each language's `on_config`, in an environment of its own (it reads the
theme's strings for the language), before any `on_env`."""


def test_a_second_build_in_the_process_compiles_none_of_the_templates_its_environments_render(tmp_path, monkeypatch):
    """Its three language builds included: only the first build compiles them (the process's cache starts empty
    here, whatever other tests of this process built before)."""
    monkeypatch.setattr(compiled_templates_module, "TEMPLATES", compiled_templates_module.CompiledTemplates())
    hook = mkdocs_site.ROOT / "hooks" / "compiled_templates.py"
    tree = make_tree(tmp_path / "project", CONFIG + f"hooks:\n  - {hook}\n")
    tree.write("en", "index.md", "# Home\n")
    tree.write("pt", "index.md", "# Início\n")
    tree.write("ru", "index.md", "# Главная\n")
    compiled = compiled_templates(monkeypatch)
    builds = []
    for number in (1, 2):
        built = mkdocs_site.build(tmp_path / f"site-{number}", tree.root / "mkdocs.yml")
        assert built.error is None, built.text
        builds.append(compiled[:])
        compiled.clear()
    assert set(builds[0]) - LANGUAGE_STRINGS
    assert set(builds[1]) <= LANGUAGE_STRINGS, builds[1]
    assert (tmp_path / "site-2" / "ru" / "index.html").read_text(encoding="utf-8") == (
        tmp_path / "site-1" / "ru" / "index.html").read_text(encoding="utf-8")
