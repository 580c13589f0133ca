"""`mkdocs serve` on the project's real config rebuilds when an included example under docs_src/ changes."""

from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config import load_config

from tests.mkdocs_site import ROOT, text_of

EXAMPLE = Path("docs_src/background_tasks/response/via_handlers.py")
STARTUP_TIMEOUT = 120
REBUILD_TIMEOUT = 120
_LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\);")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(folder: Path, port: int) -> Iterator[list[str]]:
    """`mkdocs serve` in folder, from its "Serving on" line until it is killed; yields its output as it grows."""
    scratch = folder / "tmp"
    scratch.mkdir()
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "TMPDIR": str(scratch),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    output: list[str] = []

    def pump() -> None:
        for line in process.stdout:
            output.append(line)
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        serving = f"Serving on http://127.0.0.1:{port}/"
        deadline = time.monotonic() + STARTUP_TIMEOUT
        line = ""
        while serving not in line:
            remaining = deadline - time.monotonic()
            assert remaining > 0, "no 'Serving on' line in time:\n" + "".join(output)
            try:
                line = lines.get(timeout=remaining)
            except queue.Empty:
                continue
            assert line is not None, f"mkdocs serve exited with {process.wait()}:\n" + "".join(output)
        yield output
    finally:
        process.kill()
        process.wait(timeout=30)
        reader.join(timeout=30)
        process.stdout.close()


def fetch(url: str, timeout: float) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        assert response.status == 200, url
        return response.read().decode("utf-8")


def wait_for_new_epoch(base: str, epoch: int, request_id: int, deadline: float, output: list[str]) -> int:
    """Long-poll the live-reload endpoint until the server has finished a build newer than epoch."""
    while True:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no rebuild within {REBUILD_TIMEOUT}s:\n" + "".join(output)
        # The server answers after at most 60 s even without a rebuild; then ask again.
        try:
            newest = int(fetch(f"{base}livereload/{epoch}/{request_id}", timeout=remaining))
        except TimeoutError:
            continue
        if newest > epoch:
            return newest


def test_watch_includes_docs_src():
    """Files outside docs_dir are only rebuilt on change when `watch:` names them."""
    watched = list(load_config(config_file=str(ROOT / "mkdocs.yml")).watch)
    assert str(ROOT / "docs_src") in watched, watched


def test_serve_rebuilds_when_an_included_example_changes(tmp_path):
    """Editing an example must change the served page without restarting the server."""
    site = tmp_path / "project"
    site.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    for name in ("docs", "docs_src", "hooks"):
        shutil.copytree(ROOT / name, site / name, ignore=shutil.ignore_patterns("__pycache__"))
    assert EXAMPLE.as_posix() in (site / "docs" / "en" / "index.md").read_text(encoding="utf-8")
    marker = f"rebuilt-{uuid.uuid4().hex}"
    port = free_port()
    base = f"http://127.0.0.1:{port}/"

    with served(site, port) as output:
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
