"""Build the MkDocs site in a subprocess and read what it produced."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from hooks.includes import resolve
from scripts.translation import project
from scripts.translation.outline import outline

ROOT = Path(__file__).resolve().parent.parent
_PROJECT = project.load(ROOT)
DEFAULT_LANGUAGE = _PROJECT.default_language
LANGUAGES = tuple(language.code for language in _PROJECT.languages)
LANGUAGE_NAMES = {language.code: language.name for language in _PROJECT.languages}
TRANSLATIONS = tuple(language for language in LANGUAGES if language != DEFAULT_LANGUAGE)


def mkdocs(*args: str, cwd: Path = ROOT, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def build(dest: Path, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    return mkdocs("build", "--strict", "-f", str(config), "-d", str(dest), cwd=config.parent)


def page_sources(language: str = DEFAULT_LANGUAGE) -> list[str]:
    """Page paths relative to docs/<language>/, e.g. 'index.md', 'reference/background.md'."""
    return _PROJECT.pages(language)


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
    includes = outline(markdown, "page.md", _PROJECT.heading_id).includes
    assert all(item.info is not None for item in includes), "an include line is outside a code fence"
    return [Fence(item.info.strip(), item.written, item.line) for item in includes]


def parse_hl_lines(info: str) -> list[int]:
    """Line numbers named by a fence's hl_lines="1 3-5"."""
    match = re.search(r'hl_lines="([^"]*)"', info)
    if not match:
        return []
    numbers: list[int] = []
    for part in match[1].split():
        first, _, last = part.partition("-")
        numbers.extend(range(int(first), int(last or first) + 1))
    return numbers


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
