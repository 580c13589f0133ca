"""A 404 page per language: `/404.html` in English, `/pt/404.html` in Portuguese, `/ru/404.html` in Russian.

MkDocs renders the theme's 404.html once per build into the site root, so with mkdocs-static-i18n the last
language built would win. Here each non-default language build writes its 404 page under its own prefix and hands
MkDocs an empty output, which MkDocs then skips: the root keeps the default language's page. Material's heading
("404 - Not found", not translated by the theme) is replaced with the language's own text from
`translation_messages.yml`, linking to that language's home page.

Hosts serve `/404.html` for every missing path; a host that maps 404s per folder (nginx `error_page` in a
`location /pt/`, for example) can serve each language its own page.

Runs last (priority -100) so that other hooks' changes to the page (e.g. the search `base`) are written too.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# MkDocs puts this folder on sys.path while it loads a hook, so sibling modules import by name.
from translation_messages import for_language, load

TEMPLATE = "404.html"
MATERIAL_HEADING = "<h1>404 - Not found</h1>"


def home_url(config, language: str, default: str) -> str:
    """The language's home page, absolute like every link of an error page (it is served at any depth)."""
    base = urlsplit(config.site_url or "/").path
    base = base if base.endswith("/") else base + "/"
    return base if language == default else f"{base}{language}/"


def localise(output: str, language: str, default: str, config) -> str:
    if MATERIAL_HEADING not in output:
        raise PluginError(f"{TEMPLATE}: the theme's heading {MATERIAL_HEADING!r} is not in the page any more; "
                          "update hooks/not_found_pages.py for the new template")
    message = for_language(load(), language, "not_found")
    text = f"<h1>{html.escape(message.title)}</h1>\n<p>{message.html(home_url(config, language, default))}</p>"
    return output.replace(MATERIAL_HEADING, text, 1)


@event_priority(-100)
def on_post_template(output, template_name, config):
    i18n = config.plugins.get("i18n")
    if template_name != TEMPLATE or i18n is None or not output.strip():
        return output
    language, default = i18n.current_language, i18n.default_language
    output = localise(output, language, default, config)
    if language == default:
        return output
    target = Path(config.site_dir) / language / TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""
