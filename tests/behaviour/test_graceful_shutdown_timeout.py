"""`uvicorn --timeout-graceful-shutdown N`: after N seconds uvicorn stops waiting for the running tasks. An `async def`
task is cancelled: CancelledError is raised at its `await`, so its `except` and `finally:` blocks run. A `def` task
gets no exception. After SIGTERM the process exits at once, stopping the task's worker thread in the middle of its
body: none of its `except` or `finally:` blocks runs. After SIGINT (Ctrl+C pressed once) the process waits for the
`def` task to finish, then exits."""

import signal

import httpx2
import pytest

from tests.behaviour.shutdown_app import STEP_S, STEPS
from tests.processes import uvicorn
from tests.proof import TIMEOUT


def shut_down_during(kind: str, sent: signal.Signals = signal.SIGTERM) -> list[str]:
    """uvicorn's output, from the task's start to the process's end, for a signal sent while the task runs."""
    with uvicorn("tests.behaviour.shutdown_app:app", "--timeout-graceful-shutdown", "1") as (url, server):
        assert httpx2.get(f"{url}/{kind}", timeout=TIMEOUT).text == "started"
        assert server.said(f"{kind} task started")
        server.process.send_signal(sent)
        server.process.wait(TIMEOUT)
        server.output.wait_for_end()
        lines = server.output.lines
    return lines[lines.index(f"{kind} task started"):]


@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_an_async_def_task_is_cancelled_at_its_await_and_its_except_runs(sent):
    lines = shut_down_during("async", sent)
    assert "async task raised CancelledError" in lines and "async task ended" not in lines


def test_a_def_task_gets_no_exception_and_is_stopped_mid_body_when_the_process_exits():
    lines = shut_down_during("def")
    assert any("timeout graceful shutdown exceeded" in line for line in lines), lines
    assert not any(line.startswith(("def task ended", "def task raised", "def task finally")) for line in lines), lines
    assert 0 < len([line for line in lines if line.startswith("def task step")]) < STEPS  # stopped mid-body
    assert STEP_S * STEPS > 1 + 2 * STEP_S  # the task outlasts the 1 s timeout by more than two steps


def test_after_sigint_the_process_waits_for_a_def_task_to_finish():
    lines = shut_down_during("def", signal.SIGINT)
    assert any("timeout graceful shutdown exceeded" in line for line in lines), lines
    assert lines.index("def task ended") > lines.index(next(line for line in lines if "exceeded" in line))
    assert "def task finally" in lines and "def task raised" not in " ".join(lines)
