"""Project trees in a temporary folder: small ones for the translation tools, and copies of the real project."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from docs_tools import project as project_module
from docs_tools.figures.texts import TEXTS_NAME
from docs_tools.markdown.fingerprint import fingerprint
from docs_tools.translation.glossary import GLOSSARY_NAME
from docs_tools.translation.messages import MESSAGES_NAME
from docs_tools.translation.parity import Difference
from docs_tools.translation.stamped_sources import SOURCES_NAME, sources_of
from docs_tools.translation.state import TranslationState
from tests.mkdocs_site import ROOT

CONFIG = """\
site_name: Tree
site_description: A site for the translation tools.
docs_dir: docs
theme:
  name: material
  palette:
    - scheme: default
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - locale: en
          name: English
          default: true
        - locale: pt
          name: Português
          nav_translations:
            Home: Início
        - locale: ru
          name: Русский
          nav_translations:
            Home: Главная
# the last line of the languages
nav:
  - Home: index.md
markdown_extensions:
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
"""


@dataclass
class Tree:
    root: Path

    def write(self, language: str, page: str, text: str) -> Path:
        path = self.root / "docs" / language / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def read(self, language: str, page: str) -> str:
        return (self.root / "docs" / language / page).read_text(encoding="utf-8")

    def translate(self, language: str, page: str, text: str, english: str, keep_source: bool = True) -> Path:
        """docs/<language>/<page> holding `text`, stamped against the English text `english` as
        `translations stamp` would have stamped it: with that text kept in the store (unless `keep_source` is
        false)."""
        if keep_source:
            sources_of(self.root).record(page, english)
        return self.write(language, page, f"---\ntranslation_of: {fingerprint(english)}\n---\n\n{text}")

    def commit(self, message: str) -> None:
        """Everything in the tree committed, in a git repository created by the first commit."""
        if not (self.root / ".git").exists():
            git(self.root, "init", "-q", "-b", "main")
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "-m", message)

    def project(self) -> project_module.Project:
        return project_module.load(self.root)

    def differences(self, language: str, page: str) -> list[Difference]:
        return TranslationState(self.project()).parity.check_page(language, page)

    def messages(self, language: str, page: str) -> list[str]:
        return [str(difference) for difference in self.differences(language, page)]


def make_tree(root: Path, config: str = CONFIG) -> Tree:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy2(ROOT / MESSAGES_NAME, root / MESSAGES_NAME)
    shutil.copy2(ROOT / TEXTS_NAME, root / TEXTS_NAME)
    return Tree(root)


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Tree",
    "GIT_AUTHOR_EMAIL": "tree@example.com",
    "GIT_COMMITTER_NAME": "Tree",
    "GIT_COMMITTER_EMAIL": "tree@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV}, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def copy_project(destination: Path) -> Path:
    """The real site's sources (config, reader messages, glossary, figure words, hooks, pages, examples, stamped
    English texts, recorded timelines, benchmark results, and the tests the pages name as proofs) in a folder the
    test may change.

    The copied hooks import `docs_tools` from the installed package, like the real ones.
    """
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", MESSAGES_NAME, GLOSSARY_NAME, TEXTS_NAME):
        shutil.copy2(ROOT / name, destination / name)
    ignore = shutil.ignore_patterns("__pycache__")
    for name in ("docs", "docs_src", "hooks", SOURCES_NAME, "theme_overrides", "timelines", "benchmarks/results",
                 "tests"):
        shutil.copytree(ROOT / name, destination / name, ignore=ignore)
    return destination
