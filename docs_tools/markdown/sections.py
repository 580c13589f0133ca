"""Which sections of an English page changed between two versions of it: gettext's "fuzzy", at section level.

A section is a heading with the text under it, up to the next heading of any level; the text above the first
heading (front matter included) is the top of the page, with no id. Sections are matched by their heading id,
which is the same in every language, so a change found in the English page names the section of the translation
to update. A heading whose id changed counts as one section removed and one added.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from docs_tools.markdown.outline import outline


class Change(enum.Enum):
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Section:
    id: str | None
    """None for the top of the page."""
    title: str | None
    """The heading's text as written (Markdown), None for the top of the page."""
    level: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class SectionChange:
    change: Change
    section: Section
    """The section as the newer text has it (as the older one had it, for a removed section)."""
    diff: tuple[str, ...]
    """The section's changes, line by line: `[-removed-]` and `{+added+}` words, unchanged lines around them."""


def sections(text: str, heading_id: Callable[[str], str]) -> list[Section]:
    """The page's sections in order; the top of the page first, when anything is written above the first heading."""
    page = outline(text, "", heading_id)
    lines = page.text.rstrip("\n").split("\n")
    starts = [heading.line - 1 for heading in page.headings]
    found = []
    if not page.headings or any(line.strip() for line in lines[: starts[0]]):
        found.append(Section(None, None, 0, tuple(lines[: starts[0] if starts else len(lines)])))
    for heading, start, end in zip(page.headings, starts, [*starts[1:], len(lines)]):
        found.append(Section(heading.id, heading.text, heading.level, tuple(lines[start:end])))
    return found


_WORD = re.compile(r"\s+|[^\s]+")


def _words(before: str, after: str) -> str:
    """One changed line, with its removed and added words marked."""
    old, new = _WORD.findall(before), _WORD.findall(after)
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append("".join(old[i1:i2]))
            continue
        if i2 > i1:
            out.append(f"[-{''.join(old[i1:i2])}-]")
        if j2 > j1:
            out.append(f"{{+{''.join(new[j1:j2])}+}}")
    return "".join(out)


def word_diff(before: tuple[str, ...], after: tuple[str, ...], context: int = 1) -> tuple[str, ...]:
    """The changed lines of `after` against `before` (words marked), with up to `context` unchanged lines around
    each run of changes and '…' where unchanged lines are left out. Blank lines are left out: they separate
    paragraphs, and a reader sees that without them."""
    before, after = _meaningful(before), _meaningful(after)
    out: list[str] = []
    opcodes = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            kept = [line for line in after[j1:j2] if line.strip()]
            head = kept[:context] if index > 0 else []
            tail = kept[len(head):][-context:] if index < len(opcodes) - 1 and context else []
            out.extend(head)
            if len(kept) > len(head) + len(tail):
                out.append("…")
            out.extend(tail)
            continue
        old = [line for line in before[i1:i2] if line.strip()]
        new = [line for line in after[j1:j2] if line.strip()]
        if len(old) == len(new):
            out.extend(_words(a, b) for a, b in zip(old, new))
        else:
            out.extend(f"[-{line}-]" for line in old)
            out.extend(f"{{+{line}+}}" for line in new)
    while out and out[0] == "…":
        out.pop(0)
    while out and out[-1] == "…":
        out.pop()
    return tuple(out)


def section_changes(before: str, after: str, heading_id: Callable[[str], str]) -> list[SectionChange]:
    """The sections of `after` that are new or whose text differs from `before`, in page order, then the sections
    of `before` that `after` no longer has."""
    old = dict(_keyed(sections(before, heading_id)))
    new = _keyed(sections(after, heading_id))
    found = []
    for key, section in new:
        previous = old.get(key)
        if previous is None:
            found.append(SectionChange(Change.ADDED, section, word_diff((), section.lines)))
        elif _meaningful(previous.lines) != _meaningful(section.lines):
            found.append(SectionChange(Change.CHANGED, section, word_diff(previous.lines, section.lines)))
    keys = {key for key, _ in new}
    found.extend(SectionChange(Change.REMOVED, section, word_diff(section.lines, ()))
                 for key, section in old.items() if key not in keys)
    return found


def _keyed(found: list[Section]) -> list[tuple[tuple[str | None, int], Section]]:
    """Each section with its id and how many sections before it have that id: two headings written with the same
    explicit id stay two sections."""
    seen: dict[str | None, int] = {}
    keyed = []
    for section in found:
        keyed.append(((section.id, seen.get(section.id, 0)), section))
        seen[section.id] = seen.get(section.id, 0) + 1
    return keyed


def _meaningful(lines: tuple[str, ...]) -> tuple[str, ...]:
    """A section's lines as Markdown reads them: runs of blank lines count as one, and blank lines at the end
    (which move when a section is added after it) not at all."""
    kept: list[str] = []
    for line in lines:
        if line.strip() or (kept and kept[-1].strip()):
            kept.append(line if line.strip() else "")
    while kept and not kept[-1]:
        kept.pop()
    return tuple(kept)
