"""Record, in a translated page, the fingerprint of the English page it now matches, and keep that English text.

Stamping is the translator saying "this page says what the English page says today". It is refused while parity
with today's English page fails, since a page with a missing code block or heading cannot match it yet. The English
text goes into the `translation_sources/` store first, then the fingerprint into the page; store entries of the page
that no translation is stamped against any more are removed last, so an interrupted stamp loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from docs_tools.markdown.fingerprint import fingerprint
from docs_tools.markdown.front_matter import PageError, read, stamp_of, with_stamp
from docs_tools.markdown.page_file import read_page
from docs_tools.project import Project
from docs_tools.translation.stamped_sources import SourceError, sources_of
from docs_tools.translation.state import TranslationState


class StampError(ValueError):
    """A page that cannot be stamped; the message says why and what to do."""


@dataclass(frozen=True)
class Stamped:
    path: str
    stamp: str
    changed: bool
    """Whether the page was written."""
    recorded: str | None
    """The store entry written, when the store did not hold it yet."""


def page_of(project: Project, argument: str, cwd: Path) -> tuple[str, str]:
    """(language, page) of a translated file named on the command line, e.g. 'docs/pt/responses.md'."""
    candidate = Path(argument)
    path = candidate if candidate.is_absolute() else (cwd / candidate)
    if not path.exists() and not candidate.is_absolute():
        path = project.root / candidate
    try:
        relative = PurePosixPath(path.resolve().relative_to(project.docs_dir.resolve()).as_posix())
    except ValueError:
        raise StampError(f"{argument}: not a page under {project.shown(project.docs_dir)}/<language>/") from None
    if len(relative.parts) < 2 or relative.suffix != ".md":
        raise StampError(f"{argument}: not a page under {project.shown(project.docs_dir)}/<language>/")
    language, page = relative.parts[0], PurePosixPath(*relative.parts[1:]).as_posix()
    if language == project.default_language:
        raise StampError(f"{argument}: English pages are the source and are never stamped; name a translated page")
    if language not in {lang.code for lang in project.translations}:
        known = ", ".join(lang.code for lang in project.translations)
        raise StampError(f"{argument}: '{language}' is not a language in mkdocs.yml (known: {known})")
    return language, page


def stamp(project: Project, state: TranslationState, language: str, page: str) -> Stamped:
    """Write the current English fingerprint into docs/<language>/<page>, and the English text into the store;
    StampError says why it cannot."""
    translated = project.page_path(language, page)
    english = project.page_path(project.default_language, page)
    shown = project.shown(translated)
    if not translated.is_file() and not english.is_file():
        raise StampError(f"{shown}: no such page, and no {project.shown(english)} to translate; check the path")
    if not translated.is_file():
        raise StampError(f"{shown}: no such page; translate {project.shown(english)} into it first")
    if not english.is_file():
        raise StampError(f"{shown}: {project.shown(english)} does not exist, so there is nothing to match")
    current = state.english(page)
    assert current is not None, page
    differences = state.parity.check_page(language, page, against=current)
    if differences:
        listed = "\n".join(f"  {difference}" for difference in differences)
        raise StampError(f"{shown}: not stamped, it does not match the English page yet:\n{listed}")
    sources = state.sources
    value = fingerprint(current.text)
    try:
        kept = sources.read(page, value) is not None
    except SourceError:
        kept = False  # an edited or unreadable entry: written anew
    recorded = None if kept else project.shown(sources.record(page, current.text))
    text = read_page(translated, shown)
    stamped = with_stamp(text, value, shown)
    if stamped != text:
        translated.write_bytes(stamped.encode("utf-8"))
    sources.prune(page, _stamps_in_use(project, page))
    return Stamped(shown, value, stamped != text, recorded)


def _stamps_in_use(project: Project, page: str) -> set[str]:
    """The stamps of every translation of `page`; an unreadable one keeps every entry (nothing is removed on
    a guess)."""
    stamps = set()
    for language in project.translations:
        path = project.page_path(language.code, page)
        if not path.is_file():
            continue
        try:
            value = stamp_of(read(read_page(path, project.shown(path)), project.shown(path)), project.shown(path))
        except PageError:
            return {stamp for _, stamp in sources_of(project.root).entries().values()}
        if value is not None:
            stamps.add(value)
    return stamps
