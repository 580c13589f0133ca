"""Pause coverage where no example can run: MkDocs builds and the browser tests.

The coverage gate measures `docs_src/` only, yet its tracer slows every Python call it sees, MkDocs' included (a
site build takes twice as long). Builds read the examples as text and never execute them, so pausing there hides
nothing from the measurement.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import coverage


@contextmanager
def coverage_paused() -> Iterator[None]:
    """No coverage measurement inside the block, when a measurement is running at all."""
    running = coverage.Coverage.current()
    if running is None:
        yield
        return
    running.stop()
    try:
        yield
    finally:
        running.start()
