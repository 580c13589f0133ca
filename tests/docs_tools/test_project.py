"""The project as MkDocs reads mkdocs.yml: languages, folders, heading ids, and every bad file named."""

from __future__ import annotations

import pytest

from docs_tools.project import ProjectError, find_root, load, read_config, shown
from tests.trees import CONFIG, make_tree


def test_languages_folders_and_heading_ids_come_from_the_configuration(tmp_path):
    project = make_tree(tmp_path / "site").project()
    assert project.default_language == "en"
    assert [(language.code, language.name) for language in project.translations] == [("pt", "Português"),
                                                                                       ("ru", "Русский")]
    assert project.docs_dir == tmp_path / "site" / "docs"
    assert project.heading_id("Что делать дальше") == "что-делать-дальше"  # the site's Unicode slugify


def test_pages_are_listed_per_language(tmp_path):
    tree = make_tree(tmp_path / "site")
    tree.write("en", "index.md", "# Home\n")
    tree.write("en", "reference/background.md", "# Background\n")
    assert tree.project().pages("en") == ["index.md", "reference/background.md"]
    assert tree.project().pages("de") == []


def test_everything_mkdocs_says_about_a_bad_file_is_reported_with_its_line(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Tree\nnav: 3\ncolour: blue\n", encoding="utf-8")
    with pytest.raises(ProjectError) as caught:
        read_config(tmp_path / "mkdocs.yml")
    assert sorted(str(caught.value).split("\n")) == [
        f"{tmp_path}/mkdocs.yml:2: Config value 'nav': Expected nav to be a list, got a int: 3 (the line is 'nav: 3')",
        f"{tmp_path}/mkdocs.yml:3: Config value 'colour': Unrecognised configuration name: colour (the line is "
        "'colour: blue')",
    ]


def test_a_site_without_the_i18n_plugin_is_refused(tmp_path):
    make_tree(tmp_path, CONFIG.split("plugins:")[0] + "plugins:\n  - search\n")
    with pytest.raises(ProjectError, match=r"^mkdocs.yml: no 'i18n' entry under 'plugins:'$"):
        load(tmp_path)


def test_the_root_is_the_nearest_folder_with_mkdocs_yml(tmp_path):
    make_tree(tmp_path / "site")
    (tmp_path / "site" / "docs" / "pt").mkdir(parents=True)
    assert find_root(tmp_path / "site" / "docs" / "pt") == tmp_path / "site"


def test_paths_are_shown_from_the_root_or_as_they_are_outside_it(tmp_path):
    assert shown(tmp_path / "docs" / "pt" / "index.md", tmp_path) == "docs/pt/index.md"
    assert shown(tmp_path.parent / "elsewhere.md", tmp_path) == (tmp_path.parent / "elsewhere.md").as_posix()


def test_two_reads_of_mkdocs_yml_give_equal_heading_ids_and_other_settings_unequal_ones(tmp_path):
    """Equal heading ids are what lets a page's outline be shared by every build of one process (each read of
    mkdocs.yml makes a new slugify function)."""
    tree = make_tree(tmp_path / "site")
    first, second = tree.project().heading_id, tree.project().heading_id
    assert first.slugify is not second.slugify
    assert first == second and hash(first) == hash(second)
    (tree.root / "mkdocs.yml").write_text(CONFIG.replace("case: lower", "case: fold"), encoding="utf-8")
    assert tree.project().heading_id != first
