"""One term per concept in each translation: the glossary in `translation_glossary.yml`, and the variants of its
terms found in a page's prose.

For each language, the glossary maps an English term to the word to use and the variants that must not appear
(`file: {use: ficheiro, avoid: [arquivo, arquivos]}`). A term the language keeps in English says why
(`handler: {use: handler, avoid: [manipulador], why: "the name Lilya's API and its errors use"}`). Variants are matched as whole words, whatever the case, in
prose only: code blocks, inline code, link addresses, HTML tags, URLs, heading ids and text in quotation marks are
left out, so a page can still show a variant as an example. The YAML is read with its line numbers (PyYAML's node
marks), so every error and every finding names the glossary line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from docs_tools.yaml_data import yaml_error

GLOSSARY_NAME = "translation_glossary.yml"
"""The glossary, next to mkdocs.yml."""


class GlossaryError(ValueError):
    """The glossary cannot be used; the message lists every problem, each with its line."""


@dataclass(frozen=True)
class Term:
    english: str
    use: str
    avoid: tuple[str, ...]
    line: int
    """The glossary line of the English term."""
    why: str = ""
    """Why the language keeps the English term; required exactly when `use` is the English term."""


@dataclass(frozen=True)
class Variant:
    line: int
    """The page line where the variant was found."""
    found: str
    """The variant as the page writes it (a line break inside it written as a space)."""
    term: Term


_NOT_PROSE = re.compile(
    r"\]\([^)\n]*\)"                      # a link's address: [words](address)
    r"|^[ \t]{0,3}\[[^\]\n]+\]:.*$"       # a reference definition
    r"|<[^<>\n]+>"                        # an HTML tag or an autolink
    r"|\b(?:https?|ftp)://\S+"            # a bare URL
    r"|\{[^{}\n]*\}[ \t]*$"               # an attribute list, e.g. a heading's { #id }
    r"|“[^”\n]*”|«[^»\n]*»|„[^“”\n]*[“”]|\"[^\"\n]*\"",  # text in quotation marks
    re.MULTILINE,
)


def prose_only(prose: str) -> str:
    """The prose of a page (see `Outline.prose`) with the parts a glossary does not judge blanked out, line for
    line."""
    return _NOT_PROSE.sub(lambda match: re.sub(r"[^\n]", " ", match[0]), prose)


class Glossary:
    """The terms of every language, with one compiled pattern per language."""

    def __init__(self, terms: dict[str, list[Term]], path: str = GLOSSARY_NAME) -> None:
        self.terms = terms
        self.path = path
        self._patterns: dict[str, tuple[re.Pattern[str], dict[str, Term]] | None] = {}

    def _pattern(self, language: str) -> tuple[re.Pattern[str], dict[str, Term]] | None:
        if language not in self._patterns:
            by_variant = {_key(variant): term for term in self.terms.get(language, []) for variant in term.avoid}
            if not by_variant:
                self._patterns[language] = None
            else:
                words = sorted(by_variant, key=len, reverse=True)
                alternatives = "|".join(r"\s+".join(map(re.escape, word.split(" "))) for word in words)
                self._patterns[language] = (re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE),
                                            by_variant)
        return self._patterns[language]

    def variants(self, language: str, prose: str) -> list[Variant]:
        """Every variant the glossary of `language` forbids, found in `prose` (a page's prose, line for line)."""
        compiled = self._pattern(language)
        if compiled is None:
            return []
        pattern, by_variant = compiled
        text = prose_only(prose)
        return [Variant(text.count("\n", 0, match.start()) + 1, " ".join(match[0].split()), by_variant[_key(match[0])])
                for match in pattern.finditer(text)]

    def message(self, variant: Variant) -> str:
        term = variant.term
        return (f"'{variant.found}' is not this translation's word for '{term.english}': write '{term.use}' "
                f"({self.path}:{term.line})")


def _key(word: str) -> str:
    return " ".join(word.split()).casefold()


def _scalar(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) and node.value.strip() \
        else None


def load(path: Path) -> Glossary:
    """The glossary at `path` (an empty one when the file does not exist); GlossaryError lists every problem."""
    name = path.name
    if not path.is_file():
        return Glossary({}, name)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise GlossaryError(yaml_error(name, error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise GlossaryError(f"{name}: cannot be read ({error})") from None
    if root is None:
        return Glossary({}, name)
    problems: list[str] = []
    terms: dict[str, list[Term]] = {}

    def problem(node: yaml.Node, text: str) -> None:
        problems.append(f"{name}:{node.start_mark.line + 1}: {text}")

    if not isinstance(root, yaml.MappingNode):
        raise GlossaryError(f"{name}:{root.start_mark.line + 1}: must map language codes to their terms")
    for language_node, entries in root.value:
        language = _scalar(language_node)
        if language is None or not isinstance(entries, yaml.MappingNode):
            problem(language_node, "each language code maps English terms to {use: ..., avoid: [...]}")
            continue
        found = terms.setdefault(language, [])
        seen: dict[str, int] = {}
        for english_node, entry in entries.value:
            english = _scalar(english_node)
            where = f"'{language}.{english}'"
            if english is None:
                problem(english_node, f"{language}: a term must be an English word or phrase")
                continue
            fields = {_scalar(key): value for key, value in entry.value} if isinstance(entry, yaml.MappingNode) else {}
            use = _scalar(fields["use"]) if "use" in fields else None
            avoid_node = fields.get("avoid")
            avoid = [_scalar(item) for item in avoid_node.value] if isinstance(avoid_node, yaml.SequenceNode) else None
            if use is None:
                problem(english_node, f"{where} needs 'use': the word to write")
            if not avoid or any(item is None for item in avoid):
                problem(avoid_node or english_node, f"{where} needs 'avoid': a list of the variants not to write")
            unknown = sorted(key for key in fields if key not in ("use", "avoid", "why"))
            if unknown:
                problem(english_node, f"{where} has unknown keys {', '.join(map(str, unknown))}; only 'use', "
                                      "'avoid' and 'why'")
            why = _scalar(fields["why"]) if "why" in fields else None
            kept = use is not None and _key(use) == _key(english)
            if kept and why is None:
                problem(english_node, f"{where} keeps the English term: say why, with 'why: ...'")
            if not kept and "why" in fields:
                problem(fields["why"], f"{where}: 'why' is only for a term kept in English")
            for item in avoid or []:
                if item is None:
                    continue
                if _key(item) in seen:
                    problem(avoid_node, f"{where}: '{item}' is already avoided at line {seen[_key(item)]}")
                if use is not None and _key(item) == _key(use):
                    problem(avoid_node, f"{where}: '{item}' is both the word to use and a variant to avoid")
                seen.setdefault(_key(item), avoid_node.start_mark.line + 1)
            if use is not None and avoid and all(item is not None for item in avoid):
                found.append(Term(english, use, tuple(avoid), english_node.start_mark.line + 1, why or ""))
    if problems:
        raise GlossaryError("\n".join(problems))
    return Glossary(terms, name)
