"""The words of the pages' figures per language, read from `figure_texts.yml`.

A figure is drawn in the language of its page. A language that lacks a key, has one English does not, or drops a
{placeholder} stops the build with the file, the language and the key, rather than drawing half a figure in English.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from docs_tools import yaml_data

TEXTS_NAME = "figure_texts.yml"
SOURCE_LANGUAGE = "en"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class FigureTextsError(ValueError):
    """The figure texts cannot be used; the message names the file, the language and the key."""


class Texts:
    """One language's words, filled in with `text(key, **values)`; numbers with `number(value, decimals)`."""

    def __init__(self, language: str, words: dict[str, str]) -> None:
        self.language = language
        self.words = words

    def text(self, key: str, **values: str) -> str:
        return self.words[key].format(**values)

    def number(self, value: float, decimals: int = 2) -> str:
        return f"{value:,.{decimals}f}".replace(",", " ").replace(".", self.words["decimal_mark"])

    def milliseconds(self, value: float, decimals: int = 2) -> str:
        return self.text("milliseconds", value=self.number(value, decimals))


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def check(data: object, name: str = TEXTS_NAME) -> dict[str, dict[str, str]]:
    """Every language's words, or one error listing every problem found."""
    if not isinstance(data, dict) or not isinstance(data.get(SOURCE_LANGUAGE), dict):
        raise FigureTextsError(f"{name}: must map language codes to their words, starting with '{SOURCE_LANGUAGE}'")
    source = data[SOURCE_LANGUAGE]
    problems = []
    for language, words in data.items():
        if not isinstance(words, dict):
            problems.append(f"{name}: {language}: must map each key to its words")
            continue
        for key in source:
            if not isinstance(words.get(key), str) or not words[key].strip():
                problems.append(f"{name}: {language}.{key}: missing; translate the English '{source[key]}'")
            elif _placeholders(words[key]) != _placeholders(str(source[key])):
                problems.append(f"{name}: {language}.{key}: needs the placeholders "
                                f"{sorted(_placeholders(str(source[key])))}, has {sorted(_placeholders(words[key]))}")
        extra = [key for key in words if key not in source]
        problems += [f"{name}: {language}.{key}: not a key of '{SOURCE_LANGUAGE}'" for key in extra]
    if problems:
        raise FigureTextsError("\n".join(problems))
    return data


def load(root: Path) -> dict[str, dict[str, str]]:
    path = root / TEXTS_NAME
    try:
        data = yaml_data.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise FigureTextsError(yaml_data.yaml_error(TEXTS_NAME, error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise FigureTextsError(f"{TEXTS_NAME}: cannot be read ({error}); save it as UTF-8 text") from None
    return check(data)


def for_language(texts: dict[str, dict[str, str]], language: str) -> Texts:
    if language not in texts:
        raise FigureTextsError(f"{TEXTS_NAME}: no words for '{language}'; copy the '{SOURCE_LANGUAGE}' block, rename "
                               f"it '{language}' and translate it")
    return Texts(language, texts[language])
