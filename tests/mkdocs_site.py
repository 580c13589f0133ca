"""Build the MkDocs site in this process, as `mkdocs build --strict` does, and read what it produced."""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import mkdocs.utils
from mkdocs import exceptions
from mkdocs.commands.build import build as mkdocs_build

from docs_tools import project
from docs_tools.markdown.includes import resolve
from docs_tools.markdown.outline import outline
from tests.coverage_pause import coverage_paused

ROOT = Path(__file__).resolve().parent.parent
PROJECT = project.load(ROOT)
DEFAULT_LANGUAGE = PROJECT.default_language
LANGUAGES = tuple(language.code for language in PROJECT.languages)
LANGUAGE_NAMES = {language.code: language.name for language in PROJECT.languages}
TRANSLATIONS = tuple(language for language in LANGUAGES if language != DEFAULT_LANGUAGE)


@dataclass(frozen=True)
class Built:
    site: Path
    log: list[tuple[str, str]]
    """(level name, message) of every record MkDocs and its plugins logged."""
    error: str | None
    """Why the build stopped, or None when it succeeded."""

    @property
    def text(self) -> str:
        return "\n".join(f"{level}: {message}" for level, message in self.log)

    def messages(self, level: str) -> list[str]:
        return [message for name, message in self.log if name == level]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelname, record.getMessage()))


@contextmanager
def _captured_log() -> Iterator[list[tuple[str, str]]]:
    handler = _Records()
    logger = logging.getLogger("mkdocs")
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def build(site: Path, config_file: Path = ROOT / "mkdocs.yml", **overrides) -> Built:
    """A strict build of `config_file` into `site`: what `mkdocs build --strict` does, without a new process.

    `overrides` replace settings of the file, as MkDocs' own command-line options do (e.g. `docs_dir=...`,
    `strict=False` for `--no-strict`).
    """
    # The i18n plugin replaces clean_directory and filters the build logger during its language builds, and puts
    # them back only when every one succeeded.
    clean_directory = mkdocs.utils.clean_directory
    build_logger = logging.getLogger("mkdocs.commands.build")
    filters = list(build_logger.filters)
    with coverage_paused(), _captured_log() as records:
        try:
            config = project.read_config(config_file, site_dir=str(site), **{"strict": True, **overrides})
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except (exceptions.MkDocsException, project.ProjectError) as error:
            return Built(site, records, str(error))
        finally:
            mkdocs.utils.clean_directory = clean_directory
            build_logger.filters[:] = filters
    return Built(site, records, None)


def page_sources(language: str = DEFAULT_LANGUAGE) -> list[str]:
    """Page paths relative to docs/<language>/, e.g. 'index.md', 'reference/background.md'."""
    return PROJECT.pages(language)


def page_url(source: str, language: str) -> str:
    """The URL path of a page as MkDocs (use_directory_urls) and the i18n plugin publish it."""
    stem = source[: -len(".md")]
    path = "" if stem == "index" else (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    return prefix + path


def language_root(language: str) -> str:
    """Where a language's site starts, relative to the site root: '' or 'pt/'."""
    return page_url("index.md", language)


_PAGE_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def page_config(markup: str) -> dict:
    """Material's `__config` of a built page (base URL, search worker, translations)."""
    return json.loads(_PAGE_CONFIG.search(markup)[1])


def page_file(site: Path, source: str, language: str) -> Path:
    return site / page_url(source, language) / "index.html"


_TAG = re.compile(r"<[^>]+>")


def text_of(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup))


@dataclass(frozen=True)
class Fence:
    """A fenced block of a page whose body is one include."""

    info: str
    include: str
    line: int


def include_fences(markdown: str) -> list[Fence]:
    """Every include of a page with its fence's info string, read by the translation tools' parser."""
    includes = outline(markdown, "page.md", PROJECT.heading_id).includes
    assert all(item.info is not None for item in includes), "an include line is outside a code fence"
    return [Fence(item.info.strip(), item.written, item.line) for item in includes]


_LINE_SPAN = re.compile(r'<span id="__span-(\d+)-(\d+)">')


def code_blocks(markup: str) -> list[list[tuple[str, bool]]]:
    """Each highlighted code block of a page as (text, is_highlighted) per line."""
    blocks: dict[int, list[tuple[str, bool]]] = {}
    pieces = _LINE_SPAN.split(markup)
    for block, _line, segment in zip(pieces[1::3], pieces[2::3], pieces[3::3]):
        segment = segment.split("</code>")[0]
        highlighted = re.match(r'(<a [^>]*></a>)?<span class="hll">', segment) is not None
        blocks.setdefault(int(block), []).append((text_of(segment).rstrip("\n"), highlighted))
    return [blocks[key] for key in sorted(blocks)]


def docs_src_file(written: str) -> Path:
    """The file an include line names, resolved (and checked) by the include hook itself."""
    return resolve(written, ROOT, "docs", 0)
