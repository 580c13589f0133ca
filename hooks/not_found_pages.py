"""A 404 page per language, in that language, under its prefix (see `docs_tools.site.not_found`).

Runs last (priority -100) so that other hooks' changes to the page (e.g. the search `base`) are written too.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from docs_tools.site.not_found import written


@event_priority(-100)
def on_post_template(output, template_name, config):
    return written(output, template_name, config)
