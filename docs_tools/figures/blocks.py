"""Fenced blocks that stand for a figure drawn at build time: a `timeline` or `performance` fence holding one name.

    ```timeline
    as_group
    ```

A fence keeps the page readable as Markdown and makes the figure part of what a translation must keep (its outline
compares code blocks). The block is replaced by the figure's HTML, on one line padded with blank lines to the
block's length, so that the line numbers other hooks report stay those of the page as written. Every block that
cannot be drawn is reported with its page, line and name, all of a page together.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

KINDS = ("timeline", "performance")
_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<kind>[\w-]+)[ \t]*$")


class FigureError(ValueError):
    """A figure block that cannot be drawn; the message names page, line and what is wrong."""

    def __init__(self, message: str, line: int = 0) -> None:
        self.line = line
        super().__init__(message)


class FigureErrors(ValueError):
    def __init__(self, errors: list[FigureError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass(frozen=True)
class Block:
    kind: str
    name: str
    first: int
    """Index of the opening fence line in the page's lines."""
    last: int
    """Index of the closing fence line."""


def find_blocks(lines: list[str], page: str, first_line: int = 1) -> tuple[list[Block], list[FigureError]]:
    blocks, errors = [], []
    index = 0
    while index < len(lines):
        match = _OPEN.match(lines[index])
        if match is None:
            fence = re.match(r"^[ \t]*(`{3,}|~{3,})", lines[index])
            if fence:  # another code block: skip to its end, so that a figure fence shown inside it stays text
                closing = re.compile(rf"^[ \t]*{re.escape(fence.group(1)[0])}{{{len(fence.group(1))},}}[ \t]*$")
                index += 1
                while index < len(lines) and not closing.match(lines[index]):
                    index += 1
            index += 1
            continue
        kind = match["kind"]
        closing = re.compile(rf"^{re.escape(match['fence'][0])}{{{len(match['fence'])},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        if kind in KINDS:
            where = f"{page}:{first_line + index}"
            names = [line.strip() for line in lines[index + 1 : end] if line.strip()]
            if end == len(lines):
                errors.append(FigureError(f"{where}: the {kind} block is never closed", first_line + index))
            elif len(names) != 1:
                errors.append(FigureError(f"{where}: a {kind} block holds exactly one name, found {names}",
                                          first_line + index))
            else:
                blocks.append(Block(kind, names[0], index, end))
        index = end + 1
    return blocks, errors


def expand(markdown: str, page: str, draw: Callable[[str, str], str], first_line: int = 1) -> str:
    """The page with every figure block replaced by `draw(kind, name)` (one line of HTML); a FigureError from `draw`
    is reported with the block's page and line."""
    lines = markdown.split("\n")
    blocks, errors = find_blocks(lines, page, first_line)
    for block in reversed(blocks):
        try:
            figure = draw(block.kind, block.name)
            if "\n" in figure:
                raise FigureError("the drawing is not one line of HTML")
        except (FigureError, ValueError) as error:
            line = first_line + block.first
            errors.append(FigureError(f"{page}:{line}: {block.kind} '{block.name}': {error}", line))
            continue
        lines[block.first : block.last + 1] = ["", figure, *[""] * (block.last - block.first - 1)]
    if errors:
        raise FigureErrors(sorted(errors, key=lambda error: error.line))
    return "\n".join(lines)
