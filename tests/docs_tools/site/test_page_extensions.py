"""What the page extensions are told about each page MkDocs renders: its path from the project root, the line its
Markdown starts at once front matter is off, its language, and where errors go."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from docs_tools.site.page_extensions import FIGURES, INCLUDES, PROOFS, PageExtensions
from tests import mkdocs_site

SOURCE = "---\ntitle: T\n---\n\n# Page\n"


@pytest.fixture
def config(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: docs\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(SOURCE, encoding="utf-8")
    shutil.copy(mkdocs_site.ROOT / "figure_texts.yml", tmp_path)
    shutil.copy(mkdocs_site.ROOT / "translation_messages.yml", tmp_path)
    return load_config(str(tmp_path / "mkdocs.yml"))


def page_of(config) -> Page:
    file = File("index.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    return Page(None, file, config)


def test_each_extension_is_told_the_page_its_first_line_and_where_errors_go(config):
    extensions = PageExtensions(config)
    page = page_of(config)
    extensions.configure("# Page\n", page, config)
    includes = config.mdx_configs[INCLUDES]
    assert (includes["page"], includes["first_line"], includes["root"]) == ("docs/index.md", 5, str(extensions.root))
    includes["errors"]("docs/index.md:5: wrong")
    with pytest.raises(PluginError, match=r"^1 error\(s\) in pages"):
        extensions.stop_if_any()


def test_figures_are_drawn_in_the_pages_language(config):
    page = page_of(config)
    page.file.locale = "pt"
    PageExtensions(config).configure("# Page\n", page, config)
    assert config.mdx_configs[FIGURES]["language"] == "pt"


def test_malformed_figure_words_stop_the_build_before_any_page(config):
    (Path(config.config_file_path).parent / "figure_texts.yml").write_text("en: 1\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"^figure_texts\.yml: "):
        PageExtensions(config)


@pytest.mark.parametrize(("locale", "title", "reference"), [(None, "Proofs", "Proof {number}"),
                                                           ("ru", "Доказательства", "Доказательство {number}")])
def test_the_proofs_labels_are_the_pages_language_and_the_suite_is_shared_by_the_pages(config, locale, title,
                                                                                       reference):
    extensions = PageExtensions(config)
    page = page_of(config)
    page.file.locale = locale
    extensions.configure("# Page\n", page, config)
    first = config.mdx_configs[PROOFS]
    assert (first["labels"]["title"], first["labels"]["reference"]) == (title, reference)
    extensions.configure("# Page\n", page_of(config), config)
    assert config.mdx_configs[PROOFS]["suite"] is first["suite"]


def test_malformed_reader_texts_stop_the_build_before_any_page(config):
    (Path(config.config_file_path).parent / "translation_messages.yml").write_text("en: 1\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"^translation_messages\.yml: en: needs the keys"):
        PageExtensions(config)
