"""Every page of every language, 404 pages included, in Chromium: loaded once, and every check that reads a page
made on that one load.

- No request to another host, no console error or warning, no page error, no failed request, no error status.
- No serious or critical accessibility violation, as axe-core (the npm package pinned in package-lock.json) finds
  them, in the light scheme and, switched with the page's toggle, in the dark one.
- At 1280 px, no code block scrolls sideways and no copy button covers the first line of its block.
- On a phone (390 px), no page scrolls sideways.
- The responses table reads at 1280 px and on a phone: no class name breaks in the middle, nothing scrolls
  sideways, and on a phone each row is a block of lines labelled with the column headings.

The pages of one language are visited on one xdist worker (a test class per language), so that the languages share
out between the workers and each is visited once; the tests read what the visits found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.mkdocs_site import LANGUAGES, ROOT, language_root, page_sources, page_url

pytestmark = pytest.mark.long(seconds=35)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
EXCLUDED: dict[str, str] = {}
"""axe rules left out, each with the reason; none is."""
SCHEMES = {"light": "default", "dark": "slate"}
"""The colour scheme a reader's system asks for, and Material's name for the scheme it then shows."""
FIRST_VISIT = "localStorage.clear();"
"""Run before each page's own scripts: no scheme a toggle chose on an earlier page is remembered."""
TABLE_PAGE = "responses.md"
TABLE_LAYOUT = """() => {
    const table = document.querySelector(".md-typeset table");
    const frame = table.closest(".md-typeset__scrollwrap") || table.parentElement;
    const cell = table.querySelector("tbody td");
    return {
        broken: [...table.querySelectorAll("td code")].filter(c => c.getClientRects().length > 1).map(c => c.textContent),
        overflow: frame.scrollWidth - frame.clientWidth,
        rows: getComputedStyle(table.querySelector("tbody tr")).display,
        label: getComputedStyle(cell, "::before").content,
        heading: table.querySelector("th").textContent.trim(),
    };
}"""
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 15_000
AXE_LIMIT_MS = 60_000
"""Far longer than axe takes on the longest page under load: a run past it has hung."""

SEARCH_READY = """() => {
    const config = JSON.parse(document.getElementById("__config").textContent);
    const meta = document.querySelector(".md-search-result__meta");
    return meta !== null && meta.textContent.trim() === config.translations["search.result.placeholder"];
}"""
"""Material's search worker has fetched the index and its language scripts, the last requests a page makes by
itself: the search box then says "Type to start searching" in the page's language, in place of "Initializing"."""

AXE_RUN = """async ([excluded, limit]) => {
    const rules = Object.fromEntries(excluded.map(id => [id, {enabled: false}]));
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error(`axe ran for over ${limit} ms`)), limit));
    const result = await Promise.race([axe.run(document, {resultTypes: ["violations"], rules}), late]);
    return result.violations.map(v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.target.join(" "))]);
}"""
"""axe on the page, bounded: `page.evaluate` has no timeout of its own, and would wait for a run that never ends."""

CODE_FITS = """() => [...document.querySelectorAll("pre > code")].flatMap((code, index) => {
    const out = [];
    if (code.scrollWidth > code.clientWidth) out.push(`block ${index} scrolls by ${code.scrollWidth - code.clientWidth} px`);
    const button = code.parentElement.querySelector(".md-clipboard");
    const text = code.textContent, end = text.indexOf("\\n") < 0 ? text.length : text.indexOf("\\n");
    if (button && end > 0) {
        const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let seen = 0, node, started = false;
        while ((node = walker.nextNode())) {
            if (!started) { range.setStart(node, 0); started = true; }
            if (seen + node.length >= end) { range.setEnd(node, end - seen); break; }
            seen += node.length;
        }
        const line = range.getBoundingClientRect(), box = button.getBoundingClientRect();
        if (line.right > box.left && line.top < box.bottom) out.push(`the copy button covers block ${index}'s first line`);
    }
    return out;
})"""


@dataclass
class Visits:
    """What the visits of one language's pages found, each finding under the page's path."""

    traffic: dict[str, list[str]] = field(default_factory=dict)
    accessibility: dict[str, dict[str, list[str]]] = field(default_factory=lambda: {scheme: {} for scheme in SCHEMES})
    code: dict[str, list[str]] = field(default_factory=dict)
    phone_width: dict[str, int] = field(default_factory=dict)
    table: dict[str, dict] = field(default_factory=dict)
    """The responses table's layout on the desktop and on the phone."""
    paths: list[str] = field(default_factory=list)


def paths_of(language: str) -> list[str]:
    """Every page of the language, then its 404 page (opened by its own address, as a host serves it for a miss)."""
    return [page_url(source, language) for source in page_sources()] + [f"{language_root(language)}404.html"]


def violations(page) -> list[str]:
    """Every serious or critical violation on the page, each with its rule, its impact and up to three elements."""
    found = page.evaluate(AXE_RUN, [list(EXCLUDED), AXE_LIMIT_MS])
    return [f"{rule} ({impact}): {', '.join(targets)}" for rule, impact, targets in found if impact in SERIOUS]


def visit(browser, site_url: str, language: str) -> Visits:
    """Each page loaded once, as a first-time reader whose system asks for the light scheme sees it; checked; then
    switched to the dark scheme with the page's own toggle (the scheme a system asking for dark opens: see
    test_the_toggled_dark_scheme_is_the_one_a_dark_system_preference_opens) and checked again, at 1280 px, then on
    a phone."""
    visits = Visits(paths=paths_of(language))
    local = urlsplit(site_url).netloc
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    context.add_init_script(script=FIRST_VISIT)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    in_flight: set = set()

    def route(route):
        if urlsplit(route.request.url).netloc != local:
            problems.append(f"another host: {route.request.url}")
            route.abort()
        else:
            route.continue_()

    def failed(request):
        in_flight.discard(request)
        if urlsplit(request.url).netloc == local:
            problems.append(f"failed: {request.url} ({request.failure})")

    page.route("**/*", route)
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", failed)
    page.on("response", lambda response: problems.append(f"{response.status}: {response.url}")
            if response.status >= 400 else None)
    try:
        for path in visits.paths:
            page.set_viewport_size(DESKTOP)
            page.goto(site_url + path)
            page.wait_for_function(SEARCH_READY)
            if in_flight:  # anything the page still fetches
                try:
                    page.wait_for_event("requestfinished", predicate=lambda _: not in_flight)
                except PlaywrightTimeout:
                    problems.append(f"still loading after {TIMEOUT_MS} ms: {[r.url for r in in_flight]}")
            for scheme, shown in SCHEMES.items():
                if scheme != "light":
                    switch_scheme(page, shown)
                assert scheme_of(page) == shown, f"/{path} shows {scheme_of(page)}, not {shown}"
                found = violations(page)
                if found:
                    visits.accessibility[scheme][path] = found
            code = page.evaluate(CODE_FITS)
            if code:
                visits.code[path] = code
            table = path == page_url(TABLE_PAGE, language)
            if table:
                visits.table["desktop"] = page.evaluate(TABLE_LAYOUT)
            page.set_viewport_size(PHONE)
            if table:
                visits.table["phone"] = page.evaluate(TABLE_LAYOUT)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                visits.phone_width[path] = width
            if problems:
                visits.traffic[path] = problems[:]
                problems.clear()
    finally:
        context.close()
    return visits


def scheme_of(page) -> str:
    return page.locator("body").get_attribute("data-md-color-scheme")


def switch_scheme(page, shown: str) -> None:
    """Click the header's toggle until the page shows the scheme Material calls `shown`."""
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function("shown => document.body.getAttribute('data-md-color-scheme') === shown", arg=shown)


@pytest.fixture(scope="module")
def axe_installed():
    assert AXE.is_file(), f"{AXE} is missing; ./scripts/test.sh installs it with npm ci"


class _PagesOfALanguage:
    """The checks of one language's pages. A class per language (below): xdist (`--dist loadscope`) hands each class
    to one worker, so the languages share out between the workers and each language's pages are visited once."""

    language: str

    @pytest.fixture(scope="class")
    @classmethod
    def visits(cls, browser, site_url, axe_installed) -> Visits:
        return visit(browser, site_url, cls.language)

    def test_every_page_loads_from_this_host_only_with_no_console_error_and_no_failed_request(self, visits):
        assert len(visits.paths) == len(page_sources()) + 1
        assert visits.traffic == {}

    @pytest.mark.parametrize("scheme", SCHEMES)
    def test_no_serious_accessibility_violation_on_any_page(self, visits, scheme):
        found = visits.accessibility[scheme]
        assert found == {}, "\n".join(f"/{path}: {problem}" for path, problems in found.items() for problem in problems)

    def test_no_code_block_scrolls_sideways_and_no_copy_button_covers_code_at_1280_px(self, visits):
        assert visits.code == {}

    def test_no_page_scrolls_sideways_on_a_phone(self, visits):
        assert visits.phone_width == {}

    def test_the_responses_table_reads_on_desktop_and_on_a_phone(self, visits):
        """No class name breaks in the middle, nothing scrolls sideways; on a phone each row is a block of labelled
        lines, the column headings written before each value."""
        desktop, phone = visits.table["desktop"], visits.table["phone"]
        for layout in (desktop, phone):
            assert layout["broken"] == [], layout
            assert layout["overflow"] <= 0, layout
        assert desktop["rows"] == "table-row", desktop
        assert phone["rows"] == "block", phone
        assert phone["label"] == f'"{phone["heading"]}: "', phone


for _language in LANGUAGES:
    _name = "TestPagesIn" + "".join(part.capitalize() for part in _language.split("-"))
    globals()[_name] = type(_name, (_PagesOfALanguage,), {"language": _language})


THEME_STATE = """() => ({
    body: Object.fromEntries([...document.body.attributes].map(a => [a.name, a.value])),
    toggles: [...document.querySelectorAll("form[data-md-component=palette] label")].map(l => [l.htmlFor, l.hidden]),
    colours: ["body", ".md-header", ".md-typeset a", ".md-typeset code", ".highlight .k", ".md-footer"].map(
        selector => { const e = document.querySelector(selector);
                      return e && [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]; }),
})"""


@pytest.mark.parametrize("source", ["performance.md"])  # a page with highlighted code, and a short one
def test_the_toggled_dark_scheme_is_the_one_a_dark_system_preference_opens(browser, site_url, source):
    """What the accessibility checks rely on when they switch a page to the dark scheme with its toggle: the same
    body attributes, colours and visible toggle. (The click also checks the palette's hidden radio button, which a
    dark preference leaves unchecked: a state no axe rule reads.)"""
    states = {}
    for preference in ("dark", "light"):
        context = browser.new_context(viewport=DESKTOP, color_scheme=preference)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        try:
            page.goto(site_url + page_url(source, "en"))
            page.wait_for_function(SEARCH_READY)  # the theme's scripts have all run
            if preference == "light":
                switch_scheme(page, SCHEMES["dark"])
            states[preference] = page.evaluate(THEME_STATE)
        finally:
            context.close()
    assert states["dark"]["body"]["data-md-color-scheme"] == SCHEMES["dark"]
    assert states["light"] == states["dark"]
