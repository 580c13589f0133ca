"""`mkdocs serve` on the project's real config rebuilds when an included example under docs_src/ changes."""

from __future__ import annotations

import os
import re
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest

from tests.mkdocs_site import PROJECT, ROOT, text_of
from tests.processes import running
from tests.proof import Lines
from tests.trees import copy_project

pytestmark = pytest.mark.long(seconds=12)

EXAMPLE = Path("docs_src/background_tasks/response/via_handlers.py")
STARTUP_TIMEOUT = 120
REBUILD_TIMEOUT = 120
_LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\);")


def listening_port(pid: int) -> int:
    """The one TCP port the process listens on: `mkdocs serve` was given port 0, and the kernel chose it."""
    ports = {c.laddr.port for c in psutil.Process(pid).net_connections(kind="tcp") if c.status == psutil.CONN_LISTEN}
    assert len(ports) == 1, ports
    return ports.pop()


@contextmanager
def served(folder: Path) -> Iterator[tuple[str, Lines]]:
    """`mkdocs serve` in folder on a port the kernel chooses, from its "Serving on" line until it is killed; yields
    its base URL and its output as it grows."""
    scratch = folder / "tmp"
    scratch.mkdir()
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "TMPDIR": str(scratch),
    }
    with running(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", "127.0.0.1:0"],
        "Serving on http://127.0.0.1:0/",
        STARTUP_TIMEOUT,
        graceful=False,
        cwd=folder,
        env=env,
    ) as server:
        yield f"http://127.0.0.1:{listening_port(server.process.pid)}/", server.output


def fetch(url: str, timeout: float) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        assert response.status == 200, url
        return response.read().decode("utf-8")


def wait_for_new_epoch(base: str, epoch: int, request_id: int, deadline: float, output: Lines) -> int:
    """Long-poll the live-reload endpoint until the server has finished a build newer than epoch."""
    while True:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no rebuild within {REBUILD_TIMEOUT}s:\n{output}"
        # The server answers after at most 60 s even without a rebuild; then ask again.
        try:
            newest = int(fetch(f"{base}livereload/{epoch}/{request_id}", timeout=remaining))
        except TimeoutError:
            continue
        if newest > epoch:
            return newest


def test_watch_includes_docs_src():
    """Files outside docs_dir are only rebuilt on change when `watch:` names them."""
    watched = list(PROJECT.config.watch)
    assert str(ROOT / "docs_src") in watched, watched


def test_serve_rebuilds_when_an_included_example_changes(tmp_path):
    """Editing an example must change the served page without restarting the server."""
    site = copy_project(tmp_path / "project")
    assert EXAMPLE.as_posix() in (site / "docs" / "en" / "index.md").read_text(encoding="utf-8")
    marker = f"rebuilt-{uuid.uuid4().hex}"

    with served(site) as (base, output):
        page = fetch(base, timeout=60)
        assert marker not in text_of(page)
        script = _LIVERELOAD.search(page)
        assert script, "no live-reload script in the served page"
        epoch, request_id = int(script[1]), int(script[2])

        # The watcher took its first snapshot before "Serving on" was logged, so this change is seen.
        example = site / EXAMPLE
        example.write_text(example.read_text(encoding="utf-8") + f"# {marker}\n", encoding="utf-8")

        deadline = time.monotonic() + REBUILD_TIMEOUT
        while marker not in text_of(page):
            epoch = wait_for_new_epoch(base, epoch, request_id, deadline, output)
            page = fetch(base, timeout=60)
