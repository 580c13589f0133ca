"""Every page of every language, 404 pages included, in the light and the dark scheme, has no serious or critical
accessibility violation, as axe-core (the npm package pinned in package-lock.json) finds them in Chromium.

A module of its own, with its own Chromium, so that it runs beside the other browser tests on the other worker.
"""

from __future__ import annotations

import pytest

from tests.mkdocs_site import LANGUAGES, ROOT, language_root, page_sources, page_url

pytestmark = pytest.mark.long

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
EXCLUDED: dict[str, str] = {}
"""Rules left out, each with the reason; none is."""
SCHEMES = {"light": "default", "dark": "slate"}


def violations(page) -> list[str]:
    """Every serious or critical violation on the page, each with its rule, its impact and up to three elements."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async excluded => {
            const rules = Object.fromEntries(excluded.map(id => [id, {enabled: false}]));
            const result = await axe.run(document, {resultTypes: ["violations"], rules});
            return result.violations.map(v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.target.join(" "))]);
        }""",
        list(EXCLUDED),
    )
    return [f"{rule} ({impact}): {', '.join(targets)}" for rule, impact, targets in found if impact in SERIOUS]


@pytest.fixture(scope="module")
def axe_installed():
    assert AXE.is_file(), f"{AXE} is missing; ./scripts/test.sh installs it with npm ci"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_serious_accessibility_violation_on_any_page(browser, site_url, axe_installed, language, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  color_scheme="dark" if scheme == "dark" else "light")
    page = context.new_page()
    page.set_default_timeout(15_000)
    found = {}
    try:
        for path in [page_url(source, language) for source in page_sources()] + [f"{language_root(language)}404.html"]:
            page.goto(site_url + path)
            assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme], path
            problems = violations(page)
            if problems:
                found[path] = problems
    finally:
        context.close()
    assert found == {}, "\n".join(f"/{path}: {problem}" for path, problems in found.items() for problem in problems)
