"""Lines from other threads: waiting ends as soon as a line matches, or as soon as no line can come."""

from __future__ import annotations

import io
import threading

from docs_tools.serving.lines import Lines, logged, read_lines


def test_a_wait_ends_when_another_thread_adds_the_line():
    lines = Lines()
    threading.Thread(target=lines.add, args=("ready",)).start()
    assert lines.wait_until(lambda seen: "ready" in seen, timeout=5)


def test_a_wait_stops_early_once_the_source_has_ended():
    lines = read_lines(io.StringIO("one\ntwo\n"))
    assert lines.wait_for_end(timeout=5)
    assert not lines.wait_until(lambda seen: "three" in seen, timeout=5)
    assert lines.lines == ["one", "two"]


def test_lines_sharing_a_condition_wake_a_wait_that_spans_them():
    changed = threading.Condition()
    one, two = Lines(changed), Lines(changed)
    woken: list[bool] = []
    asked = threading.Event()

    def done(_: list[str]) -> bool:
        asked.set()
        return "done" in two.lines

    waiter = threading.Thread(target=lambda: woken.append(one.wait_until(done, timeout=60)))
    waiter.start()
    assert asked.wait(5)  # the waiter holds the condition until it sleeps: the line comes while it waits
    two.add("done")
    waiter.join(timeout=5)
    assert woken == [True]  # a wait on `one` alone would still be asleep, with 55 s to go


def test_logged_collects_a_loggers_info_lines_for_the_block_only():
    import logging

    with logged("docs_tools.test") as seen:
        logging.getLogger("docs_tools.test").info("inside %d", 1)
    logging.getLogger("docs_tools.test").info("outside")
    assert seen.lines == ["inside 1"]
