"""The include hook inside a real `mkdocs build` of a throw-away site: what renders, and what stops the build."""

from __future__ import annotations

import json
import os
import re
import subprocess
import uuid
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests import mkdocs_site

HOOK = mkdocs_site.ROOT / "hooks" / "includes.py"

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

    @property
    def secret_file(self) -> Path:
        return self.root / "secret.py"

    def build(self, page: str) -> tuple[subprocess.CompletedProcess[str], Path]:
        (self.root / "docs" / "index.md").write_text(page, encoding="utf-8")
        dest = self.root / "site"
        return mkdocs_site.build(dest, self.root / "mkdocs.yml"), dest


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    # The build loads the real hook; keep its bytecode out of the repository.
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
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


def include_errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The build's ERROR lines that name a page line, without the log prefix."""
    output = result.stdout + result.stderr
    return re.findall(r"^ERROR\s+-\s+(docs/\S+:\d+: .*)$", output, re.MULTILINE)


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
    result, dest = site.build('# Page\n\n```python hl_lines="2" title="app.py"\n{!> ../../../docs_src/pkg/app.py !}\n```\n')
    assert result.returncode == 0, result.stdout + result.stderr
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
    result, dest = site.build(page)
    assert result.returncode == 0, result.stdout + result.stderr
    codes = code_with_ancestry((dest / "index.html").read_text(encoding="utf-8"))
    note = [classes for classes, text in codes if text.rstrip("\n") == "def note():\n\n    return 'note'"]
    tab = [classes for classes, text in codes if text.rstrip("\n") == "def tab():\n\n    return 'tab'"]
    assert len(note) == 1 and {"admonition", "note"} <= note[0] and "tabbed-block" not in note[0], codes
    assert len(tab) == 1 and "tabbed-block" in tab[0] and "admonition" not in tab[0], codes


def bad_include(site: Site, case: str) -> str:
    """The path of one bad include, preparing docs_src/ for it."""
    if case == "non-utf8":
        (site.src / "latin1.py").write_bytes("# café\n".encode("latin-1"))
    if case == "symlinked file":
        os.symlink(site.secret_file, site.src / "leak.py")
    if case == "symlinked folder":
        os.symlink(site.root, site.src / "up")
    return {
        "missing": "../../../docs_src/missing.py",
        "directory": "../../../docs_src/pkg",
        "non-utf8": "docs_src/latin1.py",
        "absolute": str(site.secret_file),
        "file url": site.secret_file.as_uri(),
        "https url": "https://example.com/app.py",
        "dotdot after docs_src": "../../../docs_src/../secret.py",
        "dotdot inside docs_src": "docs_src/pkg/../../secret.py",
        "no docs_src": "../secret.py",
        "symlinked file": "docs_src/leak.py",
        "symlinked folder": "docs_src/up/secret.py",
    }[case]


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("missing", "file not found"),
        ("directory", "not a file"),
        ("non-utf8", "not UTF-8 text (byte 5)"),
        ("absolute", "absolute paths cannot be included; name a file under docs_src/"),
        ("file url", "URLs cannot be included; name a file under docs_src/"),
        ("https url", "URLs cannot be included; name a file under docs_src/"),
        ("dotdot after docs_src", "the path leaves docs_src/"),
        ("dotdot inside docs_src", "the path leaves docs_src/"),
        ("no docs_src", "the path must lead into docs_src/"),
        ("symlinked file", "the path leaves docs_src/"),
        ("symlinked folder", "the path leaves docs_src/"),
    ],
)
def test_bad_include_fails_the_build_and_leaks_nothing(site, case, reason):
    """A bad include must stop the build with one precise error, and no byte from outside docs_src/ may be published."""
    written = bad_include(site, case)
    result, dest = site.build(f"# Page\n\n```python\n{{!> {written} !}}\n```\n")
    message = f"docs/index.md:4: include '{written}': {reason}"
    output = result.stdout + result.stderr
    assert files_containing(dest, site.secret) == []
    assert site.secret not in output
    assert result.returncode != 0, output
    assert include_errors(result) == [message], output
    assert output.count(message) == 1, output


@pytest.mark.parametrize(
    "line",
    ["{!> docs_src/pkg/app.py", "{!> docs_src/pkg/app.py !", "{! docs_src/pkg/app.py !}", "see {!> docs_src/pkg/app.py !}"],
)
def test_malformed_include_line_fails_the_build(site, line):
    """An unterminated or misplaced `{!` must stop the build, not be published as text."""
    result, _ = site.build(f"# Page\n\n{line}\n")
    message = f"docs/index.md:3: include '{line}': {MALFORMED}"
    assert result.returncode != 0, result.stdout + result.stderr
    assert include_errors(result) == [message], result.stdout + result.stderr


def test_front_matter_does_not_shift_the_reported_line(site):
    """MkDocs strips front matter before the hook runs; the error must still name the line in the source file."""
    page = "---\ntitle: Front\ndescription: matter\n---\n\n# Page\n\n{!> docs_src/missing.py !}\n"
    result, _ = site.build(page)
    assert result.returncode != 0, result.stdout + result.stderr
    assert include_errors(result) == ["docs/index.md:8: include 'docs_src/missing.py': file not found"]
