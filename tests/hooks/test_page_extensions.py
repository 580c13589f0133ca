"""The page extensions inside a real build of a throw-away site, for what only a build shows: the line numbers
MkDocs leaves after taking front matter off, every bad line of every page of the build reported in one run, the
build stopped before any page is written, and a page's figures in that page's language. The extensions themselves
are tested string in, HTML out, in `tests/docs_tools/extensions/`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests import mkdocs_site
from tests.trees import copy_project

CONFIG = """\
site_name: Page extensions test
docs_dir: docs
hooks:
  - {hook}
markdown_extensions:
  - docs_tools.extensions.figures
  - docs_tools.extensions.includes
  - docs_tools.extensions.proofs
  - pymdownx.highlight
  - pymdownx.superfences
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    hook = json.dumps(str(mkdocs_site.ROOT / "hooks" / "page_extensions.py"))
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(hook=hook), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs_src").mkdir()
    (tmp_path / "timelines").mkdir()
    shutil.copy(mkdocs_site.ROOT / "figure_texts.yml", tmp_path)
    shutil.copy(mkdocs_site.ROOT / "translation_messages.yml", tmp_path)
    shutil.copy(mkdocs_site.ROOT / "timelines" / "as_group.json", tmp_path / "timelines")
    return tmp_path


def build(site: Path, page: str, **others: str) -> mkdocs_site.Built:
    (site / "docs" / "index.md").write_text(page, encoding="utf-8")
    for name, text in others.items():
        (site / "docs" / f"{name}.md").write_text(text, encoding="utf-8")
    return mkdocs_site.build(site / "site", site / "mkdocs.yml")


def page_errors(built: mkdocs_site.Built) -> list[str]:
    return sorted(message for message in built.messages("ERROR") if message.startswith("docs/"))


def test_a_timeline_block_becomes_its_figure_and_an_include_its_code(site):
    (site / "docs_src" / "app.py").write_text("GREETING = 'hello'\n", encoding="utf-8")
    built = build(site, "# Page\n\n```timeline\nas_group\n```\n\n```python\n{!> docs_src/app.py !}\n```\n")
    assert built.error is None, built.text
    html = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert '<figure class="timeline" id="timeline-as-group">' in html
    assert "GREETING = 'hello'" in mkdocs_site.text_of(html)
    assert "{!" not in html


def test_errors_name_the_lines_of_the_file_as_written_front_matter_and_figures_included(site):
    page = "---\ntitle: Front\n---\n\n# Page\n\n```timeline\nas_group\n```\n\n{!> docs_src/nothing.py !}\n"
    assert page_errors(build(site, page)) == ["docs/index.md:11: include 'docs_src/nothing.py': file not found"]


def test_a_mark_naming_no_test_stops_the_build_with_its_line_in_the_file_and_a_good_mark_is_drawn(site):
    (site / "tests").mkdir()
    (site / "tests" / "test_tasks.py").write_text("def test_runs_after():\n    pass\n", encoding="utf-8")
    good = "---\ntitle: Front\n---\n\n# Page\n\n```timeline\nas_group\n```\n\nA. [[proof: tests/test_tasks.py::test_runs_after]]\n"
    built = build(site, good)
    assert built.error is None, built.text
    html = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a aria-label="Proof 1" href="#proof-1"' in html and '<section aria-labelledby="proofs"' in html
    bad = good + "\nB. [[proof: tests/test_tasks.py::test_gone]]\n"
    assert page_errors(build(site, bad)) == [
        "docs/index.md:13: 'tests/test_tasks.py::test_gone': the file has no function test_gone"]


def test_every_bad_line_of_the_build_is_reported_and_no_page_is_written(site):
    built = build(site, "# Page\n\n```timeline\nmissing\n```\n\n{!> docs_src/gone.py !}\n",
                  other="# Other\n\n{!> docs_src/lost.py !}\n")
    assert built.error is not None
    assert "3 error(s) in pages; each is logged above with its page and line" in built.messages("ERROR")
    first, second, third = page_errors(built)
    assert first.startswith("docs/index.md:3: timeline 'missing': timelines/missing.json: cannot be read")
    assert (second, third) == ("docs/index.md:7: include 'docs_src/gone.py': file not found",
                               "docs/other.md:3: include 'docs_src/lost.py': file not found")
    assert not list((site / "site").rglob("*.html"))


def test_malformed_figure_words_stop_the_build_naming_the_file(site):
    (site / "figure_texts.yml").write_text("en: [\n", encoding="utf-8")
    built = build(site, "# Page\n")
    assert built.error is not None
    assert any(message.startswith("figure_texts.yml:") for message in built.messages("ERROR")), built.text


def test_in_the_multilingual_build_a_translated_pages_include_error_names_its_line_in_the_file(tmp_path):
    """The translated page has front matter, which MkDocs takes off before the extensions read the page."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "pt" / "responses.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "---"
    lines.insert(22, "{!> ../../../docs_src/nope.py !}")
    page.write_text("\n".join(lines), encoding="utf-8")
    built = mkdocs_site.build(tmp_path / "site", project / "mkdocs.yml")
    assert page_errors(built) == ["docs/pt/responses.md:23: include '../../../docs_src/nope.py': file not found"]
