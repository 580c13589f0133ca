"""Build the MkDocs site in a subprocess and read what it produced."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from scripts.translation import project

ROOT = Path(__file__).resolve().parent.parent
_PROJECT = project.load(ROOT)
DEFAULT_LANGUAGE = _PROJECT.default_language
LANGUAGES = tuple(language.code for language in _PROJECT.languages)


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


_FENCE_INCLUDE = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n[ \t]*\{!>[ \t]*(?P<path>\S+)[ \t]*!\}[ \t]*$",
    re.MULTILINE,
)


def include_fences(markdown: str) -> list[Fence]:
    """Every include of a page, with its fence line; an include outside a fence is an error here."""
    fences = [
        Fence(m["info"].strip(), m["path"], markdown.count("\n", 0, m.start()) + 1)
        for m in _FENCE_INCLUDE.finditer(markdown)
    ]
    assert len(fences) == markdown.count("{!>"), "an include line is not the first line of a code fence"
    return fences


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
    parts = Path(written).parts
    return ROOT.joinpath(*parts[parts.index("docs_src") :])
