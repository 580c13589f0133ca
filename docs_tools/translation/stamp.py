"""Record, in a translated page, the fingerprint of the English page it now matches.

Stamping is the translator saying "this page says what the English page says today". It is refused while parity
fails, since a page with a missing code block or heading cannot match its English page yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from docs_tools.fingerprint import fingerprint
from docs_tools.front_matter import with_stamp
from docs_tools.project import Project
from docs_tools.translation.parity import ParityChecker


class StampError(ValueError):
    """A page that cannot be stamped; the message says why and what to do."""


@dataclass(frozen=True)
class Stamped:
    path: str
    stamp: str
    changed: bool


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


def stamp(project: Project, checker: ParityChecker, language: str, page: str) -> Stamped:
    """Write the current English fingerprint into docs/<language>/<page>; StampError says why it cannot."""
    translated = project.page_path(language, page)
    english = project.page_path(project.default_language, page)
    shown = project.shown(translated)
    if not translated.is_file():
        raise StampError(f"{shown}: no such page; translate {project.shown(english)} into it first")
    if not english.is_file():
        raise StampError(f"{shown}: {project.shown(english)} does not exist, so there is nothing to match")
    differences = checker.check_page(language, page)
    if differences:
        listed = "\n".join(f"  {difference}" for difference in differences)
        raise StampError(f"{shown}: not stamped, it does not match the English page yet:\n{listed}")
    text = translated.read_bytes().decode("utf-8")
    value = fingerprint(checker.outline_of(english).text)
    stamped = with_stamp(text, value, shown)
    if stamped != text:
        translated.write_bytes(stamped.encode("utf-8"))
    return Stamped(shown, value, stamped != text)
