"""What becomes of a response's tasks when a real uvicorn process stops (tests/behaviour/held_tasks_app.py).

A graceful shutdown (SIGTERM, or SIGINT as Ctrl+C pressed once sends it), without `--timeout-graceful-shutdown`:
uvicorn closes its listening socket and waits for the running tasks for as long as they take, then exits. With the
timeout, an `async def` task is cancelled at its `await`, and its `except` and `finally:` blocks run. A crash
(SIGKILL) loses the running task and the one not yet started, and a restarted process runs neither: they lived only
in the memory of the process; so does the upload example's record, which a restarted server no longer knows."""

import contextlib
import os
import signal
import subprocess
from collections.abc import Iterator

import httpx2
import pytest

from tests.processes import uvicorn
from tests.proof import STILL, TIMEOUT

APP = "tests.behaviour.held_tasks_app:app"
SIGNALS = pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])


@contextlib.contextmanager
def held_tasks_server(*options: str) -> Iterator[tuple[str, object, int]]:
    """The app on uvicorn, with the writing end of the pipe its held tasks wait on."""
    read_end, write_end = os.pipe()
    try:
        env = {**os.environ, "HELD_TASK_FD": str(read_end)}
        with uvicorn(APP, *options, env=env, pass_fds=(read_end,)) as (url, server):
            yield url, server, write_end
    finally:
        os.close(read_end)
        os.close(write_end)


def after(lines: list[str], text: str) -> list[str]:
    return lines[lines.index(text):]


@SIGNALS
@pytest.mark.parametrize("kind", ["def", "async"])
def test_a_graceful_shutdown_closes_the_listening_socket_and_waits_as_long_as_the_tasks_take(kind, sent):
    with held_tasks_server() as (url, server, release):
        assert httpx2.get(f"{url}/{kind}", timeout=TIMEOUT).text == "started"
        assert server.said(f"{kind} task started")
        server.process.send_signal(sent)
        assert server.said("Waiting for background tasks to complete")
        with pytest.raises(httpx2.ConnectError):
            httpx2.get(f"{url}/{kind}", timeout=TIMEOUT)
        with pytest.raises(subprocess.TimeoutExpired):
            server.process.wait(STILL)  # still waiting for the held task
        assert f"{kind} task ended" not in server.output.lines
        os.write(release, b"x")
        server.process.wait(TIMEOUT)  # ends once the task has
        assert server.output.wait_for_end()
        lines = after(server.output.lines, f"{kind} task started")
    ended = lines.index(f"{kind} task ended")
    assert ended < lines.index("next task started")  # the sequence went on to its end
    assert ended < next(i for i, line in enumerate(lines) if "Finished server process" in line)


@SIGNALS
def test_when_the_graceful_shutdown_timeout_ends_an_async_def_tasks_except_and_finally_blocks_run(sent):
    with held_tasks_server("--timeout-graceful-shutdown", "1") as (url, server, _):
        assert httpx2.get(f"{url}/async", timeout=TIMEOUT).text == "started"
        assert server.said("async task started")
        server.process.send_signal(sent)
        server.process.wait(TIMEOUT)
        assert server.output.wait_for_end()
        lines = after(server.output.lines, "async task started")
    assert any("timeout graceful shutdown exceeded" in line for line in lines), lines
    raised = lines.index("async task raised CancelledError")
    assert raised < lines.index("async task finally")
    assert "async task ended" not in lines and "next task started" not in lines


@pytest.mark.parametrize("kind", ["def", "async"])
def test_a_crash_loses_the_running_task_and_the_next_one_and_a_restarted_server_runs_neither(kind):
    with held_tasks_server() as (url, server, release):
        assert httpx2.get(f"{url}/{kind}", timeout=TIMEOUT).text == "started"
        assert server.said(f"{kind} task started")
        server.kill()  # SIGKILL, as the out-of-memory killer sends it
        assert server.output.wait_for_end()
        os.write(release, b"x")  # too late: nobody holds the task any more
        lines = after(server.output.lines, f"{kind} task started")
    assert lines == [f"{kind} task started"]  # no end, no except, no finally, and next_task never started
    with held_tasks_server() as (url, restarted, release):
        os.write(release, b"x")  # would release a held task, had the restart brought one back
        assert not restarted.said("task", timeout=STILL)
        assert httpx2.get(f"{url}/{kind}", timeout=TIMEOUT).text == "started"  # it serves, and runs new tasks
        assert restarted.said("next task started")


def test_after_a_crash_and_a_restart_the_upload_examples_status_endpoint_answers_404_for_an_accepted_upload():
    upload = "docs_src.background_tasks.upload:app"
    with uvicorn(upload) as (url, server):
        accepted = httpx2.post(url + "/uploads", content=b"name,size\nreport.pdf,1024\n", timeout=TIMEOUT)
        assert accepted.status_code == 202
        location = accepted.headers["location"]
        assert httpx2.get(url + location, timeout=TIMEOUT).status_code == 200
        server.kill()
    with uvicorn(upload) as (url, _):
        assert httpx2.get(url + location, timeout=TIMEOUT).status_code == 404
