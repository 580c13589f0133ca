"""The include extension, string in and HTML out, with the extensions the site renders with: the included code
reaches highlighting, fences, admonitions and tabs intact, and every bad include line of a page is reported with
its page and line while nothing from outside docs_src/ is read. Every rule of the include lines is tested on
strings in `tests/docs_tools/markdown/test_includes.py`; a whole build in `tests/hooks/test_page_extensions.py`."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from docs_tools.extensions.page import ExtensionErrors
from tests import mkdocs_site

EXTENSIONS = ["docs_tools.extensions.includes", "admonition", "pymdownx.highlight", "pymdownx.superfences",
              "pymdownx.tabbed"]
APP = 'import os\n\nGREETING = "hello"\n\n\ndef greet():\n    return GREETING\n'
MALFORMED = "malformed include line; write it alone on its line as '{!> docs_src/PATH !}'"


@dataclass(frozen=True)
class Project:
    """A project folder: docs_src/, and a secret file next to it, outside docs_src/."""

    root: Path
    secret: str

    @property
    def src(self) -> Path:
        return self.root / "docs_src"

    def render(self, page: str, **settings) -> str:
        configs = {
            "docs_tools.extensions.includes": {"root": str(self.root), "page": "docs/index.md", **settings},
            "pymdownx.highlight": {"anchor_linenums": True, "line_spans": "__span"},
            "pymdownx.tabbed": {"alternate_style": True},
        }
        return markdown.markdown(page, extensions=EXTENSIONS, extension_configs=configs)

    def errors(self, page: str, **settings) -> list[str]:
        with pytest.raises(ExtensionErrors) as raised:
            self.render(page, **settings)
        return raised.value.messages


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "docs_src" / "pkg").mkdir(parents=True)
    (tmp_path / "docs_src" / "pkg" / "app.py").write_text(APP, encoding="utf-8")
    secret = f"SECRET-{uuid.uuid4().hex}"
    (tmp_path / "secret.py").write_text(f"TOKEN = {secret!r}\n", encoding="utf-8")
    return Project(tmp_path, secret)


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


def test_include_in_a_fence_renders_code_title_and_highlighted_line(project):
    """The extension's output reaches highlight/superfences intact: fence attributes still apply to the included
    code."""
    marker = f"INSIDE-{uuid.uuid4().hex}"
    (project.src / "pkg" / "app.py").write_text(APP + f"# {marker}\n", encoding="utf-8")
    markup = project.render('# Page\n\n```python hl_lines="2" title="app.py"\n{!> ../../../docs_src/pkg/app.py !}\n```\n')
    [block] = mkdocs_site.code_blocks(markup)
    assert "\n".join(text for text, _ in block) == (APP + f"# {marker}\n").rstrip("\n")
    assert [number for number, (_, hll) in enumerate(block, start=1) if hll] == [2]
    assert '<span class="filename">app.py</span>' in markup
    assert "{!" not in mkdocs_site.text_of(markup)


def test_indented_includes_render_inside_admonition_and_tab(project):
    """The include line's indentation must reach every included line, or the code falls out of its container."""
    (project.src / "note.py").write_text("def note():\n\n    return 'note'\n", encoding="utf-8")
    (project.src / "tab.py").write_text("def tab():\n\n    return 'tab'\n", encoding="utf-8")
    page = (
        "# Page\n\n"
        '!!! note "Remember"\n\n    ```python\n    {!> docs_src/note.py !}\n    ```\n\n'
        '=== "Tab"\n\n    ```python\n    {!> docs_src/tab.py !}\n    ```\n'
    )
    codes = code_with_ancestry(project.render(page))
    note = [classes for classes, text in codes if text.rstrip("\n") == "def note():\n\n    return 'note'"]
    tab = [classes for classes, text in codes if text.rstrip("\n") == "def tab():\n\n    return 'tab'"]
    assert len(note) == 1 and {"admonition", "note"} <= note[0] and "tabbed-block" not in note[0], codes
    assert len(tab) == 1 and "tabbed-block" in tab[0] and "admonition" not in tab[0], codes


def test_an_include_leaving_docs_src_is_an_error_and_nothing_of_the_file_is_read(project):
    """A symlinked folder inside docs_src/ pointing at the project: one precise error, and no byte of the file
    outside docs_src/ in the page or the message."""
    os.symlink(project.root, project.src / "up")
    page = "# Page\n\n```python\n{!> docs_src/up/secret.py !}\n```\n"
    assert project.errors(page) == ["docs/index.md:4: include 'docs_src/up/secret.py': the path leaves docs_src/"]
    collected: list[str] = []
    assert project.secret not in project.render(page, errors=collected.append)
    assert collected == ["docs/index.md:4: include 'docs_src/up/secret.py': the path leaves docs_src/"]


def test_a_malformed_include_line_is_an_error(project):
    """An unterminated `{!` is an error, not text to publish."""
    assert project.errors("# Page\n\n{!> docs_src/pkg/app.py !\n") == [
        f"docs/index.md:3: include '{{!> docs_src/pkg/app.py !': {MALFORMED}"]


def test_every_bad_include_of_a_page_is_reported_together(project):
    assert project.errors("# Page\n\n{!> docs_src/missing.py !}\n\n{!> docs_src/pkg !}\n") == [
        "docs/index.md:3: include 'docs_src/missing.py': file not found",
        "docs/index.md:5: include 'docs_src/pkg': not a file",
    ]


def test_the_line_numbers_count_from_the_line_the_text_starts_at(project):
    """A builder that takes front matter off gives the line the text starts at; errors name the file's lines."""
    assert project.errors("# Page\n\n{!> docs_src/missing.py !}\n", first_line=5) == [
        "docs/index.md:7: include 'docs_src/missing.py': file not found"]
