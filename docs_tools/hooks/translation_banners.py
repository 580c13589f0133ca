"""Tell readers of a translated site when a page is not translated, or when English changed since its translation.

In a non-default language build:
- an English page with no translation is served as a fallback copy (its `file.locale` is not the language being
  built); it gets a banner in the reader's language that links to the translation guide of that language, and its
  content is marked as English (`lang="en"`) for screen readers, the banner keeping the reader's language;
- a translated page whose `translation_of` fingerprint differs from the English page's current fingerprint gets a
  banner saying so, linking to the English page.
English pages, up-to-date translations and never-stamped ones are left alone (`translations status` reports the
latter).

Runs after the include hook (priority 100), so that hook's line numbers refer to the file as written.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from docs_tools.banners import TemplateChanged, after_title, banner, content_in
from docs_tools.fingerprint import COMMAND, STAMP_KEY, fingerprint, is_stamp
from docs_tools.front_matter import PageError, read
from docs_tools.language_build import language_build
from docs_tools.messages import MESSAGES_NAME, MessagesError, for_language, load
from docs_tools.project import root_of, shown

GUIDE = "contributing/translations.md"
_messages: dict = {}


def on_config(config):
    """Read the reader-facing texts once per build; a live-reload rebuild reads them again."""
    _messages.clear()
    try:
        _messages.update(load(root_of(config) / MESSAGES_NAME))
    except MessagesError as error:
        raise PluginError(str(error)) from None


def _not_translated(page, language: str, default: str) -> str:
    message = for_language(_messages, language, "not_translated")
    guide = posixpath.relpath(f"{default}/{GUIDE}", posixpath.dirname(page.file.src_uri) or ".")
    return banner("not_translated", message, message.markdown(guide), language)


def _outdated(page, config, language: str, default: str) -> str | None:
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
    if not english.is_file() or fingerprint(english.read_text(encoding="utf-8")) == stamp:
        return None
    alternate = page.file.alternates.get(default)
    if alternate is None:
        raise PluginError(f"{path}: the i18n plugin gave no {default} alternate for this page")
    message = for_language(_messages, language, "outdated")
    return banner("outdated", message, message.html(get_relative_url(alternate.url, page.url), hreflang=default),
                  language)


@event_priority(-50)
def on_page_markdown(markdown, page, config, files):
    build = language_build(config)
    if build is None or build.is_default:
        return markdown
    try:
        if page.file.locale != build.language:
            block = _not_translated(page, build.language, build.default)
        else:
            block = _outdated(page, config, build.language, build.default)
    except MessagesError as error:
        raise PluginError(str(error)) from None
    return markdown if block is None else after_title(markdown, block)


def on_post_page(output, page, config):
    build = language_build(config)
    if build is None or build.is_default or page.file.locale == build.language:
        return output
    try:
        return content_in(output, page.file.locale)
    except TemplateChanged as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
