"""The `proofs` command: which claims name no proof, and which named proofs are not tests.

    .venv/bin/proofs            # every page of every language; exit 1 when anything is to fix

It reads the pages and the tests' source, and runs no test.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from docs_tools import project as project_module
from docs_tools.proofs.check import PROVEN_PAGES, PageProofs, check

USAGE_ERROR = 2


def report(results: list[PageProofs]) -> tuple[str, bool]:
    """The report, and whether anything is to fix."""
    lines = []
    failing = False
    for page in results:
        if page.errors or page.unproven:
            failing = True
            lines.append(f"{page.path}: {page.proofs} proof(s), {len(page.unproven)} section(s) without one")
            lines.extend(f"  {error}" for error in page.errors)
            lines.extend(f"  {page.path}:{section.line}: the section '{section.title}' names no proof"
                         for section in page.unproven)
        elif page.proofs or page.required:
            lines.append(f"{page.path}: {page.proofs} proof(s), every section proven" if page.required
                         else f"{page.path}: {page.proofs} proof(s)")
    if any(page.unproven for page in results):
        lines.append("A section names a proof with [[proof: tests/…/test_x.py::test_name]] after each claim, or "
                     "states that it claims nothing with <!-- proof: none, why -->.")
    total = sum(page.proofs for page in results)
    lines.append(f"{total} proof(s) on {len(results)} page(s); pages that must prove every section are listed "
                 f"under extra.{PROVEN_PAGES} in mkdocs.yml")
    return "\n".join(lines), failing


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="proofs", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, help="the folder of mkdocs.yml (default: found from here up)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """0 when every mark names a test and every required section names a proof, 1 otherwise, 2 on bad input."""
    try:
        arguments = parser().parse_args(argv)
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else USAGE_ERROR
    try:
        root = arguments.project.resolve() if arguments.project else project_module.find_root(Path.cwd())
        text, failing = report(check(project_module.load(root)))
    except project_module.ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    print(text)
    return 1 if failing else 0
