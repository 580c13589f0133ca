"""Tell readers of a translated site when a page is not translated, or when English changed since its translation.

In a non-default language build:
- an English page with no translation is served as a fallback copy (its `file.locale` is not the language being
  built); it gets a banner in the reader's language that links to the translation guide of that language, and its
  content is marked as English (`lang="en"`) for screen readers, the banner keeping the reader's language;
- a translated page whose `translation_of` fingerprint differs from the English page's current fingerprint gets a
  banner saying so, linking to the English page, and naming the sections whose English text changed since (found
  by comparing the stamped English text, kept in `translation_sources/`, with today's), each linking to the
  English section; those sections of the translation carry a mark saying so.
English pages, up-to-date translations and never-stamped ones are left alone (`translations status` reports the
latter).

Runs after the include hook (priority 100), so that hook's line numbers refer to the file as written.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from docs_tools import project
from docs_tools.markdown.fingerprint import COMMAND, STAMP_KEY, fingerprint, is_stamp
from docs_tools.markdown.front_matter import PageError, read
from docs_tools.markdown.outline import outline, plain_text
from docs_tools.markdown.sections import Change, section_changes
from docs_tools.project import root_of, shown
from docs_tools.site.language_build import language_build
from docs_tools.translation.banners import (
    Listed,
    TemplateChanged,
    after_heading,
    after_title,
    banner,
    content_in,
    section_lists,
    section_mark,
)
from docs_tools.translation.messages import MESSAGES_NAME, MessagesError, for_language, load
from docs_tools.translation.stamped_sources import SourceError, sources_of

GUIDE = "contributing/translations.md"
log = logging.getLogger("mkdocs.hooks.translation_banners")
_messages: dict = {}
_heading_id: list = []
_marks: dict[str, list[tuple[str, str, str]]] = {}
"""Per translated page: (heading id, message kind, link) of each section to mark, found in on_page_markdown."""


def on_config(config):
    """Read the reader-facing texts once per build, with the site's slugify; a live-reload rebuild reads them
    again."""
    _messages.clear()
    _marks.clear()
    try:
        _messages.update(load(root_of(config) / MESSAGES_NAME))
    except MessagesError as error:
        raise PluginError(str(error)) from None
    if config.plugins.get("i18n") is not None:
        _heading_id[:] = [project.from_config(config).heading_id]


def _not_translated(page, language: str, default: str) -> str:
    message = for_language(_messages, language, "not_translated")
    guide = posixpath.relpath(f"{default}/{GUIDE}", posixpath.dirname(page.file.src_uri) or ".")
    return banner("not_translated", message, message.markdown(guide), language)


def _outdated(page, markdown: str, config, language: str, default: str) -> str | None:
    stamp = page.meta.get(STAMP_KEY)
    if stamp is None:
        return None
    path = shown(Path(page.file.abs_src_path), root_of(config))
    if not is_stamp(stamp):
        try:
            line = read(page.file.content_string, path).line_of(STAMP_KEY)
        except PageError as error:
            line = error.line
        raise PluginError(
            f"{path}:{line}: {STAMP_KEY} {stamp!r} is not a fingerprint like "
            f"'sha256:0123456789abcdef'; run: {COMMAND} stamp {path}"
        )
    english = Path(config.docs_dir) / default / page.file.norm_src_uri
    if not english.is_file():
        return None
    current = english.read_text(encoding="utf-8")
    if fingerprint(current) == stamp:
        return None
    alternate = page.file.alternates.get(default)
    if alternate is None:
        raise PluginError(f"{path}: the i18n plugin gave no {default} alternate for this page")
    url = get_relative_url(alternate.url, page.url)
    message = for_language(_messages, language, "outdated")
    text = message.html(url, hreflang=default)
    try:
        stamped = sources_of(root_of(config)).read(page.file.norm_src_uri, stamp)
    except SourceError as error:
        raise PluginError(str(error)) from None
    if stamped is not None:
        lists = _changed_sections(page, markdown, stamped, current, url, language, default)
        if not lists:
            return None  # only blank lines or line endings changed: nothing a reader could miss
        text = f"{text}\n\n{lists}"
    return banner("outdated", message, text, language)


def _changed_sections(page, markdown: str, stamped: str, current: str, url: str, language: str, default: str) -> str:
    """The banner's lists of the sections that changed in English since the stamp; remembers the marks to put on
    the changed sections of the translation."""
    titles = {heading.id: plain_text(heading.text) for heading in outline(markdown, "", _heading_id[0]).headings}
    lists: dict[Change, list[Listed]] = {change: [] for change in Change}
    marks = _marks.setdefault(page.file.src_uri, [])
    start = for_language(_messages, language, "outdated").labels["page_start"]
    for change in section_changes(stamped, current, _heading_id[0]):
        section = change.section
        href = url if section.id is None else f"{url}#{section.id}"
        if change.change is Change.REMOVED:
            title = start if section.id is None else titles.get(section.id, plain_text(section.title or ""))
            lists[change.change].append(Listed(title, None))
            if section.id in titles:
                marks.append((section.id, "section_removed", url))
            continue
        title = start if section.id is None else titles.get(section.id, plain_text(section.title or ""))
        lists[change.change].append(Listed(title, href))
        if change.change is Change.CHANGED and section.id in titles:
            marks.append((section.id, "section_changed", href))
    message = for_language(_messages, language, "outdated")
    return section_lists(message, default, lists[Change.CHANGED], lists[Change.ADDED], lists[Change.REMOVED])


@event_priority(-50)
def on_page_markdown(markdown, page, config, files):
    build = language_build(config)
    if build is None or build.is_default:
        return markdown
    try:
        if page.file.locale != build.language:
            block = _not_translated(page, build.language, build.default)
        else:
            block = _outdated(page, markdown, config, build.language, build.default)
    except MessagesError as error:
        raise PluginError(str(error)) from None
    return markdown if block is None else after_title(markdown, block)


def on_page_content(html, page, config, files):
    """Mark the sections of an outdated translation whose English text changed since the stamp."""
    build = language_build(config)
    if build is None or build.is_default:
        return html
    for anchor, kind, href in _marks.pop(page.file.src_uri, []):
        try:
            mark = section_mark(kind, for_language(_messages, build.language, kind), href, build.language,
                                build.default)
        except MessagesError as error:
            raise PluginError(str(error)) from None
        marked = after_heading(html, anchor, mark)
        if marked is None:
            log.warning(f"{page.file.src_uri}: no heading with the id '{anchor}' in the page's HTML, so its section "
                        "cannot be marked as changed in English; docs_tools/translation/banners.py may need updating")
        html = marked or html
    return html


def on_post_page(output, page, config):
    build = language_build(config)
    if build is None or build.is_default or page.file.locale == build.language:
        return output
    try:
        return content_in(output, page.file.locale)
    except TemplateChanged as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
