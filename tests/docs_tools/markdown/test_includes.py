"""Include lines: every rule of `{!> PATH !}` and every bad input with its exact error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docs_tools.markdown.includes import IncludeErrors, body_first_line, expand

PAGE = "docs/en/page.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "docs_src" / "pkg").mkdir(parents=True)
    (tmp_path / "docs_src" / "pkg" / "app.py").write_text("def f():\n    return 1\n\nx = f()\n")
    (tmp_path / "secret.txt").write_text("TOP-SECRET\n")
    return tmp_path


def error_of(markdown: str, root: Path, first_line: int = 1) -> str:
    """The error of a page that must not build; it never carries the text of a file outside docs_src/."""
    with pytest.raises(IncludeErrors) as caught:
        expand(markdown, root, PAGE, first_line)
    assert "TOP-SECRET" not in str(caught.value)
    return str(caught.value)


def test_upstream_relative_path_is_resolved_from_docs_src(root):
    page = "```python\n{!> ../../../docs_src/pkg/app.py !}\n```\n"
    assert expand(page, root, PAGE) == "```python\ndef f():\n    return 1\n\nx = f()\n```\n"


def test_path_starting_at_docs_src_is_resolved_too(root):
    assert expand("{!> docs_src/pkg/app.py !}", root, PAGE).startswith("def f():\n")


def test_lines_without_includes_are_untouched(root):
    page = "# Title\n\nText with `code` and {braces}.\n"
    assert expand(page, root, PAGE) is page


def test_indentation_of_the_include_line_is_applied_to_every_line(root):
    page = '!!! note\n    ```python hl_lines="2"\n    {!> ../docs_src/pkg/app.py !}\n    ```\n'
    assert expand(page, root, PAGE) == (
        '!!! note\n    ```python hl_lines="2"\n'
        "    def f():\n        return 1\n\n    x = f()\n"
        "    ```\n"
    )


def test_tab_indentation_is_kept_as_written(root):
    assert expand("\t{!> docs_src/pkg/app.py !}", root, PAGE).split("\n")[1] == "\t    return 1"


def test_fence_attributes_stay_on_the_fence_line(root):
    fence = '```python hl_lines="1 4" title="app.py" linenums="1"'
    out = expand(f"{fence}\n{{!> docs_src/pkg/app.py !}}\n```", root, PAGE)
    assert out.split("\n")[0] == fence
    assert out.split("\n")[1] == "def f():"


def test_several_includes_on_one_page(root):
    (root / "docs_src" / "two.py").write_text("TWO = 2\n")
    out = expand("{!> docs_src/pkg/app.py !}\nmiddle\n{!> docs_src/two.py !}", root, PAGE)
    assert out.endswith("x = f()\nmiddle\nTWO = 2")


def test_symlink_inside_docs_src_to_a_file_inside_is_allowed(root):
    os.symlink(root / "docs_src" / "pkg" / "app.py", root / "docs_src" / "alias.py")
    assert expand("{!> docs_src/alias.py !}", root, PAGE).startswith("def f():")


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("/etc/passwd", "absolute paths cannot be included; name a file under docs_src/"),
        ("https://example.com/app.py", "URLs cannot be included; name a file under docs_src/"),
        ("file:///etc/passwd", "URLs cannot be included; name a file under docs_src/"),
        ("//host/share/app.py", "URLs cannot be included; name a file under docs_src/"),
        ("../../../docs_src/../secret.txt", "the path leaves docs_src/"),
        ("docs_src/pkg/../../secret.txt", "the path leaves docs_src/"),
        ("../secret.txt", "the path must lead into docs_src/"),
        ("docs/docs_src/pkg/app.py", "only '../' may come before docs_src/ in the path"),
        ("../../../docs_src/pkg/missing.py", "file not found"),
        ("../../../docs_src/pkg", "not a file"),
    ],
)
def test_bad_paths_fail_with_page_line_and_path(root, written, reason):
    page = f"# Title\n\n```python\n{{!> {written} !}}\n```\n"
    assert error_of(page, root) == f"{PAGE}:4: include '{written}': {reason}"


def test_symlink_pointing_outside_docs_src_fails(root):
    os.symlink(root / "secret.txt", root / "docs_src" / "leak.py")
    assert error_of("{!> docs_src/leak.py !}", root) == (
        f"{PAGE}:1: include 'docs_src/leak.py': the path leaves docs_src/"
    )


def test_symlinked_folder_pointing_outside_docs_src_fails(root):
    os.symlink(root, root / "docs_src" / "up")
    assert error_of("{!> docs_src/up/secret.txt !}", root) == (
        f"{PAGE}:1: include 'docs_src/up/secret.txt': the path leaves docs_src/"
    )


def test_non_utf8_file_fails(root):
    (root / "docs_src" / "latin1.py").write_bytes("# café\n".encode("latin-1"))
    assert error_of("x\n{!> docs_src/latin1.py !}", root) == (
        f"{PAGE}:2: include 'docs_src/latin1.py': not UTF-8 text (byte 5)"
    )


@pytest.mark.parametrize(
    "line",
    [
        "{!> docs_src/pkg/app.py",
        "{!> docs_src/pkg/app.py !",
        "{! docs_src/pkg/app.py !}",
        "see {!> docs_src/pkg/app.py !}",
        "{!> docs_src/pkg/app.py !} trailing",
        "{!>  !}",
    ],
)
def test_malformed_include_lines_fail(root, line):
    assert error_of(f"a\nb\n{line}\n", root) == (
        f"{PAGE}:3: include '{line}': malformed include line; "
        "write it alone on its line as '{!> docs_src/PATH !}'"
    )


def test_line_numbers_count_the_front_matter(root):
    source = "---\ntitle: T\n---\n# Title\n{!> docs_src/nope.py !}\n"
    body = "# Title\n{!> docs_src/nope.py !}\n"
    first = body_first_line(source, body)
    assert first == 4
    assert error_of(body, root, first) == f"{PAGE}:5: include 'docs_src/nope.py': file not found"


def test_first_line_falls_back_to_one_when_the_body_was_rewritten():
    assert body_first_line("---\na: 1\n---\nbody\n", "other\n") == 1


def test_only_newlines_split_lines(root):
    (root / "docs_src" / "odd.py").write_text('a = "x\u2028y"\n\x0c\nb = 1\r\nc = 2\n', newline="")
    assert expand("  {!> docs_src/odd.py !}", root, PAGE) == '  a = "x\u2028y"\n  \x0c\n  b = 1\n  c = 2'


def test_symlink_loop_fails_with_page_line_and_path(root):
    os.symlink(root / "docs_src" / "loop.py", root / "docs_src" / "loop.py")
    assert error_of("{!> docs_src/loop.py !}", root).startswith(
        f"{PAGE}:1: include 'docs_src/loop.py': cannot be read (RuntimeError: Symlink loop"
    )


def test_overlong_name_fails_with_page_line_and_path(root):
    written = "docs_src/" + "x" * 300 + ".py"
    assert error_of(f"{{!> {written} !}}", root).startswith(f"{PAGE}:1: include '{written}': cannot be read (OSError")


def test_unreadable_file_fails_with_page_line_and_path(root, monkeypatch):
    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert error_of("{!> docs_src/pkg/app.py !}", root) == (
        f"{PAGE}:1: include 'docs_src/pkg/app.py': cannot be read (Permission denied)"
    )


@pytest.mark.parametrize(
    "line",
    ["Write `{!> docs_src/PATH !}` on its own line.", "Both ``{!> a !}`` and `{!`", "`{!>` opens an include"],
)
def test_the_syntax_inside_inline_code_is_text(root, line):
    assert expand(f"# Includes\n\n{line}\n", root, PAGE) == f"# Includes\n\n{line}\n"


def test_the_syntax_outside_the_inline_code_of_a_line_still_fails(root):
    assert error_of("Use `this` or {!> docs_src/pkg/app.py !}", root).endswith("malformed include line; write it "
                                                                              "alone on its line as '{!> docs_src/PATH !}'")


def test_every_bad_include_of_a_page_is_reported_in_page_order(root):
    page = "{!> docs_src/one.py !}\n{!> docs_src/pkg/app.py !}\nsee {!> x !}\n{!> /etc/passwd !}\n"
    with pytest.raises(IncludeErrors) as caught:
        expand(page, root, PAGE)
    assert [(error.line, error.reason) for error in caught.value.errors] == [
        (1, "file not found"),
        (3, "malformed include line; write it alone on its line as '{!> docs_src/PATH !}'"),
        (4, "absolute paths cannot be included; name a file under docs_src/"),
    ]
