"""Links between languages that work with per-page alternates (see `docs_tools.site.language_links`): no head alternates
that make the theme request missing sitemaps, 404 pages whose language selector leads to each language's home, and
a root 404 page that shows the reader's language under its prefix.

Runs before the 404 hook (priority -100), which writes each language's 404 page under its prefix.
"""

from __future__ import annotations

from docs_tools.site.language_build import language_build
from docs_tools.site.language_links import not_found_router, selector_to, without_head_alternates
from docs_tools.site.not_found import home_url

NOT_FOUND = "404.html"


def on_post_page(output, page, config):
    return without_head_alternates(output)


def on_post_template(output, template_name, config):
    build = language_build(config)
    if template_name != NOT_FOUND or build is None or not output.strip():
        return output
    languages = [entry.locale for entry in config.plugins["i18n"].config.languages]
    homes = {code: home_url(config.site_url, code, build.default) for code in languages}
    output = selector_to(without_head_alternates(output), homes)
    if build.is_default:
        base = home_url(config.site_url, build.default, build.default)
        others = [code for code in languages if code != build.default]
        output = output.replace("<head>", f"<head>\n{not_found_router(base, others)}", 1)
    return output
