"""The documentation project as the translation tools see it: languages, folders and heading ids, from mkdocs.yml."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown.extensions.toc import slugify as markdown_slugify
from mkdocs.utils.yaml import get_yaml_loader

from hooks.translation_fingerprint import COMMAND  # noqa: F401 - the build hooks name the same command

ROOT = Path(__file__).resolve().parents[2]
CONFIG_NAME = "mkdocs.yml"


class ProjectError(ValueError):
    """mkdocs.yml does not describe a folder-structured multilingual site."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    default_language: str
    languages: tuple[Language, ...]
    slugify: Callable[[str, str], str]
    separator: str

    @property
    def translations(self) -> tuple[Language, ...]:
        """Every configured language except the default (English) one."""
        return tuple(language for language in self.languages if language.code != self.default_language)

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        known = ", ".join(language.code for language in self.translations)
        raise ProjectError(f"{CONFIG_NAME}: '{code}' is not a translated language here (known: {known})")

    def page_path(self, language: str, page: str) -> Path:
        return self.docs_dir / language / page

    def shown(self, path: Path) -> str:
        """A path as messages print it: relative to the project root, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def pages(self, language: str) -> list[str]:
        """Page paths relative to docs/<language>/, e.g. 'index.md', 'reference/background.md'."""
        base = self.docs_dir / language
        if not base.is_dir():
            return []
        return sorted(path.relative_to(base).as_posix() for path in base.rglob("*.md"))

    def heading_id(self, text: str) -> str:
        return self.slugify(text, self.separator)


def yaml_error(where: str, error: yaml.YAMLError) -> str:
    """`where:line: not valid YAML (problem)`, so a broken file is named like every other bad input."""
    mark = getattr(error, "problem_mark", None)
    line = f":{mark.line + 1}" if mark is not None else ""
    return f"{where}{line}: not valid YAML ({getattr(error, 'problem', None) or error})"


def read_config(root: Path) -> dict[str, Any]:
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ProjectError(f"{path}: not found; run the tools from the project root or pass --project")
    try:
        with path.open(encoding="utf-8") as stream:
            config = yaml.load(stream, Loader=get_yaml_loader())
    except yaml.YAMLError as error:
        raise ProjectError(yaml_error(str(path), error)) from None
    if not isinstance(config, dict):
        raise ProjectError(f"{path}: not a mapping of settings")
    return config


def i18n_settings(config: dict[str, Any]) -> dict[str, Any]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            settings = plugin["i18n"] or {}
            if settings.get("docs_structure") != "folder":
                raise ProjectError(f"{CONFIG_NAME}: the i18n plugin must use 'docs_structure: folder'")
            return settings
    raise ProjectError(f"{CONFIG_NAME}: no 'i18n' entry under 'plugins:'")


def nav_labels(nav: Any) -> list[str]:
    """Every label of a mkdocs.yml `nav:`, sections and pages, depth first."""
    labels: list[str] = []
    for item in nav or []:
        if isinstance(item, dict):
            for label, value in item.items():
                labels.append(label)
                if isinstance(value, list):
                    labels.extend(nav_labels(value))
    return labels


def _toc_options(config: dict[str, Any]) -> dict[str, Any]:
    for extension in config.get("markdown_extensions") or []:
        if isinstance(extension, dict) and "toc" in extension:
            return extension["toc"] or {}
    return {}


def load(root: Path = ROOT) -> Project:
    """The project whose mkdocs.yml is in `root`."""
    config = read_config(root)
    settings = i18n_settings(config)
    languages, default = [], None
    for entry in settings.get("languages") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("locale"), str):
            raise ProjectError(f"{CONFIG_NAME}: each language of the i18n plugin needs a 'locale', found {entry!r}")
        languages.append(Language(entry["locale"], entry.get("name", entry["locale"])))
        if entry.get("default"):
            default = entry["locale"]
    if default is None:
        raise ProjectError(f"{CONFIG_NAME}: no language of the i18n plugin has 'default: true'")
    toc = _toc_options(config)
    return Project(
        root=root,
        docs_dir=root / config.get("docs_dir", "docs"),
        default_language=default,
        languages=tuple(languages),
        slugify=toc.get("slugify", markdown_slugify),
        separator=toc.get("separator", "-"),
    )
