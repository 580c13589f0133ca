"""The documentation project as MkDocs reads it: the one reader of `mkdocs.yml` for hooks, tools and tests.

MkDocs loads the configuration itself (`load_config`), so the languages are the ones the i18n plugin validated
and heading ids come from the very slugify the build uses. A broken file is reported like every other bad input:
with the file, the line when YAML knows it, and every configuration error of the load at once.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown.extensions.toc import slugify as markdown_slugify
from mkdocs import exceptions
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from docs_tools.translation.messages import MESSAGES_NAME
from docs_tools.yaml_data import yaml_error

CONFIG_NAME = "mkdocs.yml"


class ProjectError(ValueError):
    """mkdocs.yml cannot be read, or does not describe a folder-structured multilingual site."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str


def root_of(config: MkDocsConfig) -> Path:
    """The project root: the folder of the configuration file."""
    return Path(config.config_file_path).resolve().parent


def shown(path: Path, root: Path) -> str:
    """A path as messages print it: relative to the project root, with forward slashes."""
    if path.is_absolute() and root.is_absolute() and ".." not in path.parts and path.is_relative_to(root):
        return path.relative_to(root).as_posix()  # the common case, without the file system calls of resolve()
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


_CONFIG_VALUE = re.compile(
    r"^Config value '(?P<key>[^']+)'(?:: Plugin '(?P<plugin>[^']+)' option '(?P<option>[^']+)')?"
)


def _entry(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key, value) nodes of `key` in a mapping node, or in the `- key:` item of a list such as `plugins:`."""
    if isinstance(node, yaml.MappingNode):
        return next(((name, value) for name, value in node.value if getattr(name, "value", None) == key), None)
    if isinstance(node, yaml.SequenceNode):
        return next(filter(None, (_entry(item, key) for item in node.value)), None)
    return None


def _located(path: Path, text: str, message: str) -> str:
    """MkDocs' message about a setting, with the line of `path` where the setting is written, and that line."""
    match = _CONFIG_VALUE.match(message)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        node = None
    entry = None
    for key in filter(None, (match["key"], match["plugin"], match["option"]) if match else ()):
        entry = _entry(node, key)
        if entry is None:
            break
        node = entry[1]
    if entry is None:
        return f"{path}: {message}"
    line = entry[0].start_mark.line
    return f"{path}:{line + 1}: {message} (the line is {text.split(chr(10))[line].strip()!r})"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _config_messages() -> Iterator[list[str]]:
    """What MkDocs logs about the configuration while it loads it (it logs each error, then aborts)."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs.config")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def read_config(path: Path, **overrides: Any) -> MkDocsConfig:
    """The configuration in `path`, validated by MkDocs (with `overrides`, e.g. `site_dir=...`)."""
    if not path.is_file():
        raise ProjectError(f"{path}: not found; run the tools from the project root or pass --project")
    with _config_messages() as messages:
        try:
            return load_config(config_file=str(path), **overrides)
        except exceptions.ConfigurationError as error:
            cause = error.__context__
            if isinstance(cause, yaml.YAMLError):
                raise ProjectError(yaml_error(str(path), cause)) from None
            raise ProjectError(f"{path}: {error}") from None
        except exceptions.Abort:
            text = path.read_text(encoding="utf-8")
            raise ProjectError("\n".join(_located(path, text, message) for message in messages)) from None


def _same_function(slugify: Callable[[str, str], str]) -> Any:
    """What makes two slugify functions the same: `pymdownx.slugs.slugify(case=...)` writes a new partial at each
    read of mkdocs.yml, equal in what it calls and with."""
    if isinstance(slugify, functools.partial):
        return slugify.func, slugify.args, tuple(sorted(slugify.keywords.items()))
    return slugify


@dataclass(frozen=True, eq=False)
class HeadingIds:
    """The site's id for a heading written without one; equal to another when it writes the same ids, so that work
    keyed on it (a page's outline) is shared by every read of the same mkdocs.yml."""

    slugify: Callable[[str, str], str]
    separator: str

    def __call__(self, text: str) -> str:
        return self.slugify(text, self.separator)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HeadingIds) and (_same_function(self.slugify), self.separator) == (
            _same_function(other.slugify), other.separator)

    def __hash__(self) -> int:
        return hash((_same_function(self.slugify), self.separator))


@dataclass(frozen=True)
class Project:
    root: Path
    config: MkDocsConfig
    docs_dir: Path
    default_language: str
    languages: tuple[Language, ...]
    slugify: Callable[[str, str], str]
    separator: str

    @property
    def translations(self) -> tuple[Language, ...]:
        """Every configured language except the default (English) one."""
        return tuple(language for language in self.languages if language.code != self.default_language)

    @property
    def messages_path(self) -> Path:
        return self.root / MESSAGES_NAME

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        known = ", ".join(language.code for language in self.translations)
        raise ProjectError(f"{CONFIG_NAME}: '{code}' is not a translated language here (known: {known})")

    def page_path(self, language: str, page: str) -> Path:
        return self.docs_dir / language / page

    def shown(self, path: Path) -> str:
        return shown(path, self.root)

    def pages(self, language: str) -> list[str]:
        """Page paths relative to docs/<language>/, e.g. 'index.md', 'reference/background.md'."""
        base = self.docs_dir / language
        if not base.is_dir():
            return []
        return sorted(path.relative_to(base).as_posix() for path in base.rglob("*.md"))

    @property
    def heading_id(self) -> HeadingIds:
        return HeadingIds(self.slugify, self.separator)


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


def from_config(config: MkDocsConfig) -> Project:
    """The project a loaded configuration describes; it must use mkdocs-static-i18n in folder mode."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise ProjectError(f"{CONFIG_NAME}: no 'i18n' entry under 'plugins:'")
    if i18n.config.docs_structure != "folder":
        raise ProjectError(f"{CONFIG_NAME}: the i18n plugin must use 'docs_structure: folder'")
    languages = tuple(Language(entry.locale, entry.name or entry.locale) for entry in i18n.config.languages)
    default = next(entry.locale for entry in i18n.config.languages if entry.default)
    toc = config.mdx_configs.get("toc", {})
    return Project(
        root=root_of(config),
        config=config,
        docs_dir=Path(config.docs_dir),
        default_language=default,
        languages=languages,
        slugify=toc.get("slugify", markdown_slugify),
        separator=toc.get("separator", "-"),
    )


def find_root(start: Path) -> Path:
    """The nearest folder holding mkdocs.yml, from `start` up."""
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise ProjectError(
        f"{start}: no {CONFIG_NAME} here or above; run the tools from the project root or pass --project"
    )


def load(root: Path) -> Project:
    """The project whose mkdocs.yml is in `root`."""
    return from_config(read_config(root / CONFIG_NAME))
