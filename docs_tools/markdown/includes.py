"""`{!> PATH !}` lines: find them in a page and replace them with the text of a file under `docs_src/`.

Pages written for the upstream docs ran MkDocs from `docs/<lang>/` and so write
`../../../docs_src/...`; only the part from `docs_src/` on counts here, resolved
against the project root. Every failure names the page, the line and the path as
written, and all failures of a page are reported together: an include is never
dropped silently, and no byte from outside `docs_src/` reaches the site. Inside an
inline code span (`` `{!> docs_src/app.py !}` ``) the syntax is text, so pages can
show it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from docs_tools.markdown.newlines import normalise_newlines

SOURCE_DIR = "docs_src"

_MARKER = re.compile(r"\{!")
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)")
_INCLUDE_LINE = re.compile(r"^(?P<indent>[ \t]*)\{!>[ \t]*(?P<path>[^ \t](?:.*?[^ \t])?)[ \t]*!\}[ \t]*$")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class IncludeError(ValueError):
    """An include line that cannot be honoured; the message names page, line and path."""

    def __init__(self, page: str, line: int, written: str | None, reason: str) -> None:
        self.page, self.line, self.written, self.reason = page, line, written, reason
        where = f"{page}:{line}"
        what = f"include '{written}'" if written is not None else "include"
        super().__init__(f"{where}: {what}: {reason}")


class IncludeErrors(ValueError):
    """Every include line of a page that cannot be honoured, in page order; one message per line of the text."""

    def __init__(self, errors: list[IncludeError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass(frozen=True)
class Include:
    line: int
    indent: str
    written: str


def find_includes(markdown: str, page: str, first_line: int = 1) -> list[Include]:
    """Every include line of a page; any other use of `{!` outside inline code is a malformed include (the first
    one raises)."""
    found = []
    for number, line in enumerate(markdown.split("\n"), start=first_line):
        if not _MARKER.search(_CODE_SPAN.sub("", line)):
            continue
        match = _INCLUDE_LINE.match(line)
        if match is None:
            raise IncludeError(
                page,
                number,
                line.strip(),
                "malformed include line; write it alone on its line as '{!> docs_src/PATH !}'",
            )
        found.append(Include(number, match["indent"], match["path"]))
    return found


@functools.lru_cache(maxsize=8)
def _source_dir(root: Path) -> Path:
    """`root/docs_src` with its links resolved: once per root, not once per include line."""
    return (root / SOURCE_DIR).resolve()


def resolve(written: str, root: Path, page: str, line: int) -> Path:
    """The file an include names, proven to lie inside `root/docs_src`."""

    def fail(reason: str) -> IncludeError:
        return IncludeError(page, line, written, reason)

    if _URL.match(written) or written.startswith("//"):
        raise fail("URLs cannot be included; name a file under docs_src/")
    written_path = PurePosixPath(written.replace("\\", "/"))
    if written_path.is_absolute():
        raise fail("absolute paths cannot be included; name a file under docs_src/")
    parts = written_path.parts
    if SOURCE_DIR not in parts:
        raise fail("the path must lead into docs_src/")
    start = parts.index(SOURCE_DIR)
    if any(part not in ("..", ".") for part in parts[:start]):
        raise fail("only '../' may come before docs_src/ in the path")
    base = _source_dir(root)
    try:
        target = base.joinpath(*parts[start + 1 :]).resolve()
        if not target.is_relative_to(base):
            raise fail("the path leaves docs_src/")
        if not target.exists():
            raise fail("file not found")
        if not target.is_file():
            raise fail("not a file")
    except (OSError, RuntimeError) as error:  # symlink loops, names too long, permissions
        raise fail(f"cannot be read ({error.__class__.__name__}: {error})") from None
    return target


def read_text(target: Path, written: str, page: str, line: int) -> str:
    try:
        return target.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise IncludeError(page, line, written, f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise IncludeError(page, line, written, f"cannot be read ({error.strerror})") from None


def indent_block(text: str, indent: str) -> str:
    """Apply the include line's indentation to every non-blank line, like mdx_include's `>`.

    Line endings are read as Python-Markdown reads them; form feeds or U+2028 inside the file stay as they are.
    """
    lines = normalise_newlines(text).removesuffix("\n").split("\n")
    return "\n".join(indent + line if line.strip(" \t") else "" for line in lines)


def expand(markdown: str, root: Path, page: str, first_line: int = 1) -> str:
    """The page with every include line replaced; IncludeErrors lists every line that cannot be."""
    if not _MARKER.search(markdown):
        return markdown
    out, errors = [], []
    for number, line in enumerate(markdown.split("\n"), start=first_line):
        if "{!" not in line:
            out.append(line)
            continue
        try:
            for item in find_includes(line, page, number):
                target = resolve(item.written, root, page, number)
                line = indent_block(read_text(target, item.written, page, number), item.indent)
        except IncludeError as error:
            errors.append(error)
        out.append(line)
    if errors:
        raise IncludeErrors(errors)
    return "\n".join(out)


def body_first_line(source: str, markdown: str) -> int:
    """Line number in the source file of the markdown's first line (front matter is stripped)."""
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n") + 1
    return 1

