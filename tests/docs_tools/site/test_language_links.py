"""The root 404 page's router script."""

from __future__ import annotations

from docs_tools.site.language_links import not_found_router


def test_the_router_knows_the_base_and_tries_longer_codes_first():
    script = not_found_router("/docs/", ["pt", "ru", "pt-BR"])
    assert script.startswith("<script>") and script.endswith("</script>")
    assert 'var base = "/docs/", languages = ["pt-BR", "pt", "ru"];' in script
    assert "fetch(base + language + '/404.html')" in script
