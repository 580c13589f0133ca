"""When `--timeout-graceful-shutdown` ends, uvicorn cancels an `async def` task and goes on shutting down without waiting
for it. The task's `except` block starts, but an `await` in it that has to wait (a rollback, a last write) is not
waited for: after SIGTERM the process exits during it, so nothing after it runs, not even the `finally:` block; after
SIGINT (Ctrl+C) the `await` is cancelled again, and the `finally:` block runs.

The app is this module's `app`, served by a real uvicorn process."""

import signal

import anyio
import httpx2
from lilya.apps import Lilya
from lilya.background import Task
from lilya.responses import PlainText
from lilya.routing import Path

from tests.processes import uvicorn
from tests.proof import TIMEOUT

CLEANUP_S = 2  # the rollback's duration: far longer than what is left of the shutdown once the task is cancelled


def say(text: str) -> None:
    print(text, flush=True)


async def async_task() -> None:
    say("async task started")
    try:
        await anyio.sleep(TIMEOUT)  # outlasts the 1 s graceful-shutdown timeout
        say("async task ended")
    except BaseException as error:
        say(f"async task raised {type(error).__name__}")
        try:
            await anyio.sleep(CLEANUP_S)  # stands for a rollback
            say("cleanup done")
        except BaseException as again:
            say(f"cleanup raised {type(again).__name__}")
            raise
        raise
    finally:
        say("async task finally")


async def start() -> PlainText:
    return PlainText("started", background=Task(async_task))


app = Lilya(routes=[Path("/", start)])


def shut_down_during_the_task(sent: signal.Signals) -> tuple[list[str], int]:
    with uvicorn(f"{__name__}:app", "--timeout-graceful-shutdown", "1") as (url, server):
        assert httpx2.get(f"{url}/", timeout=TIMEOUT).text == "started"
        assert server.said("async task started")
        server.process.send_signal(sent)
        returncode = server.process.wait(TIMEOUT)
        assert server.output.wait_for_end()
        lines = server.output.lines
    return lines[lines.index("async task started"):], returncode


def test_after_sigterm_an_await_in_the_except_block_is_not_waited_for_and_neither_it_nor_the_finally_block_ends():
    lines, returncode = shut_down_during_the_task(signal.SIGTERM)
    assert any("timeout graceful shutdown exceeded" in line for line in lines), lines
    assert "async task raised CancelledError" in lines  # the except block starts
    assert not any(line.startswith(("cleanup", "async task finally")) for line in lines), lines
    assert returncode == -signal.SIGTERM


def test_after_sigint_an_await_in_the_except_block_is_cancelled_again_and_the_finally_block_runs():
    lines, _ = shut_down_during_the_task(signal.SIGINT)
    assert any("timeout graceful shutdown exceeded" in line for line in lines), lines
    raised = lines.index("async task raised CancelledError")
    assert raised < lines.index("cleanup raised CancelledError") < lines.index("async task finally")
    assert "cleanup done" not in lines
