"""The state of every translated page, and the report a translator reads to know what to do next.

A page is up to date when it exists, passes parity and carries the fingerprint of the current English page, whose
text the `translation_sources/` store holds. Otherwise it is missing (only English has it), orphan (English no longer
has it), unstamped (never stamped, or its English text is not in the store), outdated (the English page changed
since the stamp: a translator's next task, reported with the English changes section by section) or drifted (its
structure differs from the English text it was stamped against: a translator's error). An outdated page is not
drifted for lacking the English changes; it can be drifted as well, when it also differs from what it was
translated from.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from docs_tools.fingerprint import COMMAND, STAMP_KEY
from docs_tools.front_matter import PageError, stamp_of
from docs_tools.project import Project
from docs_tools.sections import Change, SectionChange
from docs_tools.stamped_sources import sources_of
from docs_tools.translation.basis import Origin
from docs_tools.translation.parity import Difference, ParityChecker


class State(enum.Enum):
    UP_TO_DATE = "up to date"
    OUTDATED = "outdated"
    UNSTAMPED = "unstamped"
    MISSING = "missing"
    ORPHAN = "orphan"
    DRIFTED = "drifted"


SEVERITY = [State.ORPHAN, State.MISSING, State.DRIFTED, State.UNSTAMPED, State.OUTDATED, State.UP_TO_DATE]


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

    @property
    def state(self) -> State:
        """The state shown first: the most urgent one."""
        return next(state for state in SEVERITY if state in self.states or state is State.UP_TO_DATE)

    @property
    def label(self) -> str:
        return ", ".join(state.value for state in SEVERITY if state in self.states) or State.UP_TO_DATE.value


def page_status(project: Project, checker: ParityChecker, language: str, page: str, diffs: bool) -> PageStatus:
    status = PageStatus(language, page)
    if not project.page_path(language, page).is_file():
        status.states.add(State.MISSING)
        return status
    basis = checker.bases.of(language, page)
    if basis is None:
        status.states.add(State.ORPHAN)
        return status
    translated = checker.outline_of(project.page_path(language, page))
    assert translated is not None, page
    status.differences = checker.check_page(language, page)
    status.stamp, status.english = basis.stamp, basis.current_stamp
    status.origin, status.note = basis.origin, basis.note
    if basis.stamp_error is not None:
        error = basis.stamp_error
        status.differences.append(Difference(error.path, error.line, error.reason))
    if basis.outdated:
        status.states.add(State.OUTDATED)
        if diffs and basis.stamp is not None:
            status.changes = checker.bases.changes(page, basis.stamp)
        if status.differences and basis.origin is not Origin.LOST:
            # The translator has begun the update: what differs from the stamped text but not from today's English
            # page is work in progress; drift is what differs from both.
            remaining = checker.check_page(language, page, against=basis.current)
            both = {(difference.line, difference.kind) for difference in remaining}
            status.differences = [d for d in status.differences if (d.line, d.kind) in both]
            status.ready = not remaining
            status.remaining = [] if status.differences else remaining
    elif basis.stamp is None and basis.stamp_error is None and translated.front_matter is not None:
        status.states.add(State.UNSTAMPED)
    elif basis.stamp is not None and not checker.bases.kept(page, basis.stamp):
        status.states.add(State.UNSTAMPED)
        status.source_missing = True
    if status.differences:
        status.states.add(State.DRIFTED)
    return status


def language_status(project: Project, language: str, diffs: bool = True,
                    checker: ParityChecker | None = None, only: set[str] | None = None) -> list[PageStatus]:
    """Every page of one language: those English has, and those only the translation has (or those of `only`)."""
    checker = checker or ParityChecker(project)
    pages = sorted(set(project.pages(project.default_language)) | set(project.pages(language)))
    return [page_status(project, checker, language, page, diffs) for page in pages if only is None or page in only]


def failing(statuses: list[PageStatus], allowed: set[State]) -> list[PageStatus]:
    """The pages that make `status` exit non-zero: any state but up to date, unless it is allowed."""
    return [status for status in statuses if status.states - allowed]


def unused_sources(project: Project, checker: ParityChecker | None = None) -> list[str]:
    """The store entries that no translated page is stamped against (left behind by a deleted translation)."""
    bases = (checker or ParityChecker(project)).bases
    stamps: dict[str, set[str]] = {}
    for language in project.translations:
        for page in project.pages(language.code):
            translated = bases.page(language.code, page)
            if translated is None or translated.front_matter is None:
                return []  # status reports the page; deciding on a guess could have a needed entry deleted
            try:
                stamp = stamp_of(translated.front_matter, translated.path)
            except PageError:
                return []
            if stamp is not None:
                stamps.setdefault(page, set()).add(stamp)
    return [project.shown(path) for path in sources_of(project.root).unused(stamps)]


_CHANGE_NAMES = {Change.CHANGED: "changed", Change.ADDED: "added", Change.REMOVED: "removed"}


def _section_changes(changes: list[SectionChange]) -> list[str]:
    lines = ["English changes since the stamp, by section ([-removed-] {+added+}):"]
    for change in changes:
        section = change.section
        name = "the top of the page" if section.id is None else f"{'#' * section.level} {section.title} (#{section.id})"
        lines.append(f"  {_CHANGE_NAMES[change.change]:<8} {name}")
        lines.extend(f"      {line}" for line in change.diff)
    return lines


def _details(project: Project, status: PageStatus) -> list[str]:
    english = project.shown(project.page_path(project.default_language, status.page))
    translated = project.shown(project.page_path(status.language, status.page))
    stamp = f"{COMMAND} stamp {translated}"
    lines: list[str] = []
    if State.MISSING in status.states:
        lines.append(f"translate {english} into {translated}, then run: {stamp}")
    if State.ORPHAN in status.states:
        lines.append(f"{english} no longer exists: delete {translated}, or move it to where its English page went")
    if State.OUTDATED in status.states and status.origin is Origin.LOST and status.differences:
        lines.append(f"the English text this page was stamped against is lost ({status.note}), so the page is "
                     f"compared with today's {english} and counts as drifted until it matches it and is stamped; "
                     "these differences may be English changes as well as translation errors:")
    lines.extend(str(difference) for difference in status.differences)
    if State.UNSTAMPED in status.states and status.source_missing:
        entry = project.shown(sources_of(project.root).path(status.page, status.stamp or ""))
        lines.append(f"the English text of its stamp is not kept intact in {entry}, so a later English change could "
                     f"not be told apart from a translation error; run: {stamp}")
    elif State.UNSTAMPED in status.states:
        lines.append(f"{translated} has no '{STAMP_KEY}': once it says what {english} says, run: {stamp}")
    if State.OUTDATED in status.states:
        lines.append(f"{english} changed since this translation was stamped ({status.stamp}, now {status.english})")
        if status.changes:
            lines.extend(_section_changes(status.changes))
        elif status.changes is not None:
            lines.append("no section changed: only blank lines or line endings did")
        if status.remaining:
            lines.append(f"update in progress; still different from today's {english}:")
            lines.extend(f"  {difference}" for difference in status.remaining)
        if status.origin is Origin.HISTORY:
            lines.append(f"the stamped English text was {status.note}")
        elif status.origin is Origin.LOST and not status.differences:
            lines.append(f"the English changes cannot be shown: {status.note}")
        if status.ready:
            lines.append(f"{translated} already matches {english}; run: {stamp}")
        else:
            lines.append(f"update {translated} to match, then run: {stamp}")
    return lines


def report(project: Project, statuses: dict[str, list[PageStatus]], allowed: set[State],
           unused: Sequence[str] = ()) -> str:
    """The text `status` prints: per language one summary line, then each page that is not up to date with what to
    do about it (with the English changes of outdated pages, section by section, when asked for)."""
    out: list[str] = []
    for code, pages in statuses.items():
        counts = Counter(status.state for status in pages)
        summary = ", ".join(f"{counts[state]} {state.value}" for state in reversed(SEVERITY) if counts[state])
        out.append(f"{code} ({project.language(code).name}): {summary or 'no pages'}")
        for status in pages:
            if not status.states:
                continue
            out.append(f"  {status.label:<12} {status.page}")
            out.extend(f"      {line}" for line in _details(project, status))
        out.append("")
    if unused:
        out.append("No translation is stamped against these English texts any more; delete them:")
        out.extend(f"  {path}" for path in unused)
        out.append("")
    everything = [status for pages in statuses.values() for status in pages]
    bad = failing(everything, allowed)
    tolerated = [status for status in everything if status.states and not status.states - allowed]
    if bad:
        out.append(f"{len(bad)} page(s) need work; status exits with 1.")
    else:
        out.append("Every translation is up to date." if not tolerated else
                   f"Nothing else to do; {len(tolerated)} page(s) allowed by "
                   f"{' '.join('--allow-' + state.name.lower() for state in sorted(allowed, key=SEVERITY.index))}.")
    return "\n".join(out)
