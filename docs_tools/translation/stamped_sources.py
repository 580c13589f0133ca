"""The English text each translation was stamped against, kept in the repository next to the docs.

A stamp is a fingerprint; this store holds the text behind it, at `translation_sources/<page>.<fingerprint>.md`
(e.g. `translation_sources/reference/background.3f2a9c1b7d4e5f60.md`). With it, a translation can be compared
with the English text it was made from, and that text with today's English page, in any checkout: a shallow clone
or a source archive works as well as a full clone. `translations stamp` writes an entry and removes the entries of
that page no translation is stamped against any more. Pages sharing one stamp share one entry.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from docs_tools.markdown.fingerprint import ALGORITHM, DIGITS, fingerprint, normalise

SOURCES_NAME = "translation_sources"
"""The store's folder, next to mkdocs.yml."""

_ENTRY = re.compile(rf"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{{{DIGITS}}})\.md$")


class SourceError(ValueError):
    """An entry of the store that cannot be trusted; the message names the file and what to do."""


@dataclass(frozen=True)
class StampedSources:
    folder: Path
    """The store's folder; it need not exist until an entry is written."""

    def path(self, page: str, stamp: str) -> Path:
        """Where the English text of `page` ('reference/background.md') with fingerprint `stamp` is kept."""
        relative = PurePosixPath(page)
        digest = stamp.removeprefix(f"{ALGORITHM}:")
        return self.folder.joinpath(*relative.parent.parts, f"{relative.stem}.{digest}.md")

    def read(self, page: str, stamp: str) -> str | None:
        """The English text of `page` that has fingerprint `stamp`; None when the store does not hold it."""
        path = self.path(page, stamp)
        try:
            text = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise SourceError(f"{self._shown(path)}: cannot be read ({error}); restore it from version "
                              "control") from None
        if fingerprint(text) != stamp:
            raise SourceError(
                f"{self._shown(path)}: its text no longer has the fingerprint in its name ({stamp}, the text has "
                f"{fingerprint(text)}); it was edited: restore it from version control"
            )
        return text

    def record(self, page: str, text: str) -> Path:
        """Keep `text` as the English text of `page`, under its fingerprint; written whole or not at all."""
        path = self.path(page, fingerprint(text))
        if path.is_file() and path.read_bytes().decode("utf-8", errors="replace") == normalise(text):
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(normalise(text).encode("utf-8"))
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 would otherwise stay on the entry
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        return path

    def entries(self) -> dict[Path, tuple[str, str]]:
        """Every entry of the store: its path, and the (page, stamp) it holds."""
        found = {}
        if not self.folder.is_dir():
            return found
        for path in sorted(self.folder.rglob("*.md")):
            match = _ENTRY.match(path.name)
            if match is None:
                continue
            parent = path.parent.relative_to(self.folder)
            page = (PurePosixPath(*parent.parts) / f"{match['stem']}.md").as_posix()
            found[path] = (page, f"{ALGORITHM}:{match['digest']}")
        return found

    def unused(self, stamps: dict[str, set[str]]) -> list[Path]:
        """The entries no translation is stamped against: `stamps` maps each page to the stamps in use."""
        return [path for path, (page, stamp) in self.entries().items() if stamp not in stamps.get(page, set())]

    def prune(self, page: str, keep: set[str]) -> list[Path]:
        """Delete the entries of `page` whose stamp is not in `keep`; the deleted paths."""
        removed = [path for path, (entry_page, stamp) in self.entries().items()
                   if entry_page == page and stamp not in keep]
        for path in removed:
            path.unlink()
        return removed

    def _shown(self, path: Path) -> str:
        return (PurePosixPath(SOURCES_NAME) / path.relative_to(self.folder).as_posix()).as_posix()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def sources_of(root: Path) -> StampedSources:
    """The store of the project whose mkdocs.yml is in `root`."""
    return StampedSources(root / SOURCES_NAME)
