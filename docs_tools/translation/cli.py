"""Translation workflow: what to translate or update, stamping, and adding a language.

Run from the project root (or any folder below it) with the project's environment:

    .venv/bin/translations status [LANGUAGE | PAGE ...] [--allow-outdated] [--allow-missing] [--no-diff]
    .venv/bin/translations stamp docs/pt/responses.md [...]
    .venv/bin/translations stamp --all [LANGUAGE ...]
    .venv/bin/translations new-language CODE [--name NAME]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from docs_tools import project as project_module
from docs_tools.markdown.fingerprint import COMMAND
from docs_tools.markdown.front_matter import PageError
from docs_tools.translation import reader_texts
from docs_tools.translation.glossary import GlossaryError
from docs_tools.translation.scaffold import ScaffoldError, add_language
from docs_tools.translation.stamp import StampError, page_of, stamp
from docs_tools.translation.state import State, TranslationState
from docs_tools.translation.status import failing, report, unused_sources

USAGE_ERROR = 2


def _languages(project: project_module.Project, codes: list[str]) -> list[str]:
    if not codes:
        return [language.code for language in project.translations]
    for code in codes:
        project.language(code)
        if code == project.default_language:
            raise project_module.ProjectError(f"'{code}' is the source language; name a translation")
    return codes


def _selection(project: project_module.Project, arguments: list[str]) -> tuple[list[str], set[str] | None]:
    """The languages and pages that `status` arguments name: language codes, and pages either as files
    (docs/pt/responses.md, docs/en/responses.md) or as paths inside a language folder (responses.md)."""
    codes = {language.code for language in project.languages}
    languages: list[str] = []
    pages: set[str] = set()
    for argument in arguments:
        if argument in codes or not argument.endswith(".md"):
            languages.append(argument)
            continue
        path = Path(argument)
        path = path if path.is_absolute() or path.exists() else project.root / path
        try:
            parts = path.resolve().relative_to(project.docs_dir.resolve()).parts
        except ValueError:
            parts = ()
        if len(parts) >= 2 and parts[0] in codes:
            if parts[0] != project.default_language:
                languages.append(parts[0])
            pages.add("/".join(parts[1:]))
        else:
            pages.add(Path(argument).as_posix())
    known = set(project.pages(project.default_language)).union(
        *(project.pages(language.code) for language in project.translations))
    unknown = sorted(pages - known)
    if unknown:
        raise project_module.ProjectError(f"no such page in any language: {', '.join(unknown)}")
    return _languages(project, list(dict.fromkeys(languages))), pages or None


def command_status(project: project_module.Project, arguments: argparse.Namespace) -> int:
    started = time.perf_counter()
    state = TranslationState(project)
    languages, pages = _selection(project, arguments.selection)
    statuses = {code: state.language(code, diffs=not arguments.no_diff, only=pages) for code in languages}
    allowed: set[State] = set()
    if arguments.allow_outdated:
        allowed.add(State.OUTDATED)
    if arguments.allow_missing:
        allowed.add(State.MISSING)
    texts = reader_texts.problems(project, languages)
    print(report(project, statuses, allowed, unused_sources(state) if not arguments.selection else [], texts))
    everything = [status for pages in statuses.values() for status in pages]
    print(f"Checked {len(everything)} page(s) in {len(statuses)} language(s) in {time.perf_counter() - started:.2f} s.")
    return 1 if failing(everything, allowed) or texts else 0


def command_stamp(project: project_module.Project, arguments: argparse.Namespace) -> int:
    state = TranslationState(project)
    if arguments.all:
        targets = [(code, page) for code in _languages(project, arguments.pages) for page in project.pages(code)]
    elif not arguments.pages:
        raise StampError("name the translated pages to stamp (e.g. docs/pt/responses.md), or use --all [LANGUAGE]")
    else:
        targets = [page_of(project, argument, Path.cwd()) for argument in arguments.pages]
    refused = 0
    for language, page in targets:
        try:
            result = stamp(project, state, language, page)
        except (StampError, PageError) as error:
            refused += 1
            print(error, file=sys.stderr)
            continue
        kept = f"; English text kept in {result.recorded}" if result.recorded else ""
        print(f"{result.path}: {'stamped' if result.changed else 'already stamped'} {result.stamp}{kept}")
    return 1 if refused else 0


def command_new_language(project: project_module.Project, arguments: argparse.Namespace) -> int:
    added = add_language(project, arguments.code, arguments.name)
    print(f"Added {added.code} ({added.name}):")
    print(f"  {project_module.CONFIG_NAME}:{added.config_line}: the language entry; translate its site_name,")
    print("    site_description, colour toggle names and nav_translations values")
    print(f"  {project.shown(added.messages)}: the '{added.code}' block, a copy of English's, to translate")
    if added.figures is not None:
        print(f"  {project.shown(added.figures)}: the '{added.code}' block of the figures' words, a copy of English's, "
              "to translate")
    print(f"  {project.shown(added.folder)}/: the pages go here, with the same paths as in English")
    print(f"Next: {COMMAND} status {added.code} --allow-missing")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="translations",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument("--project", type=Path,
                      help="the folder holding mkdocs.yml (default: the nearest one from the current folder up)")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    status = commands.add_parser(
        "status",
        help="every translated page: up to date, outdated, unstamped, missing, orphan or drifted",
        description="Every translated page with its state and what to do; exits with 1 unless all are up to date.",
    )
    status.add_argument("selection", nargs="*", metavar="LANGUAGE|PAGE",
                        help="only these languages and pages, e.g. pt, docs/pt/responses.md or responses.md "
                        "(default: every page of every translation)")
    status.add_argument("--allow-outdated", action="store_true", help="outdated pages do not make the exit code 1")
    status.add_argument("--allow-missing", action="store_true", help="missing pages do not make the exit code 1")
    status.add_argument("--no-diff", action="store_true", help="do not show the English changes of outdated pages")
    status.set_defaults(run=command_status)

    stamp_parser = commands.add_parser(
        "stamp",
        help="record that translated pages match the current English pages",
        description="Write the current English page's fingerprint into each translated page's front matter, and "
        "keep the English text in translation_sources/. Pages whose structure differs from English are refused, "
        "with the differences.",
    )
    stamp_parser.add_argument("pages", nargs="*", metavar="PAGE",
                              help="translated pages, e.g. docs/pt/responses.md (with --all: languages)")
    stamp_parser.add_argument("--all", action="store_true", help="every translated page of the named languages "
                              "(default: all languages)")
    stamp_parser.set_defaults(run=command_stamp)

    new = commands.add_parser(
        "new-language",
        help="add a language: mkdocs.yml entry, docs folder, reader messages",
        description="Add a language to the site in one step.",
    )
    new.add_argument("code", help="a language code the Material theme knows, e.g. de, es, pt-BR")
    new.add_argument("--name", help="the language's own name for the language selector (default: from the code)")
    new.set_defaults(run=command_new_language)
    return main


def main(argv: list[str] | None = None) -> int:
    """The command's exit code: 0 done, 1 pages need work or were refused, 2 bad usage or input."""
    try:
        arguments = parser().parse_args(argv)
    except SystemExit as exit:  # argparse has printed the usage or the help
        return exit.code if isinstance(exit.code, int) else USAGE_ERROR
    try:
        root = arguments.project.resolve() if arguments.project else project_module.find_root(Path.cwd())
        project = project_module.load(root)
        return arguments.run(project, arguments)
    except (project_module.ProjectError, StampError, ScaffoldError, PageError, GlossaryError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    except BrokenPipeError:
        # The reader stopped reading (`translations status | head`): write nothing more, and no traceback.
        # Python flushes stdout once more at exit, so it is pointed at /dev/null first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1

