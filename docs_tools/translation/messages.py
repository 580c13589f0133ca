"""The texts readers see about translations (banners, marks on changed sections, 404 page), read from
`translation_messages.yml`.

The banner and 404 hooks use them. A missing text, or a text without exactly one [bracketed] link, stops the
build with the file, the language and the key, rather than showing a reader a half-translated page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from docs_tools import yaml_data

MESSAGES_NAME = "translation_messages.yml"
"""The file of these texts, next to mkdocs.yml."""
KINDS = ("not_translated", "outdated", "section_changed", "section_removed", "not_found", "page_chrome", "proofs")
LABELS = {"outdated": ("changed_sections", "new_sections", "removed_sections", "page_start"),
          "page_chrome": ("permalink",), "proofs": ("reference", "back")}
"""The further texts a kind needs, without a link: the outdated banner's lists of sections and their headings, the
tooltip of a heading's link to itself, and the accessible names of a proof's mark ('{number}' in it) and of the link
back to its claim."""
UNLINKED = frozenset({"proofs"})
"""Kinds whose text has no link: the introduction of a page's list of proofs."""
UNTITLED = frozenset({"page_chrome"})
"""Kinds with no title: the page chrome's text is the footer's credit line."""

_LINK = re.compile(r"\[(?P<words>[^\[\]]+)\]")


class MessagesError(ValueError):
    """A reader-facing text is missing or malformed."""


@dataclass(frozen=True)
class Message:
    title: str
    before: str
    words: str
    after: str
    labels: dict[str, str] = field(default_factory=dict)

    def markdown(self, target: str) -> str:
        """The text with its link as Markdown, so that MkDocs validates and rewrites `target`."""
        return f"{self.before}[{self.words}]({target}){self.after}"

    def html(self, href: str, hreflang: str | None = None) -> str:
        """The text with its link as HTML, for targets MkDocs cannot resolve (another language's page)."""
        language = f' hreflang="{html.escape(hreflang)}"' if hreflang else ""
        link = f'<a href="{html.escape(href)}"{language}>{html.escape(self.words)}</a>'
        return f"{html.escape(self.before)}{link}{html.escape(self.after)}"


def _label(where: str, entry: dict, key: str) -> str:
    label = entry.get(key)
    if not isinstance(label, str) or not label.strip():
        raise MessagesError(f"{where}: needs a '{key}' text")
    return label


def _parse(path: Path, language: str, kind: str, entry: object) -> Message:
    where = f"{path.name}: {language}.{kind}"
    if kind in UNTITLED:
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise MessagesError(f"{where}: needs a 'text'")
    elif not (isinstance(entry, dict) and isinstance(entry.get("title"), str) and isinstance(entry.get("text"), str)):
        raise MessagesError(f"{where}: needs a 'title' and a 'text'")
    links = list(_LINK.finditer(entry["text"]))
    if kind in UNLINKED:
        if links:
            raise MessagesError(f"{where}: the text must have no [bracketed] link: {entry['text']!r}")
        labels = {key: _label(where, entry, key) for key in LABELS.get(kind, ())}
        if "{number}" not in labels["reference"]:
            raise MessagesError(f"{where}: 'reference' must hold {{number}}, where a mark's number goes: "
                                f"{labels['reference']!r}")
        return Message(entry["title"], entry["text"], "", "", labels)
    if len(links) != 1:
        raise MessagesError(f"{where}: the text needs exactly one [bracketed] link, found {len(links)}: "
                            f"{entry['text']!r}")
    link = links[0]
    text = entry["text"]
    labels = {key: _label(where, entry, key) for key in LABELS.get(kind, ())}
    return Message(entry.get("title", ""), text[: link.start()], link["words"], text[link.end() :], labels)


def load(path: Path) -> dict[str, dict[str, Message]]:
    """Every language's messages, checked."""
    try:
        data = yaml_data.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise MessagesError(yaml_data.yaml_error(path.name, error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise MessagesError(f"{path.name}: cannot be read ({error}); save it as UTF-8 text") from None
    if not isinstance(data, dict):
        raise MessagesError(f"{path.name}: must map language codes to messages")
    messages = {}
    for language, entries in data.items():
        if not isinstance(entries, dict):
            raise MessagesError(f"{path.name}: {language}: needs the keys {', '.join(KINDS)}")
        messages[language] = {kind: _parse(path, language, kind, entries.get(kind)) for kind in KINDS}
    return messages


def for_language(messages: dict[str, dict[str, Message]], language: str, kind: str) -> Message:
    """One message; a language without messages stops the build and says where to add them."""
    if language not in messages:
        raise MessagesError(f"{MESSAGES_NAME}: no messages for '{language}'; copy the 'en' block, rename it "
                            f"'{language}' and translate it")
    return messages[language][kind]


def written_in(messages: dict[str, dict[str, Message]], language: str, kind: str, default: str) -> str:
    """The language `language`'s `kind` message is written in: `default` while it is still a copy of the default
    language's (as `new-language` leaves it), so that it can be marked as such; `language` once translated."""
    message = for_language(messages, language, kind)
    return default if language != default and message == messages.get(default, {}).get(kind) else language
