"""The figures hook inside a real build of a throw-away site: a timeline block becomes its figure, include errors
after it keep their line numbers, and a block that cannot be drawn stops the build with its page and line. The
block rules themselves are tested on strings in `tests/docs_tools/test_figure_blocks.py`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests import mkdocs_site

HOOKS = mkdocs_site.ROOT / "docs_tools" / "hooks"

CONFIG = """\
site_name: Figures test
docs_dir: docs
hooks:
  - {figures}
  - {includes}
markdown_extensions:
  - pymdownx.highlight
  - pymdownx.superfences
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    hooks = {name: json.dumps(str(HOOKS / f"{name}.py")) for name in ("figures", "includes")}
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(**hooks), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs_src").mkdir()
    (tmp_path / "timelines").mkdir()
    shutil.copy(mkdocs_site.ROOT / "figure_texts.yml", tmp_path)
    shutil.copy(mkdocs_site.ROOT / "timelines" / "as_group.json", tmp_path / "timelines")
    return tmp_path


def build(site: Path, page: str) -> mkdocs_site.Built:
    (site / "docs" / "index.md").write_text(page, encoding="utf-8")
    return mkdocs_site.build(site / "site", site / "mkdocs.yml")


def test_a_timeline_block_becomes_its_figure(site):
    built = build(site, "# Page\n\nBefore.\n\n```timeline\nas_group\n```\n\nAfter.\n")
    assert built.error is None, built.text
    html = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert '<figure class="timeline" id="timeline-as-group">' in html
    assert "Task notify (3)" in html
    assert "<p>After.</p>" in html


def test_include_errors_after_a_figure_keep_the_line_of_the_page_as_written(site):
    built = build(site, "# Page\n\n```timeline\nas_group\n```\n\n```python\n{!> docs_src/nothing.py !}\n```\n")
    assert "docs/index.md:8: include 'docs_src/nothing.py': file not found" in built.messages("ERROR")


def test_every_block_that_cannot_be_drawn_stops_the_build_with_its_line(site):
    built = build(site, "# Page\n\n```timeline\nmissing\n```\n\n```performance\nbuild_cost\n```\n")
    assert built.error is not None
    errors = built.messages("ERROR")
    assert errors[0].startswith("docs/index.md:3: timeline 'missing': timelines/missing.json: cannot be read")
    assert errors[1].startswith("docs/index.md:7: performance 'build_cost': benchmarks/results/results.json: "
                                "cannot be read")
    assert not (site / "site" / "index.html").exists()
