"""Lines arriving from other threads (a log, a process's output), and bounded waits for them."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

TIMEOUT = 10.0
"""How long any wait of the suite and the tools lasts at most."""


class Lines:
    """Lines arriving from other threads (a log, a process's output), in order, with waiting by condition."""

    def __init__(self, changed: threading.Condition | None = None) -> None:
        """`changed`, shared by several Lines, lets one wait on a condition that spans them all."""
        self.lines: list[str] = []
        self.ended = False
        self._changed = changed or threading.Condition()

    def add(self, line: str) -> None:
        with self._changed:
            self.lines.append(line)
            self._changed.notify_all()

    def end(self) -> None:
        with self._changed:
            self.ended = True
            self._changed.notify_all()

    def wait_until(self, predicate: Callable[[list[str]], bool], timeout: float = TIMEOUT) -> bool:
        """Whether the lines meet `predicate` within `timeout` seconds; stops waiting early once no line can come."""
        with self._changed:
            self._changed.wait_for(lambda: self.ended or predicate(self.lines), timeout)
            return predicate(self.lines)

    def wait_for(self, line: str, timeout: float = TIMEOUT) -> None:
        assert self.wait_until(lambda lines: line in lines, timeout), (line, self.lines)

    def wait_for_end(self, timeout: float = TIMEOUT) -> bool:
        """Whether the source said its last line (a process's output closed) within `timeout` seconds."""
        self.wait_until(lambda lines: False, timeout)
        return self.ended

    def __str__(self) -> str:
        return "\n".join(self.lines)


def read_lines(stream: Any, changed: threading.Condition | None = None) -> Lines:
    """The lines of a process's text output, read in a thread of their own until the stream ends."""
    lines = Lines(changed)

    def pump() -> None:
        for line in stream:
            lines.add(line.rstrip("\n"))
        lines.end()

    threading.Thread(target=pump, daemon=True).start()
    return lines


class LoggedLines(Lines, logging.Handler):
    """What one logger said: for an example's logger, how a reader running it with uvicorn sees that its tasks ran."""

    def __init__(self) -> None:
        Lines.__init__(self)
        logging.Handler.__init__(self, logging.INFO)

    def emit(self, record: logging.LogRecord) -> None:
        self.add(record.getMessage())


@contextlib.contextmanager
def logged(name: str) -> Iterator[LoggedLines]:
    """The INFO lines of the logger called `name`, for as long as the block runs."""
    logger = logging.getLogger(name)
    handler = LoggedLines()
    level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def logged_by(module: Any) -> contextlib.AbstractContextManager[LoggedLines]:
    """The INFO lines of the logger an example names after its module (`logging.getLogger(__name__)`)."""
    return logged(module.__name__)
