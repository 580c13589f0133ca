"""The state of every translated page, and the report a translator reads to know what to do next.

A page is up to date when it exists, passes parity and carries the fingerprint of the current English page.
Otherwise it is missing (only English has it), orphan (English no longer has it), drifted (parity fails),
unstamped (never stamped) or outdated (the English page changed since the stamped version); drifted can combine
with unstamped or outdated.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field

from docs_tools.fingerprint import COMMAND, STAMP_KEY, fingerprint
from docs_tools.front_matter import PageError, stamp_of
from docs_tools.project import Project
from docs_tools.translation.history import EnglishChanges, english_changes
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
    changes: EnglishChanges | None = None

    @property
    def state(self) -> State:
        """The state shown first: the most urgent one."""
        return next(state for state in SEVERITY if state in self.states or state is State.UP_TO_DATE)

    @property
    def label(self) -> str:
        return ", ".join(state.value for state in SEVERITY if state in self.states) or State.UP_TO_DATE.value


def page_status(project: Project, checker: ParityChecker, language: str, page: str, history: bool) -> PageStatus:
    status = PageStatus(language, page)
    english_path = project.page_path(project.default_language, page)
    translated_path = project.page_path(language, page)
    if not translated_path.is_file():
        status.states.add(State.MISSING)
        return status
    if not english_path.is_file():
        status.states.add(State.ORPHAN)
        return status
    status.differences = checker.check_page(language, page)
    if status.differences:
        status.states.add(State.DRIFTED)
    translated = checker.outline_of(translated_path)
    if translated.front_matter is None:
        return status
    try:
        status.stamp = stamp_of(translated.front_matter, translated.path)
    except PageError as error:
        status.states.add(State.DRIFTED)
        status.differences.append(Difference(error.path, error.line, error.reason))
        return status
    status.english = fingerprint(checker.outline_of(english_path).text)
    if status.stamp is None:
        status.states.add(State.UNSTAMPED)
    elif status.stamp != status.english:
        status.states.add(State.OUTDATED)
        if history:
            status.changes = english_changes(project.root, english_path, status.stamp, project.shown(english_path))
    return status


def language_status(project: Project, language: str, history: bool = True,
                    checker: ParityChecker | None = None, only: set[str] | None = None) -> list[PageStatus]:
    """Every page of one language: those English has, and those only the translation has (or those of `only`)."""
    checker = checker or ParityChecker(project)
    pages = sorted(set(project.pages(project.default_language)) | set(project.pages(language)))
    return [page_status(project, checker, language, page, history) for page in pages if only is None or page in only]


def failing(statuses: list[PageStatus], allowed: set[State]) -> list[PageStatus]:
    """The pages that make `status` exit non-zero: any state but up to date, unless it is allowed."""
    return [status for status in statuses if status.states - allowed]


def _details(project: Project, status: PageStatus) -> list[str]:
    english = project.shown(project.page_path(project.default_language, status.page))
    translated = project.shown(project.page_path(status.language, status.page))
    stamp = f"{COMMAND} stamp {translated}"
    lines: list[str] = []
    if State.MISSING in status.states:
        lines.append(f"translate {english} into {translated}, then run: {stamp}")
    if State.ORPHAN in status.states:
        lines.append(f"{english} no longer exists: delete {translated}, or move it to where its English page went")
    lines.extend(str(difference) for difference in status.differences)
    if State.UNSTAMPED in status.states:
        lines.append(f"{translated} has no '{STAMP_KEY}': once it says what {english} says, run: {stamp}")
    if State.OUTDATED in status.states:
        lines.append(f"{english} changed since this translation was stamped ({status.stamp}, now {status.english})")
        changes = status.changes
        if changes is not None and changes.diff is not None:
            lines.append(f"English changes since commit {changes.since} ([-removed-] {{+added+}}):")
            lines.extend("    " + line for line in changes.diff.split("\n"))
        elif changes is not None and changes.note is not None:
            lines.append(changes.note)
        lines.append(f"update {translated} to match, then run: {stamp}")
    return lines


def report(project: Project, statuses: dict[str, list[PageStatus]], allowed: set[State]) -> str:
    """The text `status` prints: per language one summary line, then each page that is not up to date with what to
    do about it (with the English changes of outdated pages when their history was looked up)."""
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
