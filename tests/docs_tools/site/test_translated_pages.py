"""The banners link only to pages the project has: the translators' guide is the page mkdocs.yml names under
`extra.translators_guide`; a project without one builds strictly, its banners without that link. (The banners and
marks themselves are proven on a built site in `tests/hooks/test_translated_pages.py`.)"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests import mkdocs_site
from tests.mkdocs_site import TRANSLATIONS, page_file, text_of
from tests.trees import copy_project

UNTRANSLATED = "responses.md"


def without_translations_of(project: Path, page: str) -> None:
    for language in TRANSLATIONS:
        (project / "docs" / language / page).unlink()


def test_a_project_without_a_translators_guide_builds_strictly_with_banners_that_link_nowhere_else(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"\n  translators_guide: [^\n]*\n", "\n", text)
    text = re.sub(r"  - Contributing:\n      - Translations: contributing/translations.md\n", "", text)
    config.write_text(text, encoding="utf-8")
    shutil.rmtree(project / "docs" / "en" / "contributing")
    for language in TRANSLATIONS:
        shutil.rmtree(project / "docs" / language / "contributing")
    without_translations_of(project, UNTRANSLATED)
    built = mkdocs_site.build(tmp_path / "site", config)
    assert built.error is None, built.text
    assert not built.messages("WARNING"), built.text
    for language in TRANSLATIONS:
        markup = page_file(built.site, UNTRANSLATED, language).read_text(encoding="utf-8")
        (banner,) = re.findall(r'<div class="admonition info translation-banner[^"]*"[^>]*>(.*?)</div>', markup,
                               re.DOTALL)
        assert "<a " not in banner and text_of(banner).strip(), banner


def test_a_translators_guide_that_is_not_a_page_stops_the_build_naming_the_setting(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("translators_guide: contributing/translations.md", "translators_guide: guide.md"),
                      encoding="utf-8")
    built = mkdocs_site.build(tmp_path / "site", config)
    assert built.error is not None
    assert ("mkdocs.yml: extra.translators_guide is 'guide.md', which is not a page of docs/en/; name the "
            "translators' guide's page, or remove the key to serve banners without a link") in built.messages("ERROR")
