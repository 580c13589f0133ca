"""Search on /pt/ finds Portuguese pages only, on /ru/ Russian ones, on / English ones (see
`docs_tools.site.search_index`).

Timing, given that the i18n plugin runs the other languages' builds inside the default build's `on_post_build`
(priority -100): at -110, in a nested language build the root index file is still the one the search plugin wrote
for that language alone; in the outer build it is the merged index, written after every language was built.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from docs_tools.site import search_index


def on_post_page(output, page, config):
    return search_index.page(output, config)


def on_post_template(output, template_name, config):
    return search_index.template(output, template_name, config)


@event_priority(-110)
def on_post_build(config):
    search_index.write_indexes(config)
