"""Screenshots of every page in every language, light and dark, on a desktop and a phone: for a person to look at
before a release.

    python -m docs_tools.serving.screenshots [FOLDER]

The site is built strictly into a temporary folder, served on 127.0.0.1 as a static host serves it, and each page
(404 pages included) is photographed whole in headless Chromium, as
`FOLDER/<language>/<page>-<light|dark>-<desktop|phone>.png`. FOLDER defaults to a new temporary folder; its path is
printed at the end.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build

from docs_tools import project as project_module
from docs_tools.serving.browser import chromium, serve_directory

SCHEMES = {"light": "default", "dark": "slate"}
DEVICES = {"desktop": (1280, 900), "phone": (390, 844)}
NOT_FOUND = "404"


@dataclass(frozen=True)
class Shot:
    language: str
    page: str
    """A page path such as 'reference/background.md', or '404'."""
    scheme: str
    device: str

    def file(self, folder: Path) -> Path:
        name = self.page.removesuffix(".md").replace("/", "-")
        return folder / self.language / f"{name}-{self.scheme}-{self.device}.png"

    def url(self, project: project_module.Project) -> str:
        prefix = "" if self.language == project.default_language else f"{self.language}/"
        if self.page == NOT_FOUND:
            return f"{prefix}404.html"
        stem = self.page.removesuffix(".md")
        path = "" if stem == "index" else stem.removesuffix("/index") + "/"
        return prefix + path


def shots(project: project_module.Project) -> list[Shot]:
    """Every page of every language (404 included), in each scheme, on each device."""
    pages = [*project.pages(project.default_language), NOT_FOUND]
    return [Shot(language.code, page, scheme, device) for language in project.languages for page in pages
            for scheme in SCHEMES for device in DEVICES]


def take(site: Path, project: project_module.Project, folder: Path, wanted: Iterable[Shot]) -> list[Path]:
    """Photograph each wanted shot of the built `site` into `folder`; the files written."""
    written = []
    with serve_directory(site) as base, chromium() as browser:
        for (scheme, device), group in _grouped(wanted).items():
            width, height = DEVICES[device]
            context = browser.new_context(viewport={"width": width, "height": height},
                                          color_scheme="dark" if scheme == "dark" else "light")
            page = context.new_page()
            try:
                for shot in group:
                    page.goto(base + shot.url(project), wait_until="networkidle")
                    scheme_shown = page.locator("body").get_attribute("data-md-color-scheme")
                    if scheme_shown != SCHEMES[scheme]:
                        raise RuntimeError(f"{shot.url(project)}: shown in {scheme_shown}, not {SCHEMES[scheme]}")
                    target = shot.file(folder)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
            finally:
                context.close()
    return written


def _grouped(wanted: Iterable[Shot]) -> dict[tuple[str, str], list[Shot]]:
    groups: dict[tuple[str, str], list[Shot]] = {}
    for shot in wanted:
        groups.setdefault((shot.scheme, shot.device), []).append(shot)
    return groups


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m docs_tools.serving.screenshots", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, help="where to write them (default: a new temporary folder)")
    arguments = parser.parse_args(argv)
    root = project_module.find_root(Path.cwd())
    project = project_module.load(root)
    folder = (arguments.folder or Path(tempfile.mkdtemp(prefix="screenshots-"))).resolve()
    with tempfile.TemporaryDirectory(prefix="site-") as site:
        config = project_module.read_config(root / project_module.CONFIG_NAME, site_dir=site)
        build(config)
        written = take(Path(site), project, folder, shots(project))
    print(f"{len(written)} screenshots in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
