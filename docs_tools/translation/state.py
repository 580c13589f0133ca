"""The state of every translated page, computed once and asked by everything that needs it: `translations status`
and `stamp`, and in the build the banners, the section marks and the links to English sections.

A page is up to date when it exists, passes parity and carries the fingerprint of the current English page, whose
text the `translation_sources/` store holds. Otherwise it is missing (only English has it), orphan (English no longer
has it), unstamped (never stamped, or its English text is not in the store), outdated (the English page changed
since the stamp: a translator's next task, with the English changes section by section) or drifted (its structure
differs from the English text it was stamped against: a translator's error). An outdated page is not drifted for
lacking the English changes; it can be drifted as well, when it also differs from what it was translated from.

Which English text a translated page is compared with: the text it was stamped against, not today's. A stamped
translation says what the English page said at the stamp. Comparing its structure with that text tells
a translator's error (drift) apart from the English page moving on since (outdated); comparing that text with
today's English page says what moved on, section by section. The stamped text is read from the
`translation_sources/` store, or else found in git history; when neither has it, today's English page is the only
basis left, and the reason is kept for the report. Every text is read and outlined once, however many languages
share it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from docs_tools.markdown.fingerprint import STAMP_KEY, fingerprint
from docs_tools.markdown.front_matter import PageError, stamp_of
from docs_tools.markdown.outline import Outline, outline
from docs_tools.markdown.page_file import read_page
from docs_tools.markdown.sections import SectionChange, section_changes
from docs_tools.project import Project
from docs_tools.translation.history import stamped_text
from docs_tools.translation.parity import Difference, ParityChecker
from docs_tools.translation.stamped_sources import SOURCES_NAME, SourceError, sources_of


class Origin(enum.Enum):
    CURRENT = "today's English page"
    """Up to date, or never stamped: the stamped text is today's English page."""
    STORE = SOURCES_NAME
    HISTORY = "git history"
    LOST = "nowhere"
    DAMAGED = "a store entry whose text no longer has its fingerprint"

    @property
    def found(self) -> bool:
        return self not in (Origin.LOST, Origin.DAMAGED)


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


class State(enum.Enum):
    UP_TO_DATE = "up to date"
    OUTDATED = "outdated"
    UNSTAMPED = "unstamped"
    MISSING = "missing"
    ORPHAN = "orphan"
    DRIFTED = "drifted"


SEVERITY = [State.ORPHAN, State.MISSING, State.DRIFTED, State.UNSTAMPED, State.OUTDATED, State.UP_TO_DATE]

BREAKING = frozenset({"page", "empty", "stamp", "heading ids"})
"""The kinds of difference that keep a translated page from readers: a page that cannot be read as Markdown (its
bytes, its front matter, a fence never closed), an empty page, a stamp that is not a fingerprint or names an English
text the project does not have, a heading whose id is not the English one (links to it would go astray). The build
serves the English page in its place, and a strict build stops, with the message `status` gives."""
BREAKING_CHECKS = frozenset({"headings"})
"""The comparisons that can find one of BREAKING's kinds (the others come from reading the page and its stamp)."""


@dataclass
class PageStatus:
    language: str
    page: str
    states: set[State] = field(default_factory=set)
    differences: list[Difference] = field(default_factory=list)
    stamp: str | None = None
    english: str | None = None
    """The fingerprint of today's English page."""
    source_missing: bool = False
    """Up to date, but the store lacks the English text of the stamp."""
    ready: bool = False
    """Outdated, but it already matches today's English page: only the stamp is left to do."""
    remaining: list[Difference] = field(default_factory=list)
    """Outdated and partly updated: what still differs from today's English page."""
    origin: Origin | None = None
    note: str | None = None
    changes: list[SectionChange] | None = None
    unknown_stamp: Difference | None = None
    """Unstamped because its stamp names an English text the project does not have: where, and what to do."""

    @property
    def state(self) -> State:
        """The state shown first: the most urgent one."""
        return next(state for state in SEVERITY if state in self.states or state is State.UP_TO_DATE)

    @property
    def label(self) -> str:
        return ", ".join(state.value for state in SEVERITY if state in self.states) or State.UP_TO_DATE.value


def _body(page: Outline) -> str:
    """The page's text after its front matter."""
    assert page.front_matter is not None
    return page.text.split("\n", page.front_matter.body_line - 1)[-1]


class TranslationState:
    """Outlines of the pages and of stamped English texts, the basis of each translated page, its section changes
    and its status; each computed once, however many languages or callers ask."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.sources = sources_of(project.root)
        self.parity = ParityChecker(self)
        self._outlines: dict[Path, Outline | None] = {}
        self._pages: dict[tuple[str, str], Outline | None] = {}
        self._bases: dict[tuple[str, str], Basis | None] = {}
        self._stamped: dict[tuple[str, str], tuple[Outline | None, Origin, str | None]] = {}
        self._changes: dict[tuple[str, str], list[SectionChange]] = {}
        self._kept: dict[tuple[str, str], bool] = {}

    def outline_of(self, path: Path) -> Outline | None:
        if path not in self._outlines:
            self._outlines[path] = (
                outline(read_page(path, self.project.shown(path)), self.project.shown(path), self.project.heading_id)
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
            return None, Origin.DAMAGED, str(error)
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

    def status(self, language: str, page: str, diffs: bool = True) -> PageStatus:
        """Whether docs/<language>/<page> is missing, orphan, unstamped, outdated (with the English changes when
        `diffs`) or drifted (with each difference), or up to date. A page, or its English page, that cannot be read
        is drifted, with the file, the line and why."""
        return self._status_or_unreadable(language, page, diffs, None)

    def _status_or_unreadable(self, language: str, page: str, diffs: bool, checks: frozenset[str] | None) -> PageStatus:
        try:
            return self._status(language, page, diffs, checks)
        except PageError as error:
            status = PageStatus(language, page, {State.DRIFTED})
            status.differences.append(Difference(error.path, error.line, error.reason, "page"))
            return status

    def breaking(self, language: str, page: str) -> list[Difference]:
        """What keeps docs/<language>/<page> from readers (see BREAKING); empty when it can be published."""
        status = self._status_or_unreadable(language, page, False, BREAKING_CHECKS)
        found = [difference for difference in status.differences if difference.kind in BREAKING]
        return found if status.unknown_stamp is None else [status.unknown_stamp, *found]

    def _status(self, language: str, page: str, diffs: bool, checks: frozenset[str] | None) -> PageStatus:
        status = PageStatus(language, page)
        if not self.project.page_path(language, page).is_file():
            status.states.add(State.MISSING)
            return status
        basis = self.of(language, page)
        if basis is None:
            status.states.add(State.ORPHAN)
            return status
        translated = self.page(language, page)
        assert translated is not None, page
        english = self.project.shown(self.project.page_path(self.project.default_language, page))
        if translated.front_matter is not None and not _body(translated).strip():
            status.states.add(State.DRIFTED)
            status.differences.append(Difference(translated.path, translated.front_matter.body_line, (
                f"this page is empty: translate {english} into it, or delete it so that readers get the English page"),
                "empty"))
            return status
        status.differences = self.parity.check_page(language, page, checks=checks)
        status.stamp, status.english = basis.stamp, basis.current_stamp
        status.origin, status.note = basis.origin, basis.note
        if basis.stamp_error is not None:
            error = basis.stamp_error
            status.differences.append(Difference(error.path, error.line, error.reason, "stamp"))
        if basis.origin is Origin.LOST:
            # A stamp whose English text is nowhere (a mistyped fingerprint, a store entry deleted): nothing tells
            # what the page was translated from, so it is compared with today's English page, as an unstamped one.
            assert translated.front_matter is not None
            status.states.add(State.UNSTAMPED)
            status.unknown_stamp = Difference(translated.path, translated.front_matter.line_of(STAMP_KEY), (
                f"'{STAMP_KEY}: {basis.stamp}' names an English text this project does not have: {basis.note}; "
                f"check the page against {english}, then stamp it"), "stamp")
        elif basis.outdated:
            status.states.add(State.OUTDATED)
            if diffs and basis.stamp is not None:
                status.changes = self.changes(page, basis.stamp)
            if status.differences and basis.origin.found:
                # The translator has begun the update: what differs from the stamped text but not from today's
                # English page is work in progress; drift is what differs from both.
                remaining = self.parity.check_page(language, page, against=basis.current, checks=checks)
                both = {(difference.line, difference.kind) for difference in remaining}
                status.differences = [d for d in status.differences if (d.line, d.kind) in both]
                status.ready = not remaining
                status.remaining = [] if status.differences else remaining
        elif basis.stamp is None and basis.stamp_error is None and translated.front_matter is not None:
            status.states.add(State.UNSTAMPED)
        elif basis.stamp is not None and not self.kept(page, basis.stamp):
            status.states.add(State.UNSTAMPED)
            status.source_missing = True
        if status.differences:
            status.states.add(State.DRIFTED)
        return status

    def language(self, language: str, diffs: bool = True, only: set[str] | None = None) -> list[PageStatus]:
        """Every page of one language: those English has, and those only the translation has (or those of
        `only`)."""
        pages = sorted(set(self.project.pages(self.project.default_language)) | set(self.project.pages(language)))
        return [self.status(language, page, diffs) for page in pages if only is None or page in only]

    def stamps_in_use(self) -> dict[str, set[str]] | None:
        """The stamps of every translated page, by page; None when a page's stamp cannot be read (status reports
        it, and deciding on a guess could have a needed store entry deleted)."""
        stamps: dict[str, set[str]] = {}
        for language in self.project.translations:
            for page in self.project.pages(language.code):
                translated = self.page(language.code, page)
                if translated is None or translated.front_matter is None:
                    return None
                try:
                    stamp = stamp_of(translated.front_matter, translated.path)
                except PageError:
                    return None
                if stamp is not None:
                    stamps.setdefault(page, set()).add(stamp)
        return stamps
