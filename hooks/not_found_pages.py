"""A 404 page per language: `/404.html` in English, `/pt/404.html` in Portuguese, `/ru/404.html` in Russian.

MkDocs renders the theme's 404.html once per build into the site root, so with mkdocs-static-i18n the last
language built would win. Here each non-default language build writes its 404 page under its own prefix and hands
MkDocs an empty output, which MkDocs then skips: the root keeps the default language's page. The heading and text
are the language's own (`docs_tools.site.not_found`), linking to that language's home page.

Hosts serve `/404.html` for every missing path; a host that maps 404s per folder (nginx `error_page` in a
`location /pt/`, for example) can serve each language its own page.

Runs last (priority -100) so that other hooks' changes to the page (e.g. the search `base`) are written too.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from docs_tools.project import root_of
from docs_tools.site.language_build import language_build
from docs_tools.site.not_found import TemplateChanged, home_url, localise
from docs_tools.translation.messages import MESSAGES_NAME, MessagesError, for_language, load

TEMPLATE = "404.html"


@event_priority(-100)
def on_post_template(output, template_name, config):
    build = language_build(config)
    if template_name != TEMPLATE or build is None or not output.strip():
        return output
    try:
        message = for_language(load(root_of(config) / MESSAGES_NAME), build.language, "not_found")
        output = localise(output, message, home_url(config.site_url, build.language, build.default))
    except (MessagesError, TemplateChanged) as error:
        raise PluginError(str(error)) from None
    if build.is_default:
        return output
    target = Path(config.site_dir) / build.language / TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""
