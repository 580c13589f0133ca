"""A page's YAML front matter: read it with errors that name file, line and value, and write the stamp into it.

The block is recognised with MkDocs' own pattern (`---` on the first line, closed by `---` or `...`), so what these
tools read is what the build strips from the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE

from docs_tools import yaml_data
from docs_tools.markdown.fingerprint import COMMAND, STAMP_KEY, is_stamp
from docs_tools.markdown.newlines import normalise_newlines

_OPENING = re.compile(r"^-{3}[ \t]*\n")
_NEWLINE = re.compile(r"(\r\n|\r|\n)")


class PageError(ValueError):
    """Bad input in a page; the message names the file, the line and the value."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path, self.line, self.reason = path, line, message
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    text: str
    body_line: int
    """The file line where the page body starts (1 when there is no front matter)."""

    def find(self, key: str) -> int | None:
        """The file line of a top-level key; None when the block does not have it."""
        for number, line in enumerate(self.text.split("\n"), start=2):
            if re.match(rf"{re.escape(key)}[ \t]*:", line):
                return number
        return None

    def line_of(self, key: str) -> int:
        """The file line of a top-level key; 2 (the first line inside the block) when it is not there."""
        return self.find(key) or 2


def read(text: str, path: str) -> FrontMatter:
    """The front matter of a page's text (empty when it has none); malformed YAML raises PageError."""
    text = normalise_newlines(text)
    match = YAML_RE.match(text)
    if match is None:
        if _OPENING.match(text):
            raise PageError(path, 1, "front matter opened with '---' is never closed; add a '---' line after it")
        return FrontMatter({}, "", 1)
    block = match[1]
    try:
        data = yaml_data.load(block)
    except yaml.YAMLError as error:
        lines = block.split("\n")
        marks = [getattr(error, "context_mark", None), getattr(error, "problem_mark", None)]
        # The construct that is open (context) is where the author's mistake usually is; the problem mark can be
        # the end of the block.
        mark = next((m for m in marks if m is not None and m.line < len(lines) and lines[m.line].strip()), None)
        offset = mark.line if mark is not None else 0
        value = lines[offset] if offset < len(lines) else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise PageError(path, 2 + offset, f"front matter is not valid YAML ({problem}): {value!r}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PageError(path, 2, f"front matter must be 'key: value' lines, found {block.strip()!r}")
    body_line = text.count("\n", 0, match.end()) + 1
    return FrontMatter(data, block, body_line)


def stamp_of(front_matter: FrontMatter, path: str) -> str | None:
    """The page's `translation_of` value; None when the page was never stamped."""
    if STAMP_KEY not in front_matter.data:
        return None
    value = front_matter.data[STAMP_KEY]
    if not is_stamp(value):
        raise PageError(
            path,
            front_matter.line_of(STAMP_KEY),
            f"{STAMP_KEY} {value!r} is not a fingerprint like 'sha256:0123456789abcdef'; "
            f"run '{COMMAND} stamp {path}' to write it",
        )
    return value


def with_stamp(text: str, stamp: str, path: str) -> str:
    """The page's text with `translation_of: <stamp>` in its front matter; nothing else changes, line endings
    included (the text itself when it already carries that stamp)."""
    front_matter = read(text, path)
    if front_matter.data.get(STAMP_KEY) == stamp:
        return text
    pieces = _NEWLINE.split(text)
    lines, endings = pieces[0::2], pieces[1::2]
    newline = endings[0] if endings else "\n"
    entry = f"{STAMP_KEY}: {stamp}"
    if front_matter.body_line == 1:
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        return bom + newline.join(["---", entry, "---", "", text.removeprefix(bom)])
    existing = front_matter.find(STAMP_KEY)
    if existing is None:
        closing = front_matter.body_line - 2
        lines.insert(closing, entry)
        endings.insert(closing, newline)
    else:
        lines[existing - 1] = entry
    return "".join(line + ending for line, ending in zip(lines, [*endings, ""]))
