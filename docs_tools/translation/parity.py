"""Parity: a translated page keeps everything of the English text it was stamped against, except the prose.

Checked, each with the file and line to fix: the include lines and their fence attributes, the other code blocks
(comments may be translated), the number and levels of headings and their ids (the English ones, so that a link
`page.md#id` works in every language), the link targets and that in-page anchors resolve
in the translation, the front matter keys (only `title` and `description` may be translated), the admonition
types, the proofs each section names (see `docs_tools.markdown.proof_marks`); and the translation's terminology (see `docs_tools.translation.glossary`). Every message says what to change.

The English text is the one the translation was stamped against (see `docs_tools.translation.state`): a change
made to the English page since is not the translation's error, it makes the page outdated. Links to sections are
checked against today's pages, since those are what the build links.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher, get_close_matches
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import unquote, urlsplit

from docs_tools.markdown.fences import parse_info
from docs_tools.markdown.fingerprint import STAMP_KEY
from docs_tools.markdown.includes import IncludeError, read_text, resolve
from docs_tools.markdown.outline import Admonition, CodeBlock, Heading, Include, Outline
from docs_tools.markdown.proof_marks import ProofMark
from docs_tools.translation.glossary import GLOSSARY_NAME, Glossary
from docs_tools.translation.glossary import load as load_glossary

if TYPE_CHECKING:
    from docs_tools.translation.state import TranslationState

TRANSLATABLE_FRONT_MATTER = frozenset({"title", "description"})

Opcodes = list[tuple[str, int, int, int, int]]
T = TypeVar("T")


@dataclass(frozen=True, order=True)
class Difference:
    path: str
    line: int
    message: str
    kind: str = field(default="", compare=False)
    """What was compared ('headings', 'code blocks', ...): the same problem found against two English texts has
    the same line and kind, though its message names different English lines."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _show_attribute(key: str, attributes: dict[str, str]) -> str:
    return f'{key}="{attributes[key]}"' if key in attributes else f"no {key}"


def _fence_differences(mine: str, english: str, ignore: frozenset[str] = frozenset()) -> list[str]:
    """How a fence line differs from the English one, e.g. ['hl_lines="3-4", English has hl_lines="5-6"']."""
    language, attributes, rest = parse_info(mine)
    english_language, english_attributes, english_rest = parse_info(english)
    found = []
    if language != english_language:
        found.append(f"is fenced as '{language or 'no language'}', English as '{english_language or 'no language'}'")
    for key in sorted((set(attributes) | set(english_attributes)) - ignore):
        if attributes.get(key) != english_attributes.get(key):
            found.append(
                f"has {_show_attribute(key, attributes)}, English has {_show_attribute(key, english_attributes)}"
            )
    if sorted(rest) != sorted(english_rest):
        found.append(f"has options {' '.join(rest) or 'none'}, English has {' '.join(english_rest) or 'none'}")
    return found


def _snippet(lines: Sequence[str]) -> str:
    first = next((line.strip() for line in lines if line.strip()), "")
    return first if len(first) <= 60 else first[:57] + "..."


def _alignment(english: Sequence[object], translated: Sequence[object]) -> Opcodes:
    return SequenceMatcher(None, english, translated, autojunk=False).get_opcodes()


def _heading_alignment(english: list[Heading], translated: list[Heading]) -> Opcodes:
    """Which headings correspond: one to one when the counts match; else by their ids, which translations keep, so
    that a section English inserted or removed is the one reported, not its neighbours (runs of as many headings on
    each side then pair up one to one, other runs by their levels); else, when no id matches, the best alignment of
    their levels."""
    if len(english) == len(translated):
        return [("replace", 0, len(english), 0, len(translated))]
    by_id = _alignment([(h.level, h.id) for h in english], [(h.level, h.id) for h in translated])
    if not any(tag == "equal" for tag, *_ in by_id):
        return _alignment([h.level for h in english], [h.level for h in translated])
    refined: Opcodes = []
    for tag, i1, i2, j1, j2 in by_id:
        if tag != "replace" or i2 - i1 == j2 - j1:
            refined.append((tag, i1, i2, j1, j2))
            continue
        levels = _alignment([h.level for h in english[i1:i2]], [h.level for h in translated[j1:j2]])
        refined.extend((sub, i1 + a1, i1 + a2, j1 + b1, j1 + b2) for sub, a1, a2, b1, b2 in levels)
    return refined


def _walk(
    alignment: Opcodes,
    english: Sequence[T],
    translated: Sequence[T],
    matched: Callable[[T, T], Iterable[Difference]],
    missing: Callable[[T, int], Difference],
    extra: Callable[[T], Difference],
) -> list[Difference]:
    """The differences along an alignment: items pair up in equal runs and in replaced runs of the same length;
    elsewhere English items are missing (with the index in the translation where they belong) and translated ones
    extra."""
    found: list[Difference] = []
    for tag, i1, i2, j1, j2 in alignment:
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for theirs, mine in zip(english[i1:i2], translated[j1:j2]):
                found.extend(matched(theirs, mine))
        else:
            found.extend(missing(theirs, j1) for theirs in english[i1:i2])
            found.extend(extra(mine) for mine in translated[j1:j2])
    return found


class _Sections:
    """Where, in the translation, the section holding a given English line is: to say where to add what is missing."""

    def __init__(self, english: Outline, translated: Outline) -> None:
        self.english = english.headings
        self.alignment = _heading_alignment(english.headings, translated.headings)
        self.matched: dict[int, Heading] = {}
        for tag, i1, i2, j1, _ in self.alignment:
            if tag in ("equal", "replace"):
                for offset in range(min(i2 - i1, len(translated.headings) - j1)):
                    self.matched[i1 + offset] = translated.headings[j1 + offset]

    def locate(self, english_line: int) -> tuple[int, str]:
        """(line in the translation, 'in the section X') for content found at an English line."""
        index = None
        for position, heading in enumerate(self.english):
            if heading.line <= english_line:
                index = position
        if index is None or index not in self.matched:
            return 1, ""
        heading = self.matched[index]
        return heading.line, f" in the section '{'#' * heading.level} {heading.text}' (line {heading.line})"


@dataclass
class _Pair:
    english: Outline
    translated: Outline
    sections: _Sections
    broken: dict[int, str]
    """Why each English include line that cannot be honoured fails, by its line."""

    def here(self, line: int, message: str) -> Difference:
        return Difference(self.translated.path, line, message)

    def there(self, line: int) -> str:
        return f"{self.english.path}:{line}"

    def section_line(self, line: int) -> int:
        """The line of the translation's heading whose section holds `line` (1 before the first heading)."""
        return max((heading.line for heading in self.translated.headings if heading.line <= line), default=1)

    def missing(self, english_line: int, what: str, english_has: str, then: str) -> Difference:
        """`what` is missing here, at the section matching the English one around `english_line`; `then` ends the
        message (what else to know, and what to do)."""
        line, section = self.sections.locate(english_line)
        return self.here(line, f"{what} missing{section}: English has {english_has} at {self.there(english_line)}"
                               f"{then}")


def _front_matter(pair: _Pair) -> list[Difference]:
    english, translated = pair.english.front_matter, pair.translated.front_matter
    assert english is not None and translated is not None, "pages with errors are not compared"
    found = []
    if STAMP_KEY in english.data:
        found.append(Difference(pair.english.path, english.line_of(STAMP_KEY),
                                f"the English page must not have '{STAMP_KEY}'; remove that line"))
    for key, value in english.data.items():
        if key == STAMP_KEY:
            continue
        where = pair.there(english.line_of(key))
        if key not in translated.data:
            found.append(pair.here(1, f"front matter has no '{key}', English has it ({where}); add it"))
        elif key not in TRANSLATABLE_FRONT_MATTER and translated.data[key] != value:
            found.append(pair.here(
                translated.line_of(key),
                f"front matter '{key}' is {translated.data[key]!r}, English has {value!r} ({where}); only title "
                "and description are translated, copy the value",
            ))
    for key in translated.data:
        if key != STAMP_KEY and key not in english.data:
            found.append(pair.here(translated.line_of(key),
                                   f"front matter '{key}' is not in the English page; remove it"))
    return found


def _fence_line(item: Include) -> str:
    return f"```{item.info}" if item.info is not None else "no fence"


def _includes(pair: _Pair) -> list[Difference]:
    english, translated = pair.english.includes, pair.translated.includes

    def missing(theirs: Include, _: int) -> Difference:
        line, section = pair.sections.locate(theirs.line)
        moved = [mine for mine in translated if mine.written == theirs.written]
        hint = f"; it is at line {moved[0].line} here, out of the English order" if moved else ""
        return pair.here(line, (
            f"include '{theirs.written}' is missing{section}: English has it at {pair.there(theirs.line)} "
            f"({_fence_line(theirs)}); copy the fence and the include line from English{hint}"
        ))

    def extra(mine: Include) -> Difference:
        there = [theirs for theirs in english if theirs.written == mine.written]
        reason = (f"English has it in another position ({pair.there(there[0].line)}); keep the English order"
                  if there else "the English page does not include it; remove it")
        return pair.here(mine.line, f"include '{mine.written}': {reason}")

    alignment = _alignment([i.written for i in english], [i.written for i in translated])
    return _walk(alignment, english, translated, lambda theirs, mine: _include_pair(pair, theirs, mine), missing, extra)


def _include_pair(pair: _Pair, theirs: Include, mine: Include) -> list[Difference]:
    if mine.written != theirs.written and theirs.line in pair.broken:
        return [pair.here(mine.line, (
            f"include '{mine.written}', English includes '{theirs.written}' here ({pair.there(theirs.line)}), which "
            f"is broken ({pair.broken[theirs.line]}); once the English page is fixed, copy its include line"
        ))]
    if mine.written != theirs.written:
        return [pair.here(mine.line, (
            f"include '{mine.written}', English includes '{theirs.written}' here ({pair.there(theirs.line)}); "
            "copy the English include line"
        ))]
    if (mine.info is None) != (theirs.info is None):
        state = "is outside a code fence" if mine.info is None else "is inside a code fence"
        return [pair.here(mine.line, (
            f"include '{mine.written}' {state}, unlike English ({pair.there(theirs.line)}); "
            "copy the English lines around it"
        ))]
    if mine.info is None or theirs.info is None:
        return []
    differences = _fence_differences(mine.info, theirs.info)
    if not differences:
        return []
    return [pair.here(mine.fence_line or mine.line, (
        f"include '{mine.written}' {'; '.join(differences)} ({pair.there(theirs.fence_line or theirs.line)}); "
        "copy the English fence line"
    ))]


def _code_key(block: CodeBlock) -> tuple[str, tuple[str, ...]]:
    return block.language, block.code


def _code_blocks(pair: _Pair) -> list[Difference]:
    english, translated = pair.english.code_blocks, pair.translated.code_blocks

    def matched(theirs: CodeBlock, mine: CodeBlock) -> list[Difference]:
        if _code_key(theirs) != _code_key(mine):
            return [pair.here(mine.line, _code_difference(pair, theirs, mine))]
        differences = _fence_differences(mine.info, theirs.info, ignore=frozenset({"title"}))
        return [pair.here(mine.line, (
            f"code block {'; '.join(differences)} ({pair.there(theirs.line)}); copy the English fence line"
        ))] if differences else []

    def missing(theirs: CodeBlock, _: int) -> Difference:
        return pair.missing(theirs.line, "code block", f"```{theirs.info}",
                            f" starting '{_snippet(theirs.body)}'; copy it from English (comments may be translated)")

    def extra(mine: CodeBlock) -> Difference:
        return pair.here(mine.line, (
            f"code block ```{mine.info} starting '{_snippet(mine.body)}' is not in the English page; "
            "remove it, or make it match the English block"
        ))

    alignment = _alignment([_code_key(b) for b in english], [_code_key(b) for b in translated])
    return _walk(alignment, english, translated, matched, missing, extra)


def _code_difference(pair: _Pair, theirs: CodeBlock, mine: CodeBlock) -> str:
    where = pair.there(theirs.line)
    if mine.language != theirs.language:
        return (f"code block is fenced as '{mine.language or 'no language'}', English as "
                f"'{theirs.language or 'no language'}' ({where}); copy the English block")
    english_code, my_code = theirs.code, mine.code
    for number, (a, b) in enumerate(zip(english_code, my_code), start=1):
        if a != b:
            return (f"code differs from English ({where}) at its code line {number}: English '{a.strip()}', "
                    f"here '{b.strip()}'; only comments may be translated, copy the code from English")
    longer, which = (english_code, "English has") if len(english_code) > len(my_code) else (my_code, "this has")
    extra = longer[min(len(english_code), len(my_code))]
    return (f"code differs from English ({where}): {which} more lines, from '{extra.strip()}'; "
            "only comments may be translated, copy the code from English")


def _headings(pair: _Pair) -> list[Difference]:
    english, translated = pair.english.headings, pair.translated.headings

    def matched(theirs: Heading, mine: Heading) -> list[Difference]:
        found = [] if theirs.level == mine.level else [pair.here(mine.line, (
            f"heading '{mine.text}' is level {mine.level} ({'#' * mine.level}), English heading "
            f"'{theirs.text}' ({pair.there(theirs.line)}) is level {theirs.level} ({'#' * theirs.level}); "
            "use the English level"
        ))]
        if mine.id != theirs.id:
            found.append(replace(pair.here(mine.line, (
                f"heading '{mine.text}' has the id '#{mine.id}', English heading '{theirs.text}' "
                f"({pair.there(theirs.line)}) has '#{theirs.id}'; end the heading with {{ #{theirs.id} }}, so that "
                "links to it are the same in every language"
            )), kind="heading ids"))
        return found

    def missing(theirs: Heading, index: int) -> Difference:
        following = translated[index] if index < len(translated) else None
        where = (f"before line {following.line} ('{'#' * following.level} {following.text}')"
                 if following else "after the last heading")
        return pair.here(following.line if following else (translated[-1].line if translated else 1), (
            f"heading missing: English has '{'#' * theirs.level} {theirs.text}' (level {theirs.level}, "
            f"{pair.there(theirs.line)}) and this page has no counterpart; add its translation {where}"
        ))

    def extra(mine: Heading) -> Difference:
        return pair.here(mine.line, (
            f"heading '{'#' * mine.level} {mine.text}' has no counterpart in English "
            f"({len(english)} headings there, {len(translated)} here); remove it or use the English structure"
        ))

    return _walk(pair.sections.alignment, english, translated, matched, missing, extra)


def _is_external(target: str) -> bool:
    return bool(urlsplit(target).scheme) or target.startswith("//")


def _link_key(target: str) -> str:
    if _is_external(target):
        return target
    parts = urlsplit(target)
    return unquote(parts.path) + ("#…" if parts.fragment else "")


def _links(pair: _Pair) -> list[Difference]:
    english = Counter(_link_key(link.target) for link in pair.english.links)
    translated = Counter(_link_key(link.target) for link in pair.translated.links)
    found = []
    for key in sorted(set(english) | set(translated)):
        if english[key] == translated[key]:
            continue
        shown = "an anchor on this page" if key == "#…" else (
            f"'{key[:-2]}' with an anchor" if key.endswith("#…") else f"'{key}'")
        english_lines = [link.line for link in pair.english.links if _link_key(link.target) == key]
        my_lines = [link.line for link in pair.translated.links if _link_key(link.target) == key]
        if english[key] > translated[key]:
            line, section = pair.sections.locate(english_lines[len(my_lines)])
            found.append(pair.here(my_lines[0] if my_lines else line, (
                f"link to {shown} appears {translated[key]} time(s) here and {english[key]} in English "
                f"({pair.english.path} lines {', '.join(map(str, english_lines))}); add the missing link{section}"
            )))
        else:
            found.append(pair.here(my_lines[english[key]], (
                f"link to {shown} appears {translated[key]} time(s) here (lines {', '.join(map(str, my_lines))}) "
                f"and {english[key]} in English; link to the same targets as English"
            )))
    return found


def _admonition_key(item: Admonition) -> tuple[str, str]:
    """What Python-Markdown renders: the marker and the type, whose case it ignores (`Tip` is `tip`)."""
    return item.marker, item.kind.lower()


def _admonitions(pair: _Pair) -> list[Difference]:
    english, translated = pair.english.admonitions, pair.translated.admonitions

    def matched(theirs: Admonition, mine: Admonition) -> list[Difference]:
        return [] if _admonition_key(theirs) == _admonition_key(mine) else [pair.here(mine.line, (
            f"admonition '{mine.marker} {mine.kind}', English has '{theirs.marker} {theirs.kind}' "
            f"({pair.there(theirs.line)}); keep the English type, translate only its title"
        ))]

    def missing(theirs: Admonition) -> Difference:
        return pair.missing(theirs.line, "admonition", f"'{theirs.marker} {theirs.kind}'", "; add it")

    def extra(mine: Admonition) -> Difference:
        return pair.here(mine.line, f"admonition '{mine.marker} {mine.kind}' is not in the English page; remove it")

    found: list[Difference] = []
    alignment = _alignment([_admonition_key(a) for a in english], [_admonition_key(a) for a in translated])
    for tag, i1, i2, j1, j2 in alignment:
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for theirs, mine in zip(english[i1:i2], translated[j1:j2]):
                found.extend(matched(theirs, mine))
            continue
        # An admonition of another type in the section where English has one: a translated type, most likely.
        unpaired = list(english[i1:i2])
        for mine in translated[j1:j2]:
            here = pair.section_line(mine.line)
            theirs = next((t for t in unpaired if t.marker == mine.marker and pair.sections.locate(t.line)[0] == here),
                          None)
            if theirs is None:
                found.append(extra(mine))
            else:
                unpaired.remove(theirs)
                found.extend(matched(theirs, mine))
        found.extend(missing(theirs) for theirs in unpaired)
    return found


def _section_of(headings: list[Heading], line: int) -> int:
    """The index of the heading whose section holds `line`; -1 above the first heading."""
    return max((index for index, heading in enumerate(headings) if heading.line <= line), default=-1)


def _proofs(pair: _Pair) -> list[Difference]:
    """Each section names the same tests as its English section, as many times."""
    english: dict[int, Counter[str]] = {}
    first_line: dict[tuple[int, str], int] = {}
    for mark in pair.english.proofs:
        section = _section_of(pair.english.headings, mark.line)
        english.setdefault(section, Counter())[mark.node] += 1
        first_line.setdefault((section, mark.node), mark.line)
    english_of = {-1: -1}
    for index, heading in pair.sections.matched.items():
        english_of[pair.translated.headings.index(heading)] = index
    translated: dict[int, list[ProofMark]] = {}
    for mark in pair.translated.proofs:
        translated.setdefault(english_of.get(_section_of(pair.translated.headings, mark.line), -2), []).append(mark)
    found = []
    for section in sorted(set(english) | set(translated)):
        expected = english.get(section, Counter())
        marks = translated.get(section, [])
        for node, count in (expected - Counter(mark.node for mark in marks)).items():
            found.append(pair.missing(first_line[section, node], "proof", f"[[proof: {node}]]",
                                      f"{'' if count == 1 else f' ({count} more times)'}; copy the mark beside the "
                                      "same claim"))
        surplus = Counter(mark.node for mark in marks) - expected
        for mark in reversed(marks):
            if surplus[mark.node] > 0:
                surplus[mark.node] -= 1
                where = ("this section of the English page does not name it" if section != -2
                         else "the English page has no section matching this one")
                found.append(pair.here(mark.line, f"proof [[proof: {mark.node}]]: {where}; name the proofs the "
                                                  "English section names"))
    return found


class ParityChecker:
    """Compares translated pages with the English text they were stamped against; reads each text once."""

    def __init__(self, state: TranslationState) -> None:
        self.state = state
        self.project = state.project
        self._broken: dict[str, dict[int, tuple[str, str]]] = {}
        self._include_errors: dict[str, str | None] = {}
        self._glossary: Glossary | None = None

    @property
    def glossary(self) -> Glossary:
        """The project's glossary, read on first use (GlossaryError when it is malformed)."""
        if self._glossary is None:
            self._glossary = load_glossary(self.project.root / GLOSSARY_NAME)
        return self._glossary

    def check_page(self, language: str, page: str, against: Outline | None = None,
                   checks: frozenset[str] | None = None) -> list[Difference]:
        """Every difference of docs/<language>/<page> from the English text it was stamped against (or from
        `against`, e.g. today's English page when stamping); both pages must exist. `checks` names the kinds of
        comparison to make ('headings', 'links', ...; all by default); what keeps a page from being read is always
        reported."""
        current = self.state.english(page)
        translated = self.state.page(language, page)
        assert current is not None and translated is not None, page
        if against is None:
            basis = self.state.of(language, page)
            assert basis is not None, page
            against = basis.english
        found = [Difference(e.path, e.line, e.reason, "page")
                 for e in [*current.errors, *against.errors, *translated.errors]]
        if found:
            return sorted(set(found))
        broken = self._broken_includes(current)
        found.extend(Difference(current.path, line, f"include '{written}': {reason}; fix the English page, whose "
                                                    "include lines every translation copies")
                     for line, (written, reason) in broken.items())
        pair = _Pair(against, translated, _Sections(against, translated),
                     {line: reason for line, (_, reason) in broken.items()} if against is current else {})
        for check in (_front_matter, _includes, _code_blocks, _headings, _links, _admonitions, _proofs):
            kind = check.__name__.strip("_").replace("_", " ")
            if checks is None or kind in checks:
                found.extend(replace(difference, kind=difference.kind or kind) for difference in check(pair))
        if checks is None or "anchors" in checks:
            found.extend(replace(difference, kind="anchors")
                         for difference in self._anchors(language, page, translated))
        if checks is None or "terminology" in checks:
            found.extend(Difference(translated.path, variant.line, self.glossary.message(variant), "terminology")
                         for variant in self.glossary.variants(language, translated.prose))
        return sorted(set(found))

    def _broken_includes(self, page: Outline) -> dict[int, tuple[str, str]]:
        """(as written, why) of each include line of the page that the build could not honour, by line."""
        if page.path in self._broken:
            return self._broken[page.path]
        broken = self._broken[page.path] = {}
        for item in page.includes:
            if item.written not in self._include_errors:  # the same file, whichever page names it
                try:
                    read_text(resolve(item.written, self.project.root, page.path, item.line), item.written,
                              page.path, item.line)
                    self._include_errors[item.written] = None
                except IncludeError as error:
                    self._include_errors[item.written] = error.reason
            reason = self._include_errors[item.written]
            if reason is not None:
                broken[item.line] = (item.written, reason)
        return broken

    def _anchors(self, language: str, page: str, translated: Outline) -> list[Difference]:
        """Each link to a section must resolve where the build sends it: to the translated page's section, or,
        while that translation is outdated and lacks it, to the English section (see docs_tools.translation.section_links)."""
        found = []
        for link in translated.links:
            if _is_external(link.target):
                continue
            parts = urlsplit(link.target)
            if not parts.fragment:
                continue
            anchor = unquote(parts.fragment)
            target_page = page
            if parts.path:
                target_page = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
                if not target_page.endswith(".md"):
                    continue
            english = self.state.english(target_page)
            target = self.state.page(language, target_page) or english
            if target is None or anchor in target.ids:
                continue
            basis = self.state.of(language, target_page)
            heading = next((h for h in english.headings if h.id == anchor), None) if english else None
            if heading is not None and basis is not None and anchor not in basis.english.ids:
                continue  # the English page gained the section after that translation was stamped
            if heading is not None and target is not english:
                found.append(Difference(translated.path, link.line, (
                    f"anchor '#{anchor}' is the English heading '{heading.text}' ({english.path}:{heading.line}), "
                    f"whose translation in {target.path} lacks that id; end it there with {{ #{anchor} }}"
                )))
                continue
            closest = ", ".join(f"#{id_}" for id_ in get_close_matches(anchor, sorted(target.ids), n=3, cutoff=0))
            gone = ("; the English page no longer has it since this page was stamped, update the link as English did"
                    if basis is not None and basis.outdated and anchor in basis.english.ids else "")
            found.append(Difference(translated.path, link.line, (
                f"anchor '#{anchor}' is not an id in {target.path} (closest: {closest or 'no ids there'}); link to "
                f"the id of the heading you mean, which is its English id in every language{gone}"
            )))
        return found

    def check_language(self, language: str) -> dict[str, list[Difference]]:
        """Differences per translated page of a language that has an English page."""
        english_pages = set(self.project.pages(self.project.default_language))
        return {page: self.check_page(language, page)
                for page in self.project.pages(language) if page in english_pages}
