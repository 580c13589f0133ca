"""Line endings as MkDocs and Python-Markdown read a file: no byte-order mark, `\\n` only."""

from __future__ import annotations


def normalise_newlines(text: str) -> str:
    """The text without a byte-order mark and with CRLF and lone CR line endings turned into `\\n`."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
