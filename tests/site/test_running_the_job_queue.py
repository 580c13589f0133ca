"""The job-queue page's "Running it", done as a reader does it: the page's Redis, scanner, worker and web app
commands, then its two curl commands, with the page's fixed ports swapped for free ones and Redis's folder for a
temporary one."""

from __future__ import annotations

import json
import re
import shlex
import subprocess

import redis

from docs_tools.markdown.outline import outline
from tests.docs_src.job_queue.processes import environment, worker
from tests.mkdocs_site import PROJECT, ROOT
from tests.processes import running, uvicorn
from tests.proof import TIMEOUT
from tests.redis_server import READY, free_port


def page_commands() -> list[list[str]]:
    """Every command of the page's bash blocks, as the shell would split it."""
    text = (PROJECT.docs_dir / "en" / "job-queue.md").read_text(encoding="utf-8")
    blocks = [block for block in outline(text, "en/job-queue.md", PROJECT.heading_id).code_blocks
              if block.language == "bash"]
    return [shlex.split(line) for block in blocks for line in "\n".join(block.body).replace("\\\n", " ").splitlines()]


def test_the_pages_commands_accept_an_upload_and_report_it_done(tmp_path):
    mkdir, chmod, redis_command, scanner_command, worker_command, web_command, post, get = page_commands()
    assert mkdir[:2] == ["mkdir", "-p"] and chmod[:2] == ["chmod", "700"] and chmod[2] == mkdir[2], (mkdir, chmod)
    assert redis_command[0] == "redis-server", redis_command
    folder = tmp_path / "redis"
    folder.mkdir(mode=0o755)  # made earlier, as anyone's folder
    subprocess.run([*mkdir[:-1], str(folder)], check=True, timeout=TIMEOUT)
    subprocess.run([*chmod[:-1], str(folder)], check=True, timeout=TIMEOUT)
    assert folder.stat().st_mode & 0o777 == 0o700  # the append-only files are no one else's to read or replace
    port = free_port()
    redis_args = [str(folder) if arg == mkdir[-1] else arg for arg in redis_command]
    redis_args += ["--port", str(port), "--save", ""]

    def app_of(command: list[str]) -> str:
        assert command[0] == ".venv/bin/uvicorn" and command[1] == "--port", command
        return command[-1]

    assert worker_command[0] == ".venv/bin/dramatiq" and len(worker_command) == 2, worker_command
    redis_url = f"redis://127.0.0.1:{port}/0"
    with running(redis_args, READY), uvicorn(app_of(scanner_command)) as (scanner_url, _):
        with redis.Redis(port=port) as client:
            assert client.config_get("bind") == {"bind": "127.0.0.1 -::1"}  # this machine only
        with worker(redis_url, scanner_url + "/scan", worker_command[1]) as job_worker, \
                uvicorn(app_of(web_command), env=environment(redis_url)) as (web_url, _):
            posted = subprocess.run(
                [re.sub(r"^http://127\.0\.0\.1:\d+", web_url, arg) for arg in post],
                cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, check=True,
            )
            head, _, body = posted.stdout.partition("\n\n")  # text mode made each CRLF a newline
            assert head.startswith("HTTP/1.1 202"), posted.stdout
            upload_id = json.loads(body)["id"]
            assert f"location: /uploads/{upload_id}" in head, head
            assert job_worker.said(f"upload {upload_id}, try 1: done"), job_worker.output
            assert get[-1].endswith("/uploads/ID"), get
            asked = subprocess.run(
                [*get[:-1], f"{web_url}/uploads/{upload_id}"],
                capture_output=True, text=True, timeout=TIMEOUT, check=True,
            )
    answer = json.loads(asked.stdout)
    readme = (ROOT / "README.md").read_bytes()
    assert (answer["status"], answer["size"], answer["verdict"]) == ("done", len(readme), "clean"), answer


def test_without_bind_and_a_configuration_file_redis_listens_on_every_interface(tmp_path):
    """What the page's `--bind 127.0.0.1 -::1` changes."""
    port = free_port()
    with running(["redis-server", "--port", str(port), "--dir", str(tmp_path), "--save", ""], READY):
        with redis.Redis(port=port) as client:
            assert client.config_get("bind") == {"bind": "* -::*"}


def test_without_a_configuration_file_redis_keeps_no_append_only_file_and_snapshots_after_1_100_or_10000_changes(
    tmp_path,
):
    """What the page's `--appendonly yes` replaces: snapshots after an hour if one key changed, five minutes if 100
    did, a minute if 10,000 did."""
    port = free_port()
    with running(["redis-server", "--port", str(port), "--dir", str(tmp_path)], READY):
        with redis.Redis(port=port) as client:
            assert client.config_get("appendonly") == {"appendonly": "no"}
            assert client.config_get("save") == {"save": "3600 1 300 100 60 10000"}
