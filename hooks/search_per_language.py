"""Search on /pt/ finds Portuguese pages only, on /ru/ Russian ones, on / English ones (see
`docs_tools.site.search_index`).

- each non-default language gets its own `<lang>/search/search_index.json` holding exactly the pages of that
  language's build, with locations relative to `<lang>/`: its translations and the English fallback copies served
  under its prefix (a reader of /pt/ stays in /pt/, banner included). Each page is there once, and nowhere else;
- that language's pages (and its 404 page) get `base` pointing at `<lang>/`, so Material loads that index and
  resolves result links under `<lang>/`. With this theme configuration `base` serves nothing else (no instant
  navigation, previews or version selector);
- the root index keeps only the default language's entries.

Timing, given that the i18n plugin runs the other languages' builds inside the default build's `on_post_build`
(priority -100): at -110, in a nested language build the root index file is still the one the search plugin wrote
for that language alone; in the outer build it is the merged index, written after every language was built.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority

from docs_tools.site.language_build import language_build
from docs_tools.site.search_index import default_only, rebase, split_index

INDEX = Path("search") / "search_index.json"


def _other_language(config) -> str | None:
    build = language_build(config)
    return None if build is None or build.is_default else build.language


def on_post_page(output, page, config):
    language = _other_language(config)
    return output if language is None else rebase(output, language)


def on_post_template(output, template_name, config):
    language = _other_language(config)
    if language is None or template_name != "404.html":
        return output
    return rebase(output, language)


def _write(path: Path, index: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


@event_priority(-110)
def on_post_build(config):
    build = language_build(config)
    root_index = Path(config.site_dir) / INDEX
    if build is None or not root_index.is_file():
        return
    index = json.loads(root_index.read_text(encoding="utf-8"))
    if build.nested:
        _write(Path(config.site_dir) / build.language / INDEX, split_index(index, build.language))
    else:
        others = [language for language in config.plugins["i18n"].build_languages if language != build.default]
        _write(root_index, default_only(index, others))
