"""A fenced code block's info string (what follows the backticks): language, attributes, highlighted lines."""

from __future__ import annotations

import re

_ATTRIBUTE = re.compile(r"(?P<key>[\w-]+)=(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)'|(?P<bare>\S+))")


def parse_info(info: str) -> tuple[str, dict[str, str], tuple[str, ...]]:
    """A fence line after its backticks, as (language, attributes, other tokens)."""
    attributes: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(info):
        value = next(v for v in (match["double"], match["single"], match["bare"]) if v is not None)
        attributes[match["key"]] = value
    text = _ATTRIBUTE.sub(" ", info)
    rest = text.replace("{", " ").replace("}", " ").split()
    language = ""
    if text.strip().startswith("{"):
        if rest and rest[0].startswith("."):
            language = rest.pop(0)[1:]
    elif rest:
        language = rest.pop(0)
    return language, attributes, tuple(rest)


def hl_lines(info: str) -> list[int]:
    """The line numbers a fence's `hl_lines="1 3-5"` names, in order; [] without the attribute.

    A value that is not a list of numbers and ranges raises ValueError naming it.
    """
    value = parse_info(info)[1].get("hl_lines")
    if value is None:
        return []
    numbers: list[int] = []
    for part in value.split():
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if match is None:
            raise ValueError(f"hl_lines={value!r}: {part!r} is not a line number or a range such as '3-5'")
        first, last = int(match[1]), int(match[2] or match[1])
        numbers.extend(range(first, last + 1))
    return numbers
