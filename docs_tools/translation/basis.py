"""Which English text a translated page is compared with: the text it was stamped against, not today's.

A stamped translation says what the English page said at the stamp. Comparing its structure with that text tells
a translator's error (drift) apart from the English page moving on since (outdated); comparing that text with
today's English page says what moved on, section by section. The stamped text is read from the
`translation_sources/` store, or else found in git history; when neither has it, today's English page is the only
basis left, and the reason is kept for the report. Every text is read and outlined once, however many languages
share it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from docs_tools.fingerprint import fingerprint
from docs_tools.front_matter import PageError, stamp_of
from docs_tools.outline import Outline, outline
from docs_tools.project import Project
from docs_tools.sections import SectionChange, section_changes
from docs_tools.stamped_sources import SOURCES_NAME, SourceError, sources_of
from docs_tools.translation.history import stamped_text


class Origin(enum.Enum):
    CURRENT = "today's English page"
    """Up to date, or never stamped: the stamped text is today's English page."""
    STORE = SOURCES_NAME
    HISTORY = "git history"
    LOST = "nowhere"


@dataclass(frozen=True)
class Basis:
    english: Outline
    """The English text the translation is compared with."""
    current: Outline
    """Today's English page."""
    current_stamp: str
    """The fingerprint of today's English page."""
    stamp: str | None
    """The translation's valid stamp; None when it has none (or an invalid one, see `stamp_error`)."""
    stamp_error: PageError | None
    origin: Origin
    note: str | None
    """Where the stamped text came from (a commit), or why it was not found."""

    @property
    def outdated(self) -> bool:
        return self.stamp is not None and self.stamp != self.current_stamp


class Bases:
    """Outlines of the pages and of stamped English texts, and the basis of each translated page; all cached."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.sources = sources_of(project.root)
        self._outlines: dict[Path, Outline | None] = {}
        self._pages: dict[tuple[str, str], Outline | None] = {}
        self._bases: dict[tuple[str, str], Basis | None] = {}
        self._stamped: dict[tuple[str, str], tuple[Outline | None, Origin, str | None]] = {}
        self._changes: dict[tuple[str, str], list[SectionChange]] = {}
        self._kept: dict[tuple[str, str], bool] = {}

    def outline_of(self, path: Path) -> Outline | None:
        if path not in self._outlines:
            self._outlines[path] = (
                outline(path.read_text(encoding="utf-8"), self.project.shown(path), self.project.heading_id)
                if path.is_file() else None
            )
        return self._outlines[path]

    def page(self, language: str, page: str) -> Outline | None:
        """The outline of docs/<language>/<page>; None when there is no such page."""
        key = (language, page)
        if key not in self._pages:
            self._pages[key] = self.outline_of(self.project.page_path(language, page))
        return self._pages[key]

    def english(self, page: str) -> Outline | None:
        return self.page(self.project.default_language, page)

    def of(self, language: str, page: str) -> Basis | None:
        """The basis of docs/<language>/<page>; None unless both it and its English page exist."""
        key = (language, page)
        if key not in self._bases:
            self._bases[key] = self._basis(language, page)
        return self._bases[key]

    def _basis(self, language: str, page: str) -> Basis | None:
        translated = self.page(language, page)
        current = self.english(page)
        if translated is None or current is None:
            return None
        stamp, error = None, None
        if translated.front_matter is not None:
            try:
                stamp = stamp_of(translated.front_matter, translated.path)
            except PageError as invalid:
                error = invalid
        current_stamp = fingerprint(current.text)
        if stamp is None or stamp == current_stamp:
            return Basis(current, current, current_stamp, stamp, error, Origin.CURRENT, None)
        stamped, origin, note = self.stamped(page, stamp)
        return Basis(stamped or current, current, current_stamp, stamp, error, origin, note)

    def stamped(self, page: str, stamp: str) -> tuple[Outline | None, Origin, str | None]:
        """The outline of the English text of `page` with fingerprint `stamp`, where it was found, and a note."""
        key = (page, stamp)
        if key not in self._stamped:
            self._stamped[key] = self._find(page, stamp)
        return self._stamped[key]

    def _find(self, page: str, stamp: str) -> tuple[Outline | None, Origin, str | None]:
        path = self.sources.path(page, stamp)
        shown = self.project.shown(path)
        try:
            text = self.sources.read(page, stamp)
        except SourceError as error:
            return None, Origin.LOST, str(error)
        if text is not None:
            return outline(text, shown, self.project.heading_id), Origin.STORE, None
        english = self.project.page_path(self.project.default_language, page)
        found = stamped_text(self.project.root, english, stamp, self.project.shown(english))
        if found.text is None:
            return None, Origin.LOST, f"{shown} does not exist, and git history does not help: {found.note}"
        return (outline(found.text, f"{self.project.shown(english)}@{found.commit}", self.project.heading_id),
                Origin.HISTORY, f"found in commit {found.commit}; {shown} is missing")

    def kept(self, page: str, stamp: str) -> bool:
        """Whether the store holds the English text of `page` with fingerprint `stamp`, intact."""
        key = (page, stamp)
        if key not in self._kept:
            try:
                self._kept[key] = self.sources.read(page, stamp) is not None
            except SourceError:
                self._kept[key] = False
        return self._kept[key]

    def changes(self, page: str, stamp: str) -> list[SectionChange] | None:
        """The English page's sections that changed since the text with fingerprint `stamp`; None when that text
        is not found. Computed once per English page and stamp, whatever the number of languages."""
        key = (page, stamp)
        if key not in self._changes:
            stamped, _, _ = self.stamped(page, stamp)
            current = self.english(page)
            if stamped is None or current is None:
                return None
            self._changes[key] = section_changes(stamped.text, current.text, self.project.heading_id)
        return self._changes[key]
