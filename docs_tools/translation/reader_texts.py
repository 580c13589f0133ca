"""The texts readers see outside the pages, checked for each translation the way `status` checks its pages: the
banners, section marks, 404 page and page chrome (`translation_messages.yml`), the figures' words
(`figure_texts.yml`) and the navigation labels (`nav_translations` in mkdocs.yml). Each problem is one line naming
the file and the key; a file that cannot be read is one line too, never a traceback."""

from __future__ import annotations

from collections.abc import Sequence

from docs_tools.figures.texts import TEXTS_NAME, FigureTextsError
from docs_tools.figures.texts import load as load_figure_texts
from docs_tools.project import CONFIG_NAME, Project, nav_labels
from docs_tools.translation.messages import KINDS, MESSAGES_NAME, MessagesError, written_in
from docs_tools.translation.messages import load as load_messages


def problems(project: Project, languages: Sequence[str]) -> list[str]:
    """Every missing or untranslated text of `languages`, one line each."""
    return [*_messages(project, languages), *_figure_words(project, languages), *_nav_labels(project, languages)]


def _messages(project: Project, languages: Sequence[str]) -> list[str]:
    try:
        messages = load_messages(project.root / MESSAGES_NAME)
    except MessagesError as error:
        return [str(error)]
    default = project.default_language
    found = []
    for code in languages:
        if code not in messages:
            found.append(f"{MESSAGES_NAME}: no messages for '{code}'; copy the '{default}' block, rename it "
                         f"'{code}' and translate it")
            continue
        found += [f"{MESSAGES_NAME}: {code}.{kind}: the same text as '{default}'; translate it"
                  for kind in KINDS if written_in(messages, code, kind, default) != code]
    return found


def _figure_words(project: Project, languages: Sequence[str]) -> list[str]:
    """Missing words and placeholders (`figure_texts.check`); some words rightly stay as in English (units)."""
    try:
        texts = load_figure_texts(project.root)
    except FigureTextsError as error:
        return str(error).split("\n")
    return [f"{TEXTS_NAME}: no words for '{code}'; copy the '{project.default_language}' block, rename it '{code}' "
            "and translate it" for code in languages if code not in texts]


def _nav_labels(project: Project, languages: Sequence[str]) -> list[str]:
    labels = nav_labels(project.config.nav)
    entries = {entry.locale: entry for entry in project.config.plugins["i18n"].config.languages}
    found = []
    for code in languages:
        translated = entries[code].nav_translations or {}
        found += [f"{CONFIG_NAME}: {code}: nav_translations has no label for '{label}'; add its translation"
                  for label in labels if label not in translated]
    return found
