"""When the scheduled example's first refresh fails at startup, uvicorn logs the error itself, with its traceback,
before it says that the startup failed and exits."""

import pytest
import uvicorn

from docs_src.background_tasks import scheduled
from tests.proof import listening_socket, logged


def test_uvicorn_logs_the_traceback_of_a_failed_startup_refresh_then_exits(monkeypatch):
    async def failing_refresh() -> None:
        raise ConnectionError("rates service unreachable")

    monkeypatch.setattr(scheduled, "refresh_rates", failing_refresh)
    server = uvicorn.Server(uvicorn.Config(scheduled.app, lifespan="on", log_config=None))
    with logged("uvicorn.error") as log, listening_socket() as sock, pytest.raises(SystemExit):
        server.run(sockets=[sock])
    [error] = [line for line in log.lines if line.startswith("Traceback")]
    assert "in failing_refresh" in error
    assert error.rstrip().endswith("ConnectionError: rates service unreachable")
    assert log.lines.index(error) < log.lines.index("Application startup failed. Exiting.")
