"""The project's YAML (front matter, reader messages, figure words) read with libyaml's safe loader when PyYAML was
built with it: the same values as PyYAML's SafeLoader and MkDocs', several times faster, which counts in every build
and on a tree of hundreds of pages."""

from __future__ import annotations

from typing import Any

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    """The values of a YAML document; raises yaml.YAMLError, whose mark gives the line."""
    return yaml.load(text, Loader=LOADER)


def yaml_error(where: str, error: yaml.YAMLError) -> str:
    """`where:line: not valid YAML (problem)`, so a broken file is named like every other bad input, on one line."""
    mark = getattr(error, "problem_mark", None)
    line = f":{mark.line + 1}" if mark is not None else ""
    return f"{where}{line}: not valid YAML ({getattr(error, 'problem', None) or error})"
