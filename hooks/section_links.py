"""In a translation's build, links to sections the translated page lacks lead to the English section (see
`docs_tools.translation.section_links`).

Runs after the include hook (priority 100), which leaves included code in fences where links are not read, and
before the banner hook (-50).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from docs_tools import project
from docs_tools.markdown.outline import outline
from docs_tools.site.language_build import language_build
from docs_tools.translation.section_links import link_targets, to_english

_ids: dict[str, set[str]] = {}
_heading_id: list = []


def on_config(config):
    """Each build reads the pages afresh (a live-reload rebuild sees edited headings), with the site's slugify."""
    _ids.clear()
    if config.plugins.get("i18n") is not None:  # without it there is no translation, and nothing to do
        _heading_id[:] = [project.from_config(config).heading_id]


def _ids_of(path: str) -> set[str]:
    if path not in _ids:
        text = Path(path).read_text(encoding="utf-8")
        _ids[path] = outline(text, path, _heading_id[0]).ids
    return _ids[path]


@event_priority(-40)
def on_page_markdown(markdown, page, config, files):
    build = language_build(config)
    if build is None or build.is_default:
        return markdown
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
        if anchor in _ids_of(linked.abs_src_path) or source is None:
            continue
        if anchor in _ids_of(source.abs_src_path):
            english[target] = f"{get_relative_url(source.url, page.url)}#{parts.fragment}"
    return to_english(markdown, english)
