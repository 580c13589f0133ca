"""What building the site costs, and what the project's include extension costs next to `pymdownx.snippets`.

    ./scripts/benchmark.sh --only build_cost [--quick] [--output FOLDER]

Every figure is the wall time of a whole `mkdocs build --strict` process (Python's start and the imports included,
as a writer waits for it), run from this environment's `mkdocs` with NO_MKDOCS_2_WARNING=1 into a new temporary
folder each time; a build that exits with anything but 0 stops the benchmark with its output. Measured:

- the site as published: every language of mkdocs.yml;
- a one-language preview, PREVIEW_LANGUAGE=pt (hooks/preview_language.py then builds English and pt);
- a generated site in a temporary folder, 100 pages of 10 includes each of the files of a copy of docs_src/, built
  three ways: with the project's include extension (`{!> ../../../docs_src/PATH !}` lines, the variant named
  "extension"),
  with pymdownx.snippets (`--8<-- "docs_src/PATH"`, `check_paths: true` so that a missing file fails the build),
  and without the include lines, as the baseline both are compared with (an include's cost is variant - baseline).
  The three share the pages' text, the plain `mkdocs` theme, no plugin, and pymdownx.highlight and superfences. The
  include extension is given the generated folder, beside the copy of docs_src/, as the project root, and each
  variant's configuration file sits in that folder.

All five builds take turns in every round (the order rotates from round to round), so that they share the machine's
state; each figure is the median of 5 rounds (about 60 s in all). After every build its output is checked: the
languages built, and on the generated site every page holds the text of each file it includes (none for the
baseline), the same HTML with the extension as with snippets. `--quick` builds each once, with a generated site of 10
pages (about 6 s).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.mkdocs_site import LANGUAGES, language_root, text_of

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")
INCLUDE_EXTENSION = "docs_tools.extensions.includes"
PREVIEW_LANGUAGE = "pt"
RUNS = 5
QUICK_RUNS = 1
PAGES = 100
QUICK_PAGES = 10
INCLUDES_PER_PAGE = 10
BUILD_TIMEOUT = 120.0
INCLUDE_VARIANTS = ("baseline", "extension", "snippets")


class BuildFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Build:
    """One way of building, and the check its output must pass."""

    name: str
    config: Path
    env: dict[str, str]
    check: Callable[[Path], None]


def build_environment(**extra: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name != "PREVIEW_LANGUAGE"}
    return {**env, "NO_MKDOCS_2_WARNING": "1", **extra}


def timed_build(build: Build, site: Path) -> float:
    """Seconds the build took, once it exited with 0 and its output passed the check."""
    command = [str(MKDOCS), "build", "--strict", "-f", str(build.config), "-d", str(site)]
    started = time.perf_counter()
    try:
        finished = subprocess.run(command, cwd=build.config.parent, env=build.env, stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired as error:
        raise BuildFailed(f"{build.name}: {' '.join(command)} did not end in {BUILD_TIMEOUT}s:\n"
                          f"{error.stdout or ''}{error.stderr or ''}") from None
    except FileNotFoundError:
        raise BuildFailed(f"{build.name}: {MKDOCS} not found; run the benchmark with the project's .venv/bin/python")
    elapsed = time.perf_counter() - started
    if finished.returncode != 0:
        raise BuildFailed(f"{build.name}: {' '.join(command)} exited with {finished.returncode}:\n"
                          f"{finished.stdout}{finished.stderr}")
    build.check(site)
    return elapsed


def languages_built(site: Path, expected: tuple[str, ...]) -> None:
    built = tuple(code for code in LANGUAGES if (site / language_root(code) / "index.html").is_file())
    if built != expected:
        raise BuildFailed(f"{site}: the languages built are {built}, not {expected}")


def source_files(docs_src: Path) -> list[str]:
    """The files an include may name: every non-empty Python file of docs_src/, as paths from the project root."""
    files = sorted(path for path in docs_src.rglob("*.py") if "__pycache__" not in path.parts and path.stat().st_size)
    return [path.relative_to(docs_src.parent).as_posix() for path in files]


def page_includes(page: int, files: list[str]) -> list[str]:
    """The files page number `page` includes: distinct within a page, every file in turn across the pages."""
    return [files[(page * INCLUDES_PER_PAGE + number) % len(files)] for number in range(INCLUDES_PER_PAGE)]


INCLUDE_LINES: dict[str, Callable[[str], str | None]] = {
    "baseline": lambda path: None,
    "extension": lambda path: f"{{!> ../../../{path} !}}",
    "snippets": lambda path: f'--8<-- "{path}"',
}


def page_markdown(page: int, includes: list[str], variant: str) -> str:
    """A page of `includes` code blocks, each under its own heading; the include line is the variant's syntax."""
    parts = [f"# Page {page}\n"]
    for number, path in enumerate(includes, start=1):
        line = INCLUDE_LINES[variant](path)
        body = "" if line is None else line + "\n"
        parts.append(f"## Example {number}\n\nThe code of `{path}`:\n\n```python\n{body}```\n")
    return "\n".join(parts)


def site_config(folder: Path, variant: str) -> dict:
    extensions: list = ["pymdownx.highlight", "pymdownx.superfences"]
    config = {"site_name": "Included code", "docs_dir": f"pages/{variant}", "strict": True,
              "theme": {"name": "mkdocs"}, "plugins": [], "markdown_extensions": extensions}
    if variant == "extension":
        extensions.insert(0, {INCLUDE_EXTENSION: {"root": str(folder)}})
    if variant == "snippets":
        extensions.append({"pymdownx.snippets": {"base_path": [str(folder)], "check_paths": True}})
    return config


@dataclass(frozen=True)
class IncludeSite:
    """The generated site: its folder, and the files each page includes."""

    folder: Path
    pages: dict[str, list[str]]
    """Page file name -> the paths (from the site's root) of the files it includes."""

    def config(self, variant: str) -> Path:
        return self.folder / f"{variant}.yml"

    @property
    def includes(self) -> int:
        return sum(len(paths) for paths in self.pages.values())


def generate_include_site(folder: Path, pages: int) -> IncludeSite:
    """A copy of docs_src/ and, for each variant, `pages` pages and a configuration file beside it."""
    shutil.copytree(ROOT / "docs_src", folder / "docs_src", ignore=shutil.ignore_patterns("__pycache__"))
    files = source_files(folder / "docs_src")
    if len(files) < INCLUDES_PER_PAGE:
        raise BuildFailed(f"docs_src/ has {len(files)} non-empty Python files; a page includes {INCLUDES_PER_PAGE}")
    included = {f"page-{page:03}.md": page_includes(page, files) for page in range(1, pages + 1)}
    for variant in INCLUDE_VARIANTS:
        docs = folder / "pages" / variant
        docs.mkdir(parents=True)
        for name, paths in included.items():
            (docs / name).write_text(page_markdown(int(name[5:8]), paths, variant), encoding="utf-8")
        (folder / f"{variant}.yml").write_text(yaml.safe_dump(site_config(folder, variant)), encoding="utf-8")
    return IncludeSite(folder, included)


def included_text(site_folder: Path, path: str) -> str:
    return (site_folder / path).read_text(encoding="utf-8").rstrip("\n")


def check_includes(site: IncludeSite, variant: str, output: Path) -> None:
    """Every page holds the text of each file it includes (the baseline none)."""
    for name, paths in site.pages.items():
        text = text_of((output / name.removesuffix(".md") / "index.html").read_text(encoding="utf-8"))
        held = [path for path in paths if included_text(site.folder, path) in text]
        expected = [] if variant == "baseline" else paths
        if held != expected:
            raise BuildFailed(f"{variant}: {name} holds the code of {held}, expected {expected}")


def same_pages(first: Path, second: Path, pages: list[str]) -> None:
    """The two builds wrote the same HTML for each of `pages`."""
    for name in pages:
        page = Path(name.removesuffix(".md")) / "index.html"
        if (first / page).read_bytes() != (second / page).read_bytes():
            raise BuildFailed(f"{page}: the HTML differs between {first} and {second}")


def measure(quick: bool = False) -> dict:
    """Median wall times in seconds; `quick` builds once each, and a generated site of 10 pages."""
    runs = QUICK_RUNS if quick else RUNS
    page_count = QUICK_PAGES if quick else PAGES
    default, *_ = LANGUAGES
    with tempfile.TemporaryDirectory(prefix="build-cost-") as scratch:
        scratch_path = Path(scratch)
        site = generate_include_site(scratch_path / "generated", page_count)
        builds = [
            Build("all_languages", ROOT / "mkdocs.yml", build_environment(),
                  lambda output: languages_built(output, LANGUAGES)),
            Build("preview", ROOT / "mkdocs.yml", build_environment(PREVIEW_LANGUAGE=PREVIEW_LANGUAGE),
                  lambda output: languages_built(output, (default, PREVIEW_LANGUAGE))),
            *(Build(variant, site.config(variant), build_environment(),
                    lambda output, variant=variant: check_includes(site, variant, output))
              for variant in INCLUDE_VARIANTS),
        ]
        times: dict[str, list[float]] = {build.name: [] for build in builds}
        for round_number in range(runs):
            turn = builds[round_number % len(builds):] + builds[:round_number % len(builds)]
            outputs = {}
            for build in turn:
                outputs[build.name] = scratch_path / f"{build.name}-{round_number}"
                times[build.name].append(timed_build(build, outputs[build.name]))
            same_pages(outputs["extension"], outputs["snippets"], list(site.pages))
            for output in outputs.values():
                shutil.rmtree(output)
    median = {name: round(statistics.median(values), 3) for name, values in times.items()}
    return {
        "runs": runs,
        "site": {"languages": len(LANGUAGES), "pages": len(list((ROOT / "docs").rglob("*.md"))),
                 "all_languages_s": median["all_languages"], "preview_s": median["preview"],
                 "preview_language": PREVIEW_LANGUAGE},
        "includes": {"pages": page_count, "includes": site.includes, "baseline_s": median["baseline"],
                     "extension_s": median["extension"], "snippets_s": median["snippets"]},
    }
