"""The include hook inside a real build of a throw-away site: what only a build shows (rendering after the
Markdown extensions, the line numbers MkDocs leaves after stripping front matter, a stopped build publishing
nothing). Every rule of the include lines is tested on strings in `tests/docs_tools/test_includes.py`."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests import mkdocs_site

HOOK = mkdocs_site.ROOT / "docs_tools" / "hooks" / "includes.py"

CONFIG = """\
site_name: Include test
docs_dir: docs
hooks:
  - {hook}
markdown_extensions:
  - admonition
  - pymdownx.highlight:
      anchor_linenums: true
      line_spans: __span
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""

APP = 'import os\n\nGREETING = "hello"\n\n\ndef greet():\n    return GREETING\n'
MALFORMED = "malformed include line; write it alone on its line as '{!> docs_src/PATH !}'"


@dataclass(frozen=True)
class Site:
    """A site folder: mkdocs.yml, docs/, docs_src/, and a secret file next to them, outside docs_src/."""

    root: Path
    secret: str

    @property
    def src(self) -> Path:
        return self.root / "docs_src"

    def build(self, page: str) -> tuple[mkdocs_site.Built, Path]:
        (self.root / "docs" / "index.md").write_text(page, encoding="utf-8")
        dest = self.root / "site"
        return mkdocs_site.build(dest, self.root / "mkdocs.yml"), dest


@pytest.fixture
def site(tmp_path: Path) -> Site:
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(hook=json.dumps(str(HOOK))), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs_src" / "pkg").mkdir(parents=True)
    (tmp_path / "docs_src" / "pkg" / "app.py").write_text(APP, encoding="utf-8")
    secret = f"SECRET-{uuid.uuid4().hex}"
    (tmp_path / "secret.py").write_text(f"TOKEN = {secret!r}\n", encoding="utf-8")
    return Site(tmp_path, secret)


def files_containing(folder: Path, needle: str) -> list[Path]:
    """Every file under folder holding needle; a folder the build never created holds nothing."""
    if not folder.exists():
        return []
    return [path for path in folder.rglob("*") if path.is_file() and needle.encode() in path.read_bytes()]


def include_errors(built: mkdocs_site.Built) -> list[str]:
    """The build's errors that name a page line."""
    return [message for message in built.messages("ERROR") if message.startswith("docs/")]


class _CodeAncestry(HTMLParser):
    """Text of every <code> element, with the classes of every element around it."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, set[str]]] = []
        self.codes: list[tuple[set[str], list[str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "code":
            self.codes.append((set().union(*(c for _, c in self.stack)), []))
        self.stack.append((tag, classes))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if any(open_tag == tag for open_tag, _ in self.stack):
            while self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if any(tag == "code" for tag, _ in self.stack):
            self.codes[-1][1].append(data)


def code_with_ancestry(markup: str) -> list[tuple[set[str], str]]:
    parser = _CodeAncestry()
    parser.feed(markup)
    parser.close()
    return [(classes, "".join(text)) for classes, text in parser.codes]


def test_include_in_a_fence_renders_code_title_and_highlighted_line(site):
    """The hook's output must reach highlight/superfences intact: fence attributes still apply to the included code."""
    marker = f"INSIDE-{uuid.uuid4().hex}"
    (site.src / "pkg" / "app.py").write_text(APP + f"# {marker}\n", encoding="utf-8")
    built, dest = site.build('# Page\n\n```python hl_lines="2" title="app.py"\n{!> ../../../docs_src/pkg/app.py !}\n```\n')
    assert built.error is None, built.text
    markup = (dest / "index.html").read_text(encoding="utf-8")
    [block] = mkdocs_site.code_blocks(markup)
    assert "\n".join(text for text, _ in block) == (APP + f"# {marker}\n").rstrip("\n")
    assert [number for number, (_, hll) in enumerate(block, start=1) if hll] == [2]
    assert '<span class="filename">app.py</span>' in markup
    assert "{!" not in mkdocs_site.text_of(markup)
    assert dest / "index.html" in files_containing(dest, marker)


def test_indented_includes_render_inside_admonition_and_tab(site):
    """The include line's indentation must reach every included line, or the code falls out of its container."""
    (site.src / "note.py").write_text("def note():\n\n    return 'note'\n", encoding="utf-8")
    (site.src / "tab.py").write_text("def tab():\n\n    return 'tab'\n", encoding="utf-8")
    page = (
        "# Page\n\n"
        '!!! note "Remember"\n\n    ```python\n    {!> docs_src/note.py !}\n    ```\n\n'
        '=== "Tab"\n\n    ```python\n    {!> docs_src/tab.py !}\n    ```\n'
    )
    built, dest = site.build(page)
    assert built.error is None, built.text
    codes = code_with_ancestry((dest / "index.html").read_text(encoding="utf-8"))
    note = [classes for classes, text in codes if text.rstrip("\n") == "def note():\n\n    return 'note'"]
    tab = [classes for classes, text in codes if text.rstrip("\n") == "def tab():\n\n    return 'tab'"]
    assert len(note) == 1 and {"admonition", "note"} <= note[0] and "tabbed-block" not in note[0], codes
    assert len(tab) == 1 and "tabbed-block" in tab[0] and "admonition" not in tab[0], codes


def test_an_include_leaving_docs_src_stops_the_build_and_publishes_nothing_of_it(site):
    """A symlinked folder inside docs_src/ pointing at the project: the build stops with one precise error, and no
    byte of the file outside docs_src/ reaches the site or the log."""
    os.symlink(site.root, site.src / "up")
    built, dest = site.build("# Page\n\n```python\n{!> docs_src/up/secret.py !}\n```\n")
    assert built.error is not None
    assert include_errors(built) == ["docs/index.md:4: include 'docs_src/up/secret.py': the path leaves docs_src/"]
    assert files_containing(dest, site.secret) == []
    assert site.secret not in built.text


def test_a_malformed_include_line_stops_the_build(site):
    """An unterminated `{!` must stop the build, not be published as text."""
    built, _ = site.build("# Page\n\n{!> docs_src/pkg/app.py !\n")
    assert built.error is not None
    assert include_errors(built) == [f"docs/index.md:3: include '{{!> docs_src/pkg/app.py !': {MALFORMED}"]


def test_every_bad_include_of_the_build_is_reported_and_no_page_is_written(site):
    """Three bad include lines on two pages: one build names all three, then stops before writing any page."""
    (site.root / "docs" / "other.md").write_text("# Other\n\n{!> docs_src/gone.py !}\n", encoding="utf-8")
    built, dest = site.build("# Page\n\n{!> docs_src/missing.py !}\n\n{!> docs_src/pkg !}\n")
    assert built.error is not None
    assert "3 include line(s) cannot be honoured; each is logged above with its page and line" in built.messages("ERROR")
    assert sorted(include_errors(built)) == [
        "docs/index.md:3: include 'docs_src/missing.py': file not found",
        "docs/index.md:5: include 'docs_src/pkg': not a file",
        "docs/other.md:3: include 'docs_src/gone.py': file not found",
    ]
    assert files_containing(dest, "<html") == []


def test_front_matter_does_not_shift_the_reported_line(site):
    """MkDocs strips front matter before the hook runs; the error must still name the line in the source file."""
    page = "---\ntitle: Front\ndescription: matter\n---\n\n# Page\n\n{!> docs_src/missing.py !}\n"
    built, _ = site.build(page)
    assert built.error is not None
    assert include_errors(built) == ["docs/index.md:8: include 'docs_src/missing.py': file not found"]
