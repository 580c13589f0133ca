"""What the build-cost benchmark relies on: the generated site holds the same includes in both syntaxes, both render
the same code, a missing file or a failing build stops it, and a build's output is really checked."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from pymdownx.snippets import SnippetMissingError

from benchmarks import build_cost
from docs_tools.markdown.includes import expand, find_includes
from docs_tools.project import read_config, root_of
from tests.mkdocs_site import LANGUAGES, language_root, text_of

SNIPPET_LINE = re.compile(r'^--8<-- "(?P<path>[^"]+)"$', re.M)


def markdown_of(site: build_cost.IncludeSite, variant: str) -> markdown.Markdown:
    """A Markdown converter with the extensions the variant's generated mkdocs configuration lists."""
    extensions, configs = [], {}
    for entry in yaml.safe_load(site.config(variant).read_text(encoding="utf-8"))["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        extensions.append(name)
        configs[name] = options
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def page_text(site: build_cost.IncludeSite, variant: str, name: str) -> str:
    return (site.folder / "pages" / variant / name).read_text(encoding="utf-8")


def test_the_generated_site_has_1000_includes_of_the_same_files_in_both_syntaxes(tmp_path: Path) -> None:
    site = build_cost.generate_include_site(tmp_path, build_cost.PAGES)
    assert len(site.pages) == 100 and site.includes == 1000
    for name, paths in site.pages.items():
        extension_page, snippets_page = page_text(site, "extension", name), page_text(site, "snippets", name)
        assert [item.written for item in find_includes(extension_page, name)] == [f"../../../{path}" for path in paths]
        assert SNIPPET_LINE.findall(snippets_page) == paths
        assert len(set(paths)) == build_cost.INCLUDES_PER_PAGE
        baseline = page_text(site, "baseline", name)
        assert "{!" not in baseline and "--8<--" not in baseline
        assert re.sub(r"(?m)^\{!>.*\n", "", extension_page) == baseline
        assert re.sub(r'(?m)^--8<-- ".*"\n', "", snippets_page) == baseline
    included = {path for paths in site.pages.values() for path in paths}
    assert included == set(build_cost.source_files(site.folder / "docs_src"))


def test_both_syntaxes_render_the_same_included_code(tmp_path: Path) -> None:
    site = build_cost.generate_include_site(tmp_path, 3)
    for name, paths in site.pages.items():
        expanded = expand(page_text(site, "extension", name), site.folder, name)
        extension_html = markdown_of(site, "extension").convert(expanded)
        snippets_html = markdown_of(site, "snippets").convert(page_text(site, "snippets", name))
        assert extension_html == snippets_html
        for path in paths:
            assert build_cost.included_text(site.folder, path) in text_of(extension_html)


def test_a_missing_file_fails_the_snippets_variant(tmp_path: Path) -> None:
    site = build_cost.generate_include_site(tmp_path, 1)
    with pytest.raises(SnippetMissingError, match="missing.py"):
        markdown_of(site, "snippets").convert('```python\n--8<-- "docs_src/missing.py"\n```\n')


def test_the_extension_variant_takes_the_generated_folder_as_the_project_root(tmp_path: Path) -> None:
    site = build_cost.generate_include_site(tmp_path, 1)
    config = read_config(site.config("extension"))
    assert root_of(config) == tmp_path.resolve()
    assert config.mdx_configs[build_cost.INCLUDE_EXTENSION]["root"] == str(tmp_path)
    assert (root_of(config) / "docs_src").is_dir()
    assert "pymdownx.snippets" not in config.markdown_extensions
    assert "pymdownx.snippets" in read_config(site.config("snippets")).markdown_extensions


def test_a_build_of_the_extension_variant_holds_every_included_file(tmp_path: Path) -> None:
    site = build_cost.generate_include_site(tmp_path / "generated", 2)
    build = build_cost.Build("extension", site.config("extension"), build_cost.build_environment(),
                             lambda output: build_cost.check_includes(site, "extension", output))
    assert build_cost.timed_build(build, tmp_path / "site") > 0
    assert (tmp_path / "site" / "page-001" / "index.html").is_file()


def test_a_page_missing_an_include_or_a_baseline_holding_one_fails_the_check(tmp_path: Path) -> None:
    site = build_cost.generate_include_site(tmp_path / "generated", 1)
    (name, paths), = site.pages.items()
    page = tmp_path / "site" / name.removesuffix(".md") / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("".join(f"<pre>{build_cost.included_text(site.folder, path)}</pre>" for path in paths[1:]))
    with pytest.raises(build_cost.BuildFailed, match="page-001.md holds"):
        build_cost.check_includes(site, "extension", tmp_path / "site")
    with pytest.raises(build_cost.BuildFailed, match="page-001.md holds"):
        build_cost.check_includes(site, "baseline", tmp_path / "site")


def test_a_failing_strict_build_stops_with_its_exit_code_and_output(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[gone](gone.md)\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Broken\ntheme:\n  name: mkdocs\nplugins: []\n")
    build = build_cost.Build("broken", tmp_path / "mkdocs.yml", build_cost.build_environment(), lambda output: None)
    with pytest.raises(build_cost.BuildFailed, match=r"(?s)broken: .* exited with 1:.*gone\.md"):
        build_cost.timed_build(build, tmp_path / "site")


def test_the_languages_built_are_checked(tmp_path: Path) -> None:
    default, translation, *_ = LANGUAGES
    for code in (default, translation):
        (tmp_path / language_root(code)).mkdir(parents=True, exist_ok=True)
        (tmp_path / language_root(code) / "index.html").write_text("<html></html>")
    build_cost.languages_built(tmp_path, (default, translation))
    with pytest.raises(build_cost.BuildFailed, match="languages built"):
        build_cost.languages_built(tmp_path, LANGUAGES)


def test_each_page_includes_distinct_files_and_the_pages_include_every_file() -> None:
    files = [f"docs_src/{number}.py" for number in range(26)]
    pages = [build_cost.page_includes(page, files) for page in range(1, 11)]
    assert all(len(set(paths)) == build_cost.INCLUDES_PER_PAGE for paths in pages)
    assert {path for paths in pages for path in paths} == set(files)


def test_pages_that_differ_between_two_builds_are_named(tmp_path: Path) -> None:
    for build, text in (("first", "<p>same</p>"), ("second", "<p>same</p>"), ("third", "<p>other</p>")):
        (tmp_path / build / "page-001").mkdir(parents=True)
        (tmp_path / build / "page-001" / "index.html").write_text(text)
    build_cost.same_pages(tmp_path / "first", tmp_path / "second", ["page-001.md"])
    with pytest.raises(build_cost.BuildFailed, match="page-001/index.html: the HTML differs"):
        build_cost.same_pages(tmp_path / "first", tmp_path / "third", ["page-001.md"])
