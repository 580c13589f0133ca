"""Coverage is measured while the examples' own proofs run (tests/docs_src/), and paused everywhere else.

The gate asks that those proofs run every line and branch of `docs_src/`: an example no proof of its own runs is
not proven, whatever other test happens to call it. And the tracer slows every Python call it sees, not only the
examples' (the rest of the suite, MkDocs builds among it, took twice the CPU time under it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import coverage

_pauses = 0
"""How many pauses are open: the blocks nest (a module's browser stays open across the paused tests that use it),
and only the outermost one stops and restarts the measurement."""


@contextmanager
def coverage_paused() -> Iterator[None]:
    """No coverage measurement inside the block, when a measurement is running at all."""
    global _pauses
    running = coverage.Coverage.current()
    if running is None:
        yield
        return
    if _pauses == 0:
        running.stop()
    _pauses += 1
    try:
        yield
    finally:
        _pauses -= 1
        if _pauses == 0:
            running.start()


PROOFS = "tests/docs_src/"


def measures_coverage(nodeid: str) -> bool:
    """Whether the test is one of the examples' own proofs, the tests the coverage gate measures."""
    return nodeid.startswith(PROOFS)
