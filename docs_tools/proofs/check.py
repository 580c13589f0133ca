"""Which claims of the site name no proof, and which named proofs are not tests: the check behind the `proofs`
command and the suite's test of the pages.

Every page of every language is read for its marks (see `docs_tools.markdown.proof_marks`); each must name a test
pytest runs (see `docs_tools.proofs.suite`). The English pages listed under `extra: proven_pages:` in mkdocs.yml must
also name at least one proof in every section (a heading and the text under it, up to the next heading; the text
above the first heading counts with the title), unless the section states that it claims nothing to prove. That a
translation names the same proofs in the same sections as the English page is parity's to check
(`docs_tools.translation.parity`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docs_tools.markdown.outline import Heading, Outline, outline
from docs_tools.markdown.proof_marks import ProofMark
from docs_tools.project import CONFIG_NAME, Project, ProjectError
from docs_tools.proofs.suite import Suite, UnknownTest

PROVEN_PAGES = "proven_pages"
"""The key under mkdocs.yml's `extra:` listing the English pages every section of which names a proof."""


@dataclass(frozen=True)
class Unproven:
    line: int
    title: str
    """The section's heading as written; the page's title for the text above the first heading."""


@dataclass
class PageProofs:
    path: str
    required: bool
    marks: list[ProofMark] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """'path:line: message' for each mark that names no test, and for each page error."""
    unproven: list[Unproven] = field(default_factory=list)

    @property
    def proofs(self) -> int:
        return len(self.marks)


def proven_pages(project: Project) -> list[str]:
    """The English pages whose every section must name a proof, as mkdocs.yml lists them."""
    listed = project.config.extra.get(PROVEN_PAGES) or []
    if not isinstance(listed, list) or not all(isinstance(page, str) for page in listed):
        raise ProjectError(f"{CONFIG_NAME}: extra.{PROVEN_PAGES} must be a list of page paths, e.g. "
                           "[background-tasks.md]")
    known = set(project.pages(project.default_language))
    unknown = [page for page in listed if page not in known]
    if unknown:
        raise ProjectError(f"{CONFIG_NAME}: extra.{PROVEN_PAGES} names pages that docs/{project.default_language}/ "
                           f"does not have: {', '.join(unknown)}")
    return listed


def _sections(page: Outline) -> list[tuple[int, str, int]]:
    """(first line, title, last line) of each section; the text above the first heading joins the title's."""
    lines = page.text.count("\n") + 1
    headings: list[Heading] = page.headings
    if not headings:
        return [(1, page.path, lines)]
    starts = [1 if index == 0 else heading.line for index, heading in enumerate(headings)]
    ends = [start - 1 for start in starts[1:]] + [lines]
    return [(start, heading.text, end) for start, heading, end in zip(starts, headings, ends)]


def check_page(page: Outline, suite: Suite, required: bool) -> PageProofs:
    found = PageProofs(page.path, required, list(page.proofs))
    found.errors.extend(str(error) for error in page.errors)
    for mark in page.proofs:
        try:
            suite.test(mark.node)
        except UnknownTest as error:
            found.errors.append(f"{page.path}:{mark.line}: {error}")
    if not required:
        return found
    for start, title, end in _sections(page):
        proven = any(start <= mark.line <= end for mark in page.proofs)
        declared = [line for line in page.no_claims if start <= line <= end]
        if proven and declared:
            found.errors.append(f"{page.path}:{declared[0]}: the section '{title}' names proofs and also says it "
                                "claims nothing to prove; remove one of the two")
        elif not proven and not declared:
            found.unproven.append(Unproven(start, title))
    return found


def check(project: Project, suite: Suite | None = None) -> list[PageProofs]:
    """Every page of every language, English first; the pages of `proven_pages` checked section by section."""
    suite = suite or Suite(project.root)
    required = set(proven_pages(project))
    results = []
    for language in project.languages:
        for name in project.pages(language.code):
            path = project.page_path(language.code, name)
            page = outline(path.read_text(encoding="utf-8"), project.shown(path), project.heading_id)
            is_required = language.code == project.default_language and name in required
            results.append(check_page(page, suite, is_required))
    return results
