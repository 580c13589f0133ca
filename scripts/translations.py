"""Translation workflow: what to translate or update, stamping, and adding a language.

Run from the project root with the project's environment:

    .venv/bin/python scripts/translations.py status [LANGUAGE ...] [--allow-outdated] [--allow-missing] [--no-diff]
    .venv/bin/python scripts/translations.py stamp docs/pt/responses.md [...]
    .venv/bin/python scripts/translations.py stamp --all [LANGUAGE ...]
    .venv/bin/python scripts/translations.py new-language CODE [--name NAME]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.translation import project as project_module  # noqa: E402 - needs the root on sys.path first
from scripts.translation.front_matter import PageError  # noqa: E402
from scripts.translation.parity import ParityChecker  # noqa: E402
from scripts.translation.scaffold import ScaffoldError, add_language  # noqa: E402
from scripts.translation.stamp import StampError, page_of, stamp  # noqa: E402
from scripts.translation.status import State, failing, language_status, report  # noqa: E402

USAGE_ERROR = 2


def _languages(project: project_module.Project, codes: list[str]) -> list[str]:
    if not codes:
        return [language.code for language in project.translations]
    for code in codes:
        project.language(code)
        if code == project.default_language:
            raise project_module.ProjectError(f"'{code}' is the source language; name a translation")
    return codes


def command_status(project: project_module.Project, arguments: argparse.Namespace) -> int:
    started = time.perf_counter()
    checker = ParityChecker(project)
    statuses = {code: language_status(project, code, history=not arguments.no_diff, checker=checker)
                for code in _languages(project, arguments.languages)}
    allowed: set[State] = set()
    if arguments.allow_outdated:
        allowed.add(State.OUTDATED)
    if arguments.allow_missing:
        allowed.add(State.MISSING)
    print(report(project, statuses, allowed))
    everything = [status for pages in statuses.values() for status in pages]
    print(f"Checked {len(everything)} page(s) in {len(statuses)} language(s) in {time.perf_counter() - started:.2f} s.")
    return 1 if failing(everything, allowed) else 0


def command_stamp(project: project_module.Project, arguments: argparse.Namespace) -> int:
    checker = ParityChecker(project)
    if arguments.all:
        targets = [(code, page) for code in _languages(project, arguments.pages) for page in project.pages(code)]
    elif not arguments.pages:
        raise StampError("name the translated pages to stamp (e.g. docs/pt/responses.md), or use --all [LANGUAGE]")
    else:
        targets = [page_of(project, argument, Path.cwd()) for argument in arguments.pages]
    refused = 0
    for language, page in targets:
        try:
            result = stamp(project, checker, language, page)
        except (StampError, PageError) as error:
            refused += 1
            print(error, file=sys.stderr)
            continue
        print(f"{result.path}: {'stamped' if result.changed else 'already stamped'} {result.stamp}")
    return 1 if refused else 0


def command_new_language(project: project_module.Project, arguments: argparse.Namespace) -> int:
    added = add_language(project, arguments.code, arguments.name)
    print(f"Added {added.code} ({added.name}):")
    print(f"  {project_module.CONFIG_NAME}:{added.config_line}: the language entry; translate its site_name,")
    print("    site_description, colour toggle names and nav_translations values")
    print(f"  {project.shown(added.messages)}: the '{added.code}' block, to translate")
    print(f"  {project.shown(added.folder)}/: the pages go here, with the same paths as in English")
    print(f"Next: {project_module.COMMAND} status {added.code} --allow-missing")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="scripts/translations.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument("--project", type=Path, default=ROOT,
                      help="the folder holding mkdocs.yml (default: the checkout this script is in)")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    status = commands.add_parser(
        "status",
        help="every translated page: up to date, outdated, unstamped, missing, orphan or drifted",
        description="Every translated page with its state and what to do; exits with 1 unless all are up to date.",
    )
    status.add_argument("languages", nargs="*", metavar="LANGUAGE", help="only these languages (default: all)")
    status.add_argument("--allow-outdated", action="store_true", help="outdated pages do not make the exit code 1")
    status.add_argument("--allow-missing", action="store_true", help="missing pages do not make the exit code 1")
    status.add_argument("--no-diff", action="store_true", help="do not show the English changes of outdated pages")
    status.set_defaults(run=command_status)

    stamp_parser = commands.add_parser(
        "stamp",
        help="record that translated pages match the current English pages",
        description="Write the current English page's fingerprint into each translated page's front matter. "
        "Pages whose structure differs from English are refused, with the differences.",
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
    arguments = parser().parse_args(argv)
    try:
        project = project_module.load(arguments.project.resolve())
        return arguments.run(project, arguments)
    except (project_module.ProjectError, StampError, ScaffoldError, PageError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR


if __name__ == "__main__":
    sys.exit(main())
