"""The home page's "Running an example", done as a reader does it: uvicorn started with the page's import string,
the page's curl command, and the output the page says the first terminal shows."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from docs_tools.markdown.outline import outline
from tests.mkdocs_site import LANGUAGES, PROJECT, ROOT
from tests.processes import start
from tests.proof import TIMEOUT, listening_socket

TIMESTAMP = re.compile(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]")
CLIENT = re.compile(r"127\.0\.0\.1:\d+ - ")


def home_page_blocks(language: str) -> dict[str, list[str]]:
    text = (PROJECT.docs_dir / language / "index.md").read_text(encoding="utf-8")
    blocks: dict[str, list[str]] = {}
    for block in outline(text, f"{language}/index.md", PROJECT.heading_id).code_blocks:
        blocks.setdefault(block.language, []).append("\n".join(block.body))
    return blocks


def shown(line: str) -> str:
    """A log line without what changes from run to run: the time and the client's port."""
    return CLIENT.sub("127.0.0.1:PORT - ", TIMESTAMP.sub("[TIME]", line.rstrip()))


def commands(language: str) -> tuple[list[str], list[str], list[str]]:
    """The page's uvicorn command, its curl command, and the output it promises, each as the page writes them."""
    blocks = home_page_blocks(language)
    server, client = (shlex.split(command.replace("\\\n", " ")) for command in blocks["bash"][:2])
    (output,) = blocks["text"]
    return server, client, output.splitlines()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_shows_the_same_commands_and_output(language):
    assert commands(language) == commands("en")


def test_the_first_terminal_shows_the_request_then_the_line_the_task_logged():
    server, client, promised = commands("en")
    assert server[0] == ".venv/bin/uvicorn" and server[-1].endswith(":app"), server
    assert client[0] == "curl", client
    with listening_socket() as sock:
        port = sock.getsockname()[1]
        uvicorn = start(
            [sys.executable, "-m", "uvicorn", server[-1], "--fd", str(sock.fileno())],
            pass_fds=[sock.fileno()],
            cwd=ROOT,
        )
        try:
            url = next(argument for argument in client if argument.startswith("http://"))
            sent = [re.sub(r":\d+/", f":{port}/", argument) if argument == url else argument for argument in client]
            answer = subprocess.run(sent, capture_output=True, text=True, timeout=TIMEOUT, check=True)
            assert answer.stdout == '{"registered":"ana@example.com"}'
            assert uvicorn.said("sent to"), uvicorn.output
        finally:
            uvicorn.stop()  # every line uvicorn wrote has been read
        output = uvicorn.output
    seen = [shown(line) for line in output.lines]
    task_line = next(number for number, line in enumerate(seen) if "sent to" in line)
    assert [shown(line) for line in promised] == seen[task_line - 1 : task_line + 1], seen
