"""The report a translator reads to know what to do next, from the state of every translated page (see
`docs_tools.translation.state`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from docs_tools.markdown.fingerprint import COMMAND, STAMP_KEY
from docs_tools.markdown.sections import Change, SectionChange
from docs_tools.project import Project
from docs_tools.translation.stamped_sources import sources_of
from docs_tools.translation.state import SEVERITY, Origin, PageStatus, State, TranslationState


def failing(statuses: list[PageStatus], allowed: set[State]) -> list[PageStatus]:
    """The pages that make `status` exit non-zero: any state but up to date, unless it is allowed."""
    return [status for status in statuses if status.states - allowed]


def unused_sources(state: TranslationState) -> list[str]:
    """The store entries that no translated page is stamped against (left behind by a deleted translation)."""
    stamps = state.stamps_in_use()
    return [] if stamps is None else [state.project.shown(path) for path in state.sources.unused(stamps)]


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
    lost = status.origin is not None and not status.origin.found
    if State.OUTDATED in status.states and lost and status.differences:
        lines.append(f"the English text this page was stamped against is lost ({status.note}), so the page is "
                     f"compared with today's {english} and counts as drifted until it matches it and is stamped; "
                     "these differences may be English changes as well as translation errors:")
    if status.unknown_stamp is not None:
        lines.append(str(status.unknown_stamp))
        if status.differences:
            lines.append(f"compared with today's {english}, it differs:")
    lines.extend(str(difference) for difference in status.differences)
    unstamped = State.UNSTAMPED in status.states and status.unknown_stamp is None
    if unstamped and status.source_missing:
        entry = project.shown(sources_of(project.root).path(status.page, status.stamp or ""))
        lines.append(f"the English text of its stamp is not kept intact in {entry}, so a later English change could "
                     f"not be told apart from a translation error; run: {stamp}")
    elif unstamped:
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
        elif lost and not status.differences:
            lines.append(f"the English changes cannot be shown: {status.note}")
        if status.ready:
            lines.append(f"{translated} already matches {english}; run: {stamp}")
        else:
            lines.append(f"update {translated} to match, then run: {stamp}")
    return lines


def report(project: Project, statuses: dict[str, list[PageStatus]], allowed: set[State],
           unused: Sequence[str] = (), texts: Sequence[str] = ()) -> str:
    """The text `status` prints: per language one summary line, then each page that is not up to date with what to
    do about it (with the English changes of outdated pages, section by section, when asked for); then the texts
    readers see outside the pages that are missing or untranslated (`texts`, see `reader_texts`)."""
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
    if texts:
        out.append("Texts readers see outside the pages:")
        out.extend(f"  {text}" for text in texts)
        out.append("")
    everything = [status for pages in statuses.values() for status in pages]
    bad = failing(everything, allowed)
    tolerated = [status for status in everything if status.states and not status.states - allowed]
    if bad or texts:
        work = [f"{len(bad)} page(s)"] * bool(bad) + [f"{len(texts)} text(s)"] * bool(texts)
        out.append(f"{' and '.join(work)} need work; status exits with 1.")
    else:
        out.append("Every translation is up to date." if not tolerated else
                   f"Nothing else to do; {len(tolerated)} page(s) allowed by "
                   f"{' '.join('--allow-' + state.name.lower() for state in sorted(allowed, key=SEVERITY.index))}.")
    return "\n".join(out)
