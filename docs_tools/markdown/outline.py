"""What a Markdown page is made of, with source line numbers: the parts a translation must keep.

The outline holds the include lines (with their fence line), the other code blocks, the headings with the ids the
build gives them, the link targets, the admonition types and the front matter. Prose is deliberately absent: it
is what translators change.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from markdown.extensions.toc import unique

from docs_tools.markdown.code_comments import without_comments
from docs_tools.markdown.fences import parse_info
from docs_tools.markdown.front_matter import FrontMatter, PageError, read
from docs_tools.markdown.includes import IncludeError, find_includes
from docs_tools.markdown.newlines import normalise_newlines
from docs_tools.markdown.proof_marks import ProofMark, find_marks, find_none, without_marks

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*?)[ \t]*$")
_ATX = re.compile(r"^[ \t]*(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*$")
_SETEXT = re.compile(r"^[ \t]{0,3}(?P<rule>=+|-+)[ \t]*$")
_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*(?P<attrs>[^{}]*)\}[ \t]*$")
_ADMONITION = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>!!!|\?\?\?\+?)[ \t]*(?P<kind>[\w-]+(?:[ \t]+[\w-]+)*)(?:[ \t]+\"(?P<title>.*)\")?[ \t]*$"
)
_TAB = re.compile(r"^[ \t]*===\+?[ \t]+\"(?P<title>.*)\"[ \t]*$")
_CODE_SPAN = re.compile(r"(?P<ticks>`+)(?:[^`\n]|\n(?![ \t]*\n)|`(?!(?P=ticks)))+?(?P=ticks)")
_INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]\n]|\n(?![ \t]*\n)|\[[^\[\]\n]*\])*\]"
    r"\([ \t]*(?:<(?P<angled>[^>\n]*)>|(?P<bare>[^)\s]+))(?:[ \t\n]+(?:\"[^\"]*\"|'[^']*'))?[ \t]*\)"
)
_REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*(?:<(?P<angled>[^>\n]*)>|(?P<bare>\S+))", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp|mailto):[^>\s]+)>")
_HTML_TARGET = re.compile(r"\b(?:href|src)[ \t]*=[ \t]*(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)')")
_HTML_ID = re.compile(r"\bid[ \t]*=[ \t]*(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)')")
_ATTR_ID = re.compile(r"\{:?[^{}\n]*?#(?P<id>[\w-]+)[^{}\n]*\}")


@dataclass(frozen=True)
class Include:
    line: int
    written: str
    fence_line: int | None
    info: str | None
    """The fence line after its backticks, e.g. 'python hl_lines="3-4"'; None outside a fence."""


@dataclass(frozen=True)
class CodeBlock:
    line: int
    info: str
    body: tuple[str, ...]

    @cached_property
    def language(self) -> str:
        return parse_info(self.info)[0]

    @cached_property
    def code(self) -> tuple[str, ...]:
        """What must be the same in every language: the body without comments, blank lines and trailing spaces."""
        return without_comments(self.language, self.body)


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str
    id: str
    explicit: bool
    last_line: int
    """The underline of a setext heading; the heading's own line otherwise."""


@dataclass(frozen=True)
class Link:
    line: int
    target: str


@dataclass(frozen=True)
class Admonition:
    line: int
    marker: str
    kind: str


@dataclass
class Outline:
    path: str
    text: str = ""
    """The page as read, with `\\n` line endings."""
    front_matter: FrontMatter | None = None
    """None when the block cannot be read; the reason is in `errors`."""
    includes: list[Include] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    admonitions: list[Admonition] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    proofs: list[ProofMark] = field(default_factory=list)
    """The marks naming the tests that prove the page's claims (see `docs_tools.markdown.proof_marks`)."""
    no_claims: list[int] = field(default_factory=list)
    """The lines where a section states that it claims nothing to prove."""
    errors: list[PageError] = field(default_factory=list)
    prose: str = ""
    """The page with everything but prose blanked out (front matter, code blocks, include lines, inline code, proof
    marks), line for line, so that a position in it is a position in the file."""


@dataclass
class _OpenFence:
    line: int
    char: str
    length: int
    info: str
    body: list[tuple[int, str]] = field(default_factory=list)


def _closes(line: str, fence: _OpenFence) -> bool:
    stripped = line.strip()
    return len(stripped) >= fence.length and set(stripped) == {fence.char}


def _attr_id(attrs: str) -> str | None:
    for token in attrs.split():
        if token.startswith("#") and len(token) > 1:
            return token[1:]
    return None


def plain_text(markdown: str) -> str:
    """A heading's text as the table of contents sees it: markup removed, entities decoded."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"(`+)(.+?)\1", lambda m: m[2].strip(), text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


def _blank(match: re.Match[str]) -> str:
    """A span as spaces, keeping newlines so later matches keep their line numbers."""
    return re.sub(r"[^\n]", " ", match[0])


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def as_written(words: str) -> str:
    """A heading id that is the heading's words, for readers of a page that need no slug."""
    return words


@lru_cache(maxsize=512)
def outline(text: str, path: str, heading_id) -> Outline:
    """The outline of one page; `heading_id(text)` is the site's slugify for headings without an explicit id.

    A site build reads every page once per language, and the translation state, the proof marks and the section links
    each outline it: the same text, path and heading ids give the one Outline made the first time, which no caller
    changes.
    """
    text = normalise_newlines(text)
    result = Outline(path, text)
    try:
        front_matter = read(text, path)
    except PageError as error:
        result.errors.append(error)
        return result
    result.front_matter = front_matter
    lines = text.split("\n")
    prose = lines[:]
    for index in range(front_matter.body_line - 1):
        prose[index] = ""

    fence: _OpenFence | None = None
    pending: list[tuple[int, int, str, int]] = []
    previous_prose = ""
    for index in range(front_matter.body_line - 1, len(lines)):
        line, number = lines[index], index + 1
        if fence is not None:
            prose[index] = ""
            if _closes(line, fence):
                _close_fence(result, fence)
                fence = None
            else:
                fence.body.append((number, line))
            continue
        first = line.lstrip(" \t")[:1]  # most lines are prose: only a line's first character can make it more
        opening = _FENCE_OPEN.match(line) if first in ("`", "~") else None
        if opening:
            prose[index] = ""
            fence = _OpenFence(number, opening["fence"][0], len(opening["fence"]), opening["info"])
            previous_prose = ""
            continue
        if "{!" in line and _add_includes(result, line, number, None):
            prose[index] = ""
            continue
        atx = _ATX.match(line) if first == "#" else None
        setext = _SETEXT.match(line) if first in ("=", "-") else None
        if atx:
            pending.append((number, len(atx["marks"]), re.sub(r"[ \t]+#+$", "", atx["text"] or ""), number))
            previous_prose = ""
        elif setext and previous_prose.strip() and not _looks_like_block(previous_prose):
            pending.append((number - 1, 1 if setext["rule"][0] == "=" else 2, previous_prose.strip(), number))
            previous_prose = ""
        else:
            admonition = _ADMONITION.match(line) if first in ("!", "?") else None
            if admonition:
                result.admonitions.append(Admonition(number, admonition["marker"], admonition["kind"]))
            tab = _TAB.match(line) if first == "=" else None
            if tab:
                result.ids.add(heading_id(plain_text(tab["title"])))
            previous_prose = line
    if fence is not None:
        result.errors.append(PageError(path, fence.line, "this code fence is never closed; add the closing fence"))

    body = _CODE_SPAN.sub(_blank, "\n".join(prose))
    result.proofs = find_marks(body)
    result.no_claims = find_none(body)
    body = without_marks(body)
    result.prose = body
    _collect_ids(result, body)
    _collect_headings(result, pending, heading_id)
    _collect_links(result, body)
    return result


def _looks_like_block(line: str) -> bool:
    """A line that cannot be the text of a setext heading (list item, quote, table row, admonition, HTML)."""
    return re.match(r"^[ \t]*(?:[-*+>|<]|\d+[.)][ \t]|!!!|\?\?\?|===)", line) is not None


def _add_includes(result: Outline, line: str, number: int, fence: _OpenFence | None) -> bool:
    """The include on a line, with the fence around it; a malformed one is an error of the page. False when the
    line holds no include (the syntax only appears in inline code)."""
    try:
        found = find_includes(line, result.path, number)
    except IncludeError as error:
        result.errors.append(PageError(result.path, number, error.reason + f": {line.strip()!r}"))
        return True
    fence_line, info = (fence.line, fence.info) if fence is not None else (None, None)
    result.includes.extend(Include(number, item.written, fence_line, info) for item in found)
    return bool(found)


def _close_fence(result: Outline, fence: _OpenFence) -> None:
    code, includes = [], False
    for number, line in fence.body:
        if "{!" in line and _add_includes(result, line, number, fence):
            includes = True
        else:
            code.append(line)
    if any(line.strip() for line in code) or not includes:
        indent = min((len(line) - len(line.lstrip()) for line in code if line.strip()), default=0)
        result.code_blocks.append(CodeBlock(fence.line, fence.info, tuple(line[indent:] for line in code)))


def _collect_ids(result: Outline, body: str) -> None:
    for match in _HTML_ID.finditer(body):
        result.ids.add(match["double"] if match["double"] is not None else match["single"])
    for match in _ATTR_ID.finditer(body):
        result.ids.add(match["id"])


def _collect_headings(result: Outline, pending, heading_id) -> None:
    used = set(result.ids)
    for number, level, raw, last_line in pending:
        attrs = _ATTR_LIST.search(raw)
        explicit = _attr_id(attrs["attrs"]) if attrs else None
        text = raw[: attrs.start()] if attrs else raw
        if explicit is not None:
            anchor = explicit
        else:
            anchor = unique(heading_id(plain_text(text)), used)
        used.add(anchor)
        result.headings.append(Heading(number, level, text.strip(), anchor, explicit is not None, last_line))
    result.ids |= used


def _collect_links(result: Outline, body: str) -> None:
    found: list[Link] = []
    for match in _INLINE_LINK.finditer(body):
        target = match["angled"] if match["angled"] is not None else match["bare"]
        found.append(Link(_line_at(body, match.start()), target))
    for match in _REFERENCE.finditer(body):
        target = match["angled"] if match["angled"] is not None else match["bare"]
        found.append(Link(_line_at(body, match.start()), target))
    for match in _AUTOLINK.finditer(body):
        found.append(Link(_line_at(body, match.start()), match["url"]))
    for match in _HTML_TARGET.finditer(body):
        target = match["double"] if match["double"] is not None else match["single"]
        found.append(Link(_line_at(body, match.start()), target))
    result.links = sorted(found, key=lambda link: link.line)


def title(text: str) -> Heading | None:
    """The page's title: a level-1 heading that comes before anything else on the page (front matter aside)."""
    page = outline(text, "", as_written)
    if not page.headings or page.front_matter is None:
        return None
    first = page.headings[0]
    lines = page.text.split("\n")[page.front_matter.body_line - 1 : first.line - 1]
    return first if first.level == 1 and not any(line.strip() for line in lines) else None
