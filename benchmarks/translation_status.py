"""How fast `translations status` is on a big docs tree, measured on a generated one.

    python -m benchmarks.translation_status [--pages 300] [--rounds 3]

The tree has English pages with sections, code blocks, include lines, links and admonitions, each translated into
two languages with the English heading ids and stamped. Printed, each the best of the rounds:
- `status --no-diff` with every translation up to date, in this process and as the installed command;
- `status` with every translation outdated (each English page gained a section and changed a sentence), with the
  English changes computed once per English page and shared by the languages, as `status` does;
- the same with each language computing its own English changes, side by side, and the ratio of the two.
Everything is written into a temporary folder, removed at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docs_tools import project as project_module
from docs_tools.figures.texts import TEXTS_NAME
from docs_tools.markdown.fingerprint import fingerprint
from docs_tools.translation import cli
from docs_tools.translation.messages import MESSAGES_NAME
from docs_tools.translation.stamped_sources import sources_of
from docs_tools.translation.state import TranslationState

LANGUAGES = {"pt": ("Português", "Secção"), "ru": ("Русский", "Раздел")}
ROOT = Path(__file__).resolve().parent.parent

CONFIG = """\
site_name: Benchmark
docs_dir: docs
theme:
  name: material
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - locale: en
          name: English
          default: true
{languages}
markdown_extensions:
  - admonition
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
"""


def english_page(number: int, pages: int) -> str:
    """One English page: a title, six sections with prose, a code block, an include, links and an admonition."""
    out = [f"---\ndescription: Page {number}\n---\n\n# Page {number}\n\nAn introduction to page {number}.\n"]
    for section in range(6):
        out.append(f"## Topic {section} of page {number}\n\nThe text of topic {section} explains one thing about "
                   f"page {number}, with [a link](page-{(number + 1) % pages}.md#topic-{section}-of-page-"
                   f"{(number + 1) % pages}).\n\n```python\nresult = run({section})  # runs it\n```\n\n"
                   f'```python title="example.py"\n{{!> ../../../docs_src/example.py !}}\n```\n\n'
                   f"!!! note\n    Worth knowing about topic {section}.\n")
    return "\n".join(out)


def translated_page(english: str, language: str) -> str:
    """The page with its prose marked as translated and each heading keeping the English id."""
    name, word = LANGUAGES[language]
    lines = []
    for line in english.split("\n"):
        if line.startswith("#") and " " in line:
            marks, text = line.split(" ", 1)
            slug = text.lower().replace(" ", "-")
            line = f"{marks} {word} {text} {{ #{slug} }}"
        elif line.startswith(("The text", "An introduction")):
            line = f"({name}) {line}"
        lines.append(line)
    return "\n".join(lines)


def outdated(english: str) -> str:
    """The English page after an ordinary change: one sentence reworded and a section added at the end."""
    return english.replace("explains one thing", "explains a thing", 1) + (
        "\n## A new topic\n\nSomething English readers learned first.\n")


def generate(root: Path, pages: int) -> Path:
    """A project of `pages` English pages, translated into every language of LANGUAGES and stamped."""
    languages = "\n".join(f"        - locale: {code}\n          name: {name}" for code, (name, _) in LANGUAGES.items())
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIG.format(languages=languages), encoding="utf-8")
    for name in (MESSAGES_NAME, TEXTS_NAME):  # the texts readers see outside the pages, which status checks too
        shutil.copy2(ROOT / name, root / name)
    (root / "docs_src").mkdir()
    (root / "docs_src" / "example.py").write_text("print('example')\n", encoding="utf-8")
    sources = sources_of(root)
    for number in range(pages):
        page = f"page-{number}.md"
        english = english_page(number, pages)
        _write(root / "docs" / "en" / page, english)
        sources.record(page, english)
        for language in LANGUAGES:
            stamped = translated_page(english, language).replace("---\n", f"---\ntranslation_of: "
                                                                              f"{fingerprint(english)}\n", 1)
            _write(root / "docs" / language / page, stamped)
    return root


def make_outdated(root: Path) -> None:
    for path in sorted((root / "docs" / "en").glob("*.md")):
        path.write_text(outdated(path.read_text(encoding="utf-8")), encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def best(rounds: int, run: Callable[[], object]) -> float:
    """The shortest wall time of `rounds` runs, in seconds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def status_in_process(root: Path, *arguments: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()):
        return cli.main(["--project", str(root), "status", *arguments])


def status_command(root: Path, *arguments: str) -> int:
    command = Path(sys.executable).parent / "translations"
    return subprocess.run([str(command), "--project", str(root), "status", *arguments], capture_output=True,
                          timeout=600).returncode


def per_language_changes(root: Path) -> None:
    """Every language computing its own English changes: a state (and its caches) per language."""
    project = project_module.load(root)
    for language in LANGUAGES:
        TranslationState(project).language(language, diffs=True)


def shared_changes(root: Path) -> None:
    project = project_module.load(root)
    state = TranslationState(project)
    for language in LANGUAGES:
        state.language(language, diffs=True)


def measure(root: Path, pages: int, rounds: int) -> list[str]:
    """The figures, as printed lines."""
    generate(root, pages)
    translated = pages * len(LANGUAGES)
    assert status_in_process(root, "--no-diff") == 0, "the generated translations are not up to date"
    lines = [f"generated tree: {pages} English pages, {translated} translated pages in {len(LANGUAGES)} languages"]
    lines.append(f"status --no-diff, all up to date, in-process:         "
                 f"{best(rounds, lambda: status_in_process(root, '--no-diff')):.3f} s")
    lines.append(f"status --no-diff, all up to date, installed command:  "
                 f"{best(rounds, lambda: status_command(root, '--no-diff')):.3f} s")
    make_outdated(root)
    assert status_in_process(root, "--allow-outdated") == 0, "outdated pages were reported as drifted"
    lines.append(f"status --no-diff, all {translated} outdated, in-process:        "
                 f"{best(rounds, lambda: status_in_process(root, '--no-diff', '--allow-outdated')):.3f} s")
    shared = best(rounds, lambda: shared_changes(root))
    separate = best(rounds, lambda: per_language_changes(root))
    lines.append(f"status with English changes, computed once per English page: {shared:.3f} s")
    lines.append(f"status with English changes, computed once per language (English read and diffed per language): "
                 f"{separate:.3f} s")
    lines.append(f"ratio once-per-language / once-per-page: {separate / shared:.2f}")
    lines.append(f"status with English changes, installed command:           "
                 f"{best(rounds, lambda: status_command(root, '--allow-outdated')):.3f} s")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.translation_status", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=300, help="English pages to generate (default: 300)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each measurement; the best counts")
    arguments = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="status-benchmark-"))
    try:
        for line in measure(folder / "project", arguments.pages, arguments.rounds):
            print(line, flush=True)
    finally:
        shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
