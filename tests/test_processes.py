"""A process the suite starts is seen saying what it says, is reported with its output when it never gets ready, and
is gone when its block ends."""

import sys

import pytest

from tests.processes import running, start

SAY_THEN_WAIT = "import signal; print('ready', flush=True); signal.pause()"  # waits until a signal ends it


def test_a_process_is_yielded_once_it_said_the_ready_line_and_stopped_after_the_block():
    with running([sys.executable, "-u", "-c", SAY_THEN_WAIT], "ready") as process:
        assert process.process.poll() is None
    assert process.process.returncode is not None
    assert process.output.ended


def test_a_process_that_exits_without_the_ready_line_is_reported_with_its_output():
    with pytest.raises(AssertionError, match=r"(?s)was to say 'ready' and exited with 3.*no luck"):
        with running([sys.executable, "-c", "print('no luck'); raise SystemExit(3)"], "ready"):
            raise AssertionError("the block must not run")  # pragma: no cover


def test_kill_ends_the_process_with_sigkill():
    process = start([sys.executable, "-u", "-c", SAY_THEN_WAIT])
    assert process.said("ready")
    process.kill()
    assert process.process.returncode == -9
    process.stop()
