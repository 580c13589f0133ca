"""Tell readers of a translated site when a page is not translated, or when English changed since its translation.

mkdocs-static-i18n builds the site once per language. In a non-default language build:
- an English page with no translation is served as a fallback copy (its `file.locale` is not the language being
  built); it gets a banner in the reader's language that links to the translation guide of that language;
- a translated page whose `translation_of` fingerprint differs from the English page's current fingerprint gets a
  banner saying so, linking to the English page.
English pages, up-to-date translations and never-stamped ones are left alone (`status` reports the latter).

The banner goes under the page's first heading, after the include hook (priority 100) has run, so that hook's
line numbers refer to the file as written. It is kept out of the search index (`data-search-exclude`).
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

# MkDocs puts this folder on sys.path while it loads a hook, so sibling modules import by name.
from translation_fingerprint import COMMAND, STAMP_KEY, fingerprint, is_stamp
from translation_messages import Message, for_language, load

GUIDE = "contributing/translations.md"
_messages: dict = {}


def on_config(config):
    """Read the reader-facing texts once per build; a live-reload rebuild reads them again."""
    _messages.clear()
    _messages.update(load())


def banner(kind: str, message: Message, text: str) -> str:
    """An admonition-styled block; Markdown inside it is rendered (md_in_html), so links are checked."""
    style = "info" if kind == "not_translated" else "warning"
    return (
        f'<div class="admonition {style} translation-banner translation-{kind.replace("_", "-")}" '
        f'data-search-exclude markdown>\n'
        f'<p class="admonition-title">{html.escape(message.title)}</p>\n\n{text}\n\n</div>'
    )


def after_title(markdown: str, block: str) -> str:
    """The page with `block` under its first-level title, or on top when the page does not start with one."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if re.match(r"^#[ \t]", line):
            return "\n".join([*lines[: index + 1], "", block, "", *lines[index + 1 :]])
        if index + 1 < len(lines) and re.match(r"^=+[ \t]*$", lines[index + 1]):
            return "\n".join([*lines[: index + 2], "", block, "", *lines[index + 2 :]])
        break
    return f"{block}\n\n{markdown}"


def _stamp_line(page) -> int:
    for number, line in enumerate(page.file.content_string.split("\n"), start=1):
        if line.startswith(f"{STAMP_KEY}:"):
            return number
    return 1


def _not_translated(page, language: str, default: str, messages) -> str:
    message = for_language(messages, language, "not_translated")
    guide = posixpath.relpath(f"{default}/{GUIDE}", posixpath.dirname(page.file.src_uri) or ".")
    return banner("not_translated", message, message.markdown(guide))


def _outdated(page, config, language: str, default: str, messages) -> str | None:
    stamp = page.meta.get(STAMP_KEY)
    if stamp is None:
        return None
    shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    if not is_stamp(stamp):
        raise PluginError(
            f"{shown}:{_stamp_line(page)}: {STAMP_KEY} {stamp!r} is not a fingerprint like "
            f"'sha256:0123456789abcdef'; run: {COMMAND} stamp {shown}"
        )
    english = Path(config.docs_dir) / default / page.file.norm_src_uri
    if not english.is_file() or fingerprint(english.read_text(encoding="utf-8")) == stamp:
        return None
    alternate = page.file.alternates.get(default)
    if alternate is None:
        raise PluginError(f"{shown}: the i18n plugin gave no {default} alternate for this page")
    message = for_language(messages, language, "outdated")
    return banner("outdated", message, message.html(get_relative_url(alternate.url, page.url), hreflang=default))


@event_priority(-50)
def on_page_markdown(markdown, page, config, files):
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.current_language == i18n.default_language:
        return markdown
    language, default = i18n.current_language, i18n.default_language
    if page.file.locale != language:
        block = _not_translated(page, language, default, _messages)
    else:
        block = _outdated(page, config, language, default, _messages)
    return markdown if block is None else after_title(markdown, block)
