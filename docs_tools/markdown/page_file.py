"""A page's text, read from its file as UTF-8; anything else is a PageError naming the file, the line and the byte,
so that no tool or build shows a traceback for a page saved in another encoding or a file it cannot open."""

from __future__ import annotations

from pathlib import Path

from docs_tools.markdown.front_matter import PageError


def read_page(path: Path, shown: str) -> str:
    """The text of the page at `path`; `shown` is its path as messages give it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PageError(shown, 1, f"cannot be read ({error.strerror or error.__class__.__name__}); check that the "
                                  "file exists and can be read") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start:error.start + 1].hex()
        raise PageError(shown, line, f"byte 0x{byte} is not UTF-8 text; save the file as UTF-8") from None
