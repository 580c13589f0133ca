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
