"""The Redis server the job-queue page has the reader run: what Debian's redis-server package sets up beside it, why
that service must be stopped first, and what `--appendfsync always` makes Redis do before it answers a write."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import redis

from tests.processes import running, start
from tests.proof import TIMEOUT
from tests.redis_server import PORT_TAKEN, READY, free_port

PACKAGE_CONFIG = Path("/etc/redis/redis.conf")
PACKAGE_SERVICE = Path("/lib/systemd/system/redis-server.service")
ENABLED_SERVICE = Path("/etc/systemd/system/multi-user.target.wants/redis-server.service")
PAGE_BIND = ["--bind", "127.0.0.1", "-::1"]


def settings(path: Path) -> dict[str, str]:
    """A Redis configuration file's settings, the last one of each name winning, as Redis reads them."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split(maxsplit=1)
        if words and not words[0].startswith("#"):
            found[words[0].lower()] = words[1].strip() if len(words) > 1 else ""
    return found


def test_debians_redis_server_package_enables_a_service_of_its_own_on_port_6379_without_an_append_only_file():
    """The package scripts/environment.sh installs (apt-get install redis-server): its service starts at boot, with
    the package's configuration file."""
    assert PACKAGE_CONFIG.is_file() and PACKAGE_SERVICE.is_file(), "Debian's redis-server package is not installed"
    assert ENABLED_SERVICE.resolve() == PACKAGE_SERVICE.resolve()
    assert re.search(r"^ExecStart=/usr/bin/redis-server /etc/redis/redis.conf", PACKAGE_SERVICE.read_text(), re.MULTILINE)
    configured = settings(PACKAGE_CONFIG)
    assert (configured["port"], configured["appendonly"]) == ("6379", "no")


def test_a_redis_server_started_on_a_port_another_one_listens_on_exits_saying_address_already_in_use(tmp_path):
    """What the page's command meets while the package's service holds port 6379: both bind 127.0.0.1 and ::1."""
    port = free_port()
    with running(["redis-server", *PAGE_BIND, "--port", str(port), "--dir", str(tmp_path), "--save", ""], READY):
        second = start(["redis-server", *PAGE_BIND, "--port", str(port), "--dir", str(tmp_path), "--save", ""])
        try:
            assert second.process.wait(TIMEOUT) != 0
            assert second.output.wait_for_end()
        finally:
            second.stop(graceful=False)
    assert any(PORT_TAKEN in line for line in second.output.lines), second.output
    assert not any(READY in line for line in second.output.lines), second.output


def traced_write(folder: Path, appendfsync: str) -> list[str]:
    """The system calls of a Redis server (run under strace, with an append-only file) from the moment a client's SET
    of a marker value reaches the file: its writes and its syncs to disk, one line each, "PID CALL"."""
    assert shutil.which("strace"), "this proof needs strace (apt-get install strace)"
    trace, port, value = folder / "trace.txt", free_port(), "marker-7f3a9c"
    command = ["strace", "-f", "-e", "trace=write,writev,fsync,fdatasync", "-s", "200", "-o", str(trace),
               "redis-server", "--bind", "127.0.0.1", "--port", str(port), "--dir", str(folder / "data"),
               "--save", "", "--appendonly", "yes", "--appendfsync", appendfsync]
    (folder / "data").mkdir()
    with running(command, READY), redis.Redis(port=port, socket_timeout=TIMEOUT) as client:
        assert client.set("upload:1", value) is True
        client.shutdown(nosave=True)  # ends the trace
    calls = [line for line in trace.read_text().splitlines() if re.match(r"\d+ +(write|writev|fsync|fdatasync)\(", line)]
    first = next(index for index, line in enumerate(calls) if value in line)
    return [" ".join(line.split(None, 1)) for line in calls[first:]]


def test_with_appendfsync_always_redis_writes_a_change_to_its_file_and_syncs_it_to_disk_before_it_answers(tmp_path):
    calls = traced_write(tmp_path, "always")
    written = re.match(r"(\d+) write\((\d+),", calls[0])
    assert written, calls[0]  # the SET, written to the append-only file
    pid, file = written.groups()
    answered = next(index for index, call in enumerate(calls) if '"+OK\\r\\n"' in call)
    synced = [index for index, call in enumerate(calls[:answered]) if re.match(rf"{pid} f(data)?sync\({file}\)", call)]
    assert synced, calls[: answered + 1]  # on disk before the answer, by the same thread
    assert calls[answered].startswith(f"{pid} "), calls[answered]
