"""The marks that tie a page's claims to the tests proving them, as a page's Markdown writes them.

    Lilya runs the task after the body is sent. [[proof: tests/docs_src/background_tasks/test_via_list.py::test_x]]

A mark names one test by its pytest node id (`path::function` or `path::Class::method`); a claim proven by two tests
carries two marks. A section that states no behaviour of Lilya, Ravyn, uvicorn or an example says so with
`<!-- proof: none, why -->`, so that the check of `docs_tools.proofs` does not list it as unproven.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK = re.compile(r"\[\[proof:[ \t]*(?P<node>[^\]\s]*)[ \t]*\]\]")
"""A mark; the node id may be empty or malformed here, so that the check can name what is wrong with it."""
NONE = re.compile(r"<!--[ \t]*proof:[ \t]*none\b(?P<why>[^>]*?)-->")
"""A section's statement that it claims nothing to prove."""


@dataclass(frozen=True)
class ProofMark:
    line: int
    node: str
    """The pytest node id as written."""


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def find_marks(prose: str) -> list[ProofMark]:
    """Every mark in a page's prose (code blocks and inline code blanked out, line for line), in page order."""
    return [ProofMark(_line_at(prose, match.start()), match["node"]) for match in MARK.finditer(prose)]


def find_none(prose: str) -> list[int]:
    """The lines of the statements that a section claims nothing to prove."""
    return [_line_at(prose, match.start()) for match in NONE.finditer(prose)]


def without_marks(prose: str) -> str:
    """The prose with its marks blanked out, line for line: node ids are not words a translation must judge."""
    return MARK.sub(lambda match: " " * len(match[0]), prose)
