"""What a reader of a translation's build sees on each page about its translation, decided from the translation
state (`docs_tools.translation.state`), the one place that says whether a page is translated, outdated and which of
its sections changed:

- an English page with no translation is served as a fallback copy (its `file.locale` is not the language being
  built); it gets a banner in the reader's language, linking to the translators' guide when the project has one
  (`extra.translators_guide` in mkdocs.yml names the guide's page), and its content is marked as English
  (`lang="en"`) for screen readers, the banner keeping the reader's language;
- a translated page whose stamp is not today's English page's fingerprint gets a banner saying so, linking to the
  English page, and naming the sections whose English text changed since the stamp, each linking to the English
  section; those sections of the translation carry a mark saying so;
- a link to a section that the linked page of the translation lacks leads to the English section (see
  `docs_tools.translation.section_links`).

English pages, up-to-date translations and never-stamped ones are left alone (`translations status` reports the
latter). A translated page that readers must not get (`TranslationState.breaking`: unreadable, empty, a fence never
closed, a bad or unknown stamp, a heading id that is not English's) stops a strict build before any page is
written, every such page of every language reported together with the message `translations status` gives; a
build that is not strict (a preview) warns and serves the English page in its place, with the "not translated yet"
banner. A stamped English text that was edited stops the build too.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, meta

from docs_tools import project
from docs_tools.markdown.outline import outline, plain_text
from docs_tools.markdown.page_file import read_page
from docs_tools.markdown.sections import Change
from docs_tools.site.build_errors import PageErrors
from docs_tools.site.language_build import LanguageBuild, language_build
from docs_tools.site.page_extensions import SECTION_MARKS
from docs_tools.site.theme_patches import ThemeChanged, content_in
from docs_tools.translation.banners import Listed, after_title, banner, section_lists, section_mark
from docs_tools.translation.messages import MESSAGES_NAME, MessagesError, for_language, load, written_in
from docs_tools.translation.section_links import link_targets, to_english
from docs_tools.translation.state import Origin, TranslationState

log = logging.getLogger("mkdocs.hooks.translated_pages")

GUIDE_KEY = "translators_guide"
"""The key under `extra:` in mkdocs.yml that names the translators' guide, a page path relative to each language's
folder."""


def _plugin_error(error: Exception) -> PluginError:
    return PluginError(str(error))


class TranslatedPages:
    """Every language build's banners and section marks, from one translation state: MkDocs reads the configuration
    once (`on_config`), and the i18n plugin then runs one build per language."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.project = project.from_config(config)
        self.state = TranslationState(self.project)
        try:
            self.messages = load(project.root_of(config) / MESSAGES_NAME)
        except MessagesError as error:
            raise _plugin_error(error) from None
        self.guide = self._guide(config)
        self.replaced: set[tuple[str, str]] = set()
        """(language, page path) of each translated page served as its English page instead."""
        self.broken = {(language.code, page): problems for language in self.project.translations
                       for page in self.project.pages(language.code)
                       if (problems := [str(problem) for problem in self.state.breaking(language.code, page)])}
        """The faults of each translated page that readers must not get, by (language, page), found once for every
        language build."""
        if config.strict:
            self._refuse_broken()

    def _refuse_broken(self) -> None:
        errors = PageErrors(log, "fault(s) in translated pages that readers must not get")
        found = [message for problems in self.broken.values() for message in problems]
        for message in dict.fromkeys(found):  # an English page's fault is every translation's: said once
            errors.add(message)
        errors.stop_if_any()

    def _guide(self, config: MkDocsConfig) -> str | None:
        guide = config.extra.get(GUIDE_KEY)
        if guide is None:
            return None
        default = self.project.default_language
        if not isinstance(guide, str) or not self.project.page_path(default, guide).is_file():
            raise PluginError(f"{project.CONFIG_NAME}: extra.{GUIDE_KEY} is {guide!r}, which is not a page of "
                              f"{self.project.shown(self.project.docs_dir / default)}/; name the translators' "
                              "guide's page, or remove the key to serve banners without a link")
        return guide

    def _build(self, config: MkDocsConfig) -> LanguageBuild | None:
        """The translation being built; None in the default language's build."""
        build = language_build(config)
        return None if build is None or build.is_default else build

    def _message(self, build: LanguageBuild, kind: str):
        try:
            return for_language(self.messages, build.language, kind)
        except MessagesError as error:
            raise _plugin_error(error) from None

    def _written_in(self, build: LanguageBuild, kind: str) -> str:
        """The language a message is written in, for screen readers (see `messages.written_in`)."""
        self._message(build, kind)  # a missing message stops the build with what to do
        return written_in(self.messages, build.language, kind, build.default)

    def markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The page's Markdown with its links to missing sections sent to English, and its banner under the title
        if it needs one; the section-marks extension (`docs_tools.extensions.section_marks`) is told which of its
        sections to mark."""
        build = self._build(config)
        if build is None:
            return markdown
        markdown = self._section_links(build, markdown, page, files)
        marks: list[tuple[str, str]] = []
        if page.file.locale == build.language and self._breaking(build, page):
            markdown, block = self._english(build, page), self._not_translated(build, page)
        elif page.file.locale != build.language:
            block = self._not_translated(build, page)
        else:
            block = self._outdated(build, page, markdown, marks)
        config.mdx_configs[SECTION_MARKS] = {**config.mdx_configs.get(SECTION_MARKS, {}), "marks": marks}
        return markdown if block is None else after_title(markdown, block)

    def _name(self, build: LanguageBuild, page: Page) -> str:
        return Path(page.file.abs_src_path).relative_to(self.project.docs_dir / build.language).as_posix()

    def _breaking(self, build: LanguageBuild, page: Page) -> bool:
        """Whether readers must not get this translated page; each fault is logged as a warning (a strict build
        stopped before any page, see `_refuse_broken`)."""
        problems = self.broken.get((build.language, self._name(build, page)), [])
        for problem in problems:
            log.warning(f"{problem} (the English page is served in its place)")
        return bool(problems)

    def _english(self, build: LanguageBuild, page: Page) -> str:
        """The English page's Markdown, to serve in place of the translated page."""
        self.replaced.add((build.language, page.file.src_uri))
        path = self.project.page_path(build.default, self._name(build, page))
        markdown, _ = meta.get_data(read_page(path, self.project.shown(path)))
        return markdown

    def _ids(self, path: str) -> set[str]:
        found = self.state.outline_of(Path(path))
        return set() if found is None else found.ids

    def _section_links(self, build: LanguageBuild, markdown: str, page: Page, files: Files) -> str:
        english = {}
        for target in link_targets(markdown):
            parts = urlsplit(target)
            if parts.scheme or target.startswith("//") or not parts.fragment:
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), unquote(parts.path))) \
                if parts.path else page.file.src_uri
            linked = files.get_file_from_path(path)
            if linked is None or linked.locale != build.language:
                continue  # not a page of this build, or an English fallback page: MkDocs checks those links
            anchor = unquote(parts.fragment)
            source = (linked.alternates or {}).get(build.default)
            if anchor in self._ids(linked.abs_src_path) or source is None:
                continue
            if anchor in self._ids(source.abs_src_path):
                english[target] = f"{get_relative_url(source.url, page.url)}#{parts.fragment}"
        return to_english(markdown, english)

    def _not_translated(self, build: LanguageBuild, page: Page) -> str:
        message = self._message(build, "not_translated")
        if self.guide is None:
            return banner("not_translated", message, "", self._written_in(build, "not_translated"))
        guide = posixpath.relpath(f"{build.default}/{self.guide}", posixpath.dirname(page.file.src_uri) or ".")
        return banner("not_translated", message, message.markdown(guide), self._written_in(build, "not_translated"))

    def _outdated(self, build: LanguageBuild, page: Page, markdown: str, marks: list[tuple[str, str]]) -> str | None:
        name = self._name(build, page)
        basis = self.state.of(build.language, name)
        if basis is None:
            return None
        if basis.stamp_error is not None:
            raise PluginError(str(basis.stamp_error))
        if not basis.outdated:
            return None
        if basis.origin is Origin.DAMAGED:
            raise PluginError(basis.note)
        alternate = page.file.alternates.get(build.default)
        if alternate is None:
            raise PluginError(f"{self.project.shown(self.project.page_path(build.language, name))}: the i18n "
                              f"plugin gave no {build.default} alternate for this page")
        url = get_relative_url(alternate.url, page.url)
        message = self._message(build, "outdated")
        text = message.html(url, hreflang=build.default)
        assert basis.stamp is not None
        changes = self.state.changes(name, basis.stamp)
        if changes is not None:
            if not changes:
                return None  # only blank lines or line endings changed: nothing a reader could miss
            text = f"{text}\n\n{self._changed_sections(build, markdown, changes, url, marks)}"
        return banner("outdated", message, text, self._written_in(build, "outdated"))

    def _changed_sections(self, build: LanguageBuild, markdown: str, changes, url: str,
                          marks: list[tuple[str, str]]) -> str:
        """The banner's lists of the sections that changed in English since the stamp; adds to `marks` the mark
        (heading id, HTML) to put on each changed section of the translation."""
        titles = {heading.id: plain_text(heading.text)
                  for heading in outline(markdown, "", self.project.heading_id).headings}
        lists: dict[Change, list[Listed]] = {change: [] for change in Change}
        message = self._message(build, "outdated")
        start = message.labels["page_start"]
        for change in changes:
            section = change.section
            title = start if section.id is None else titles.get(section.id, plain_text(section.title or ""))
            if change.change is Change.REMOVED:
                lists[change.change].append(Listed(title, None))
                if section.id in titles:
                    marks.append((section.id, self._mark(build, "section_removed", url)))
                continue
            href = url if section.id is None else f"{url}#{section.id}"
            lists[change.change].append(Listed(title, href))
            if change.change is Change.CHANGED and section.id in titles:
                marks.append((section.id, self._mark(build, "section_changed", href)))
        return section_lists(message, build.default, lists[Change.CHANGED], lists[Change.ADDED],
                             lists[Change.REMOVED])

    def _mark(self, build: LanguageBuild, kind: str, href: str) -> str:
        return section_mark(kind, self._message(build, kind), href, self._written_in(build, kind), build.default)

    def output(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """The page as written: the content of an English page served in a translation marked as English."""
        build = self._build(config)
        if build is None or (page.file.locale == build.language
                             and (build.language, page.file.src_uri) not in self.replaced):
            return output
        try:
            return content_in(output, build.default)
        except ThemeChanged as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None


class NoTranslations:
    """A site without the i18n plugin: pages pass through unchanged."""

    def markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return markdown

    def output(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return output


def for_config(config: MkDocsConfig) -> TranslatedPages | NoTranslations:
    """What decides the translated pages of the site `config` describes."""
    return NoTranslations() if config.plugins.get("i18n") is None else TranslatedPages(config)
