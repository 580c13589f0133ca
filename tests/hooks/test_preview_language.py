"""The one-language preview: only that translation and its English fallback are built, at the published URLs."""

from __future__ import annotations

import subprocess

import pytest

from tests import mkdocs_site
from tests.mkdocs_site import LANGUAGES, ROOT, page_file, page_sources, page_url


def test_previewing_portuguese_builds_it_at_its_usual_urls_and_skips_russian(tmp_path, monkeypatch):
    monkeypatch.setenv("PREVIEW_LANGUAGE", "pt")
    built = mkdocs_site.build(tmp_path / "site")
    assert built.error is None, built.text
    site = built.site
    assert not (site / "ru").exists()
    for source in page_sources("pt"):
        markup = page_file(site, source, "pt").read_text(encoding="utf-8")
        assert '<html lang="pt"' in markup, page_url(source, "pt")
        assert 'hreflang="ru"' not in markup
    assert (site / "pt" / "search" / "search_index.json").is_file()
    assert (site / "pt" / "404.html").is_file()
    assert "Previewing 'pt' only, at its usual URLs (/pt/)" in built.messages("INFO")


def test_an_unknown_preview_language_stops_the_build_and_names_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PREVIEW_LANGUAGE", "pt-br")
    built = mkdocs_site.build(tmp_path / "site")
    assert built.error is not None
    known = ", ".join(LANGUAGES)
    assert built.messages("ERROR") == [f"PREVIEW_LANGUAGE='pt-br' is not a language of mkdocs.yml (known: {known})"]


@pytest.mark.parametrize("args", [[], ["--dev-addr", "127.0.0.1:0"]])
def test_the_preview_script_needs_a_language_first(args):
    result = subprocess.run([str(ROOT / "scripts" / "preview.sh"), *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: ./scripts/preview.sh LANGUAGE")
