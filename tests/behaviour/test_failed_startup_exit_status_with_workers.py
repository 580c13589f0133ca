"""The exit status of uvicorn when the scheduled example's first refresh fails at startup: `3` for a single process,
but with `--workers 2` the parent stops its workers and exits with status `0`, after saying that a child failed to
start. Nothing is served either way: no worker reaches "Application startup complete"."""

from __future__ import annotations

import sys

import pytest

from docs_src.background_tasks import scheduled
from tests.mkdocs_site import ROOT
from tests.processes import start
from tests.proof import TIMEOUT


def scheduled_app_whose_refresh_fails():
    """uvicorn's `--factory`, called in each worker process: the example's app, its refresh failing."""

    async def failing_refresh() -> None:
        raise ConnectionError("rates service unreachable")

    scheduled.refresh_rates = failing_refresh
    return scheduled.app


@pytest.mark.parametrize(("workers", "status"), [("1", 3), ("2", 0)], ids=["one-process", "two-workers"])
def test_a_failed_startup_refresh_exits_with_status_3_in_one_process_but_0_with_workers(workers, status):
    command = [sys.executable, "-m", "uvicorn", f"{__name__}:scheduled_app_whose_refresh_fails", "--factory",
               "--host", "127.0.0.1", "--port", "0", "--workers", workers]
    process = start(command, cwd=ROOT)
    try:
        process.process.wait(TIMEOUT)
    finally:
        process.stop()
    output = str(process.output)
    assert "Application startup failed. Exiting." in output
    assert "Application startup complete" not in output
    if workers == "2":
        assert "failed to start, stopping the parent process." in output
    assert process.process.returncode == status, output
