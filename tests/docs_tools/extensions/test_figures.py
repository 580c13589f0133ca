"""The figure extension, string in and HTML out: a block becomes its figure in the page's language, the rest of the
page is untouched, and every block that cannot be drawn is reported with its page and line. The block rules are
tested in `tests/docs_tools/figures/test_blocks.py`."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest

from docs_tools.extensions.page import ExtensionErrors
from tests import mkdocs_site

NAME = "docs_tools.extensions.figures"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "timelines").mkdir()
    shutil.copy(mkdocs_site.ROOT / "figure_texts.yml", tmp_path)
    shutil.copy(mkdocs_site.ROOT / "timelines" / "as_group.json", tmp_path / "timelines")
    return tmp_path


def render(root: Path, page: str, **settings) -> str:
    configs = {NAME: {"root": str(root), "page": "docs/index.md", **settings}}
    return markdown.markdown(page, extensions=[NAME, "pymdownx.superfences"], extension_configs=configs)


def test_a_timeline_block_becomes_its_figure_and_the_rest_of_the_page_stays(root):
    html = render(root, "# Page\n\nBefore.\n\n```timeline\nas_group\n```\n\nAfter.\n")
    assert html.startswith("<h1>Page</h1>\n<p>Before.</p>\n<figure class=\"timeline\" id=\"timeline-as-group\">")
    assert "Task notify (3)" in html
    assert html.endswith("</figure>\n\n<p>After.</p>")


def test_the_figure_is_drawn_in_the_language_given(root):
    assert "Tarefa notify (3)" in render(root, "```timeline\nas_group\n```\n", language="pt")


def test_a_figure_fence_shown_inside_another_code_block_stays_text(root):
    html = render(root, "````markdown\n```timeline\nas_group\n```\n````\n")
    assert "<figure" not in html and "as_group" in html


def test_every_block_that_cannot_be_drawn_is_reported_with_its_line(root):
    with pytest.raises(ExtensionErrors) as raised:
        render(root, "# Page\n\n```timeline\nmissing\n```\n\n```performance\nbuild_cost\n```\n", first_line=3)
    first, second = raised.value.messages
    assert first.startswith("docs/index.md:5: timeline 'missing': timelines/missing.json: cannot be read")
    assert second.startswith("docs/index.md:9: performance 'build_cost': benchmarks/results/results.json: "
                             "cannot be read")


def test_a_drawing_given_by_the_builder_is_used(root):
    html = render(root, "```performance\nanything\n```\n", draw=lambda kind, name: f'<p class="{kind}">{name}</p>')
    assert html == '<p class="performance">anything</p>'
