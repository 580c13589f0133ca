"""A process the suite starts is seen saying what it says, is reported with its output when it never gets ready, and
is gone when its block ends."""

import os
import select
import sys

import pytest

from tests.processes import running, start
from tests.proof import TIMEOUT

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


FORK_THEN_WAIT = (
    "import os, signal\n"
    "child = os.fork()\n"
    "if child == 0:\n"
    "    os.write(1, f'child {os.getpid()}\\n'.encode())  # one write: the two processes share the pipe\n"
    "    signal.pause()\n"
    "signal.signal(signal.SIGTERM, lambda *_: os._exit(0))  # a leader that leaves its child behind\n"
    "os.write(1, b'ready\\n')\n"
    "signal.pause()\n"
)


def forked_child(process) -> int:
    assert process.said("child") and process.said("ready"), process.output
    return int(next(line for line in process.output.lines if line.startswith("child")).split()[1])


def gone(pid: int) -> bool:
    """Whether the process has ended, or does within TIMEOUT seconds: its pidfd becomes readable when it ends (a
    zombie, its exit status not yet collected by whoever adopted it, has ended). A process lets go of its pipes
    before it has quite ended, so a closed output alone does not say so."""
    try:
        descriptor = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([descriptor], [], [], TIMEOUT)[0])
    finally:
        os.close(descriptor)


def test_kill_of_a_process_group_leader_ends_the_processes_it_forked():
    process = start([sys.executable, "-u", "-c", FORK_THEN_WAIT], start_new_session=True)
    child = forked_child(process)
    try:
        process.kill()
        assert process.output.wait_for_end()  # the pipe closes once the child, which holds it too, has ended
        assert gone(child)
    finally:
        process.stop()


def test_a_stopped_group_leader_leaves_none_of_its_processes_running():
    with running([sys.executable, "-u", "-c", FORK_THEN_WAIT], "ready", start_new_session=True) as process:
        child = forked_child(process)
    assert process.process.returncode == 0 and process.output.ended
    assert gone(child)
