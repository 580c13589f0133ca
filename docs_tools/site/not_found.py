"""A 404 page per language: `/404.html` in English, `/pt/404.html` in Portuguese, `/ru/404.html` in Russian, each
with the language's own heading and text, linking to that language's home page.

MkDocs renders the theme's 404.html once per build into the site root, so with mkdocs-static-i18n the last
language built would win. Each non-default language build writes its 404 page under its own prefix and hands
MkDocs an empty output, which MkDocs then skips: the root keeps the default language's page.

Hosts serve `/404.html` for every missing path; a host that maps 404s per folder (nginx `error_page` in a
`location /pt/`, for example) can serve each language its own page.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from docs_tools.project import root_of
from docs_tools.site.language_build import language_build
from docs_tools.site.theme_patches import ThemeChanged, not_found_heading
from docs_tools.translation.messages import MESSAGES_NAME, Message, MessagesError, for_language, load, written_in

TEMPLATE = "404.html"


def home_url(site_url: str | None, language: str, default: str) -> str:
    """The language's home page, absolute like every link of an error page (it is served at any depth)."""
    base = urlsplit(site_url or "/").path
    base = base if base.endswith("/") else base + "/"
    return base if language == default else f"{base}{language}/"


def localise(output: str, message: Message, home: str, written_in: str | None = None) -> str:
    """The 404 page with the message as its heading and text, linking to `home`; `written_in` marks them as written
    in another language than the page's (a translation's message still a copy of English's)."""
    lang = "" if written_in is None else f' lang="{html.escape(written_in)}"'
    return not_found_heading(output, f"<h1{lang}>{html.escape(message.title)}</h1>\n<p{lang}>{message.html(home)}</p>")


def written(output: str, template_name: str, config: MkDocsConfig) -> str:
    """What MkDocs writes for a template of a language build: the 404 page in the build's language, written here
    under the language's prefix for a language other than the default (MkDocs is handed nothing to write)."""
    build = language_build(config)
    if template_name != TEMPLATE or build is None or not output.strip():
        return output
    try:
        messages = load(root_of(config) / MESSAGES_NAME)
        message = for_language(messages, build.language, "not_found")
        language = written_in(messages, build.language, "not_found", build.default)
        output = localise(output, message, home_url(config.site_url, build.language, build.default),
                          None if language == build.language else language)
    except (MessagesError, ThemeChanged) as error:
        raise PluginError(str(error)) from None
    if build.is_default:
        return output
    target = Path(config.site_dir) / build.language / TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""
