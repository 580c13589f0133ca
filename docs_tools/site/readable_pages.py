"""Every page of a build read as UTF-8 before MkDocs reads it: MkDocs answers a page in another encoding with a
traceback; here each such page is one error naming the file, the line and the byte, all of them reported together,
and nothing is written."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from docs_tools.markdown.front_matter import PageError
from docs_tools.markdown.page_file import read_page
from docs_tools.project import root_of, shown
from docs_tools.site.build_errors import PageErrors

log = logging.getLogger("mkdocs.hooks.readable_pages")


def check_readable(files: Files, config: MkDocsConfig) -> Files:
    """The build's files, once every page among them reads as UTF-8; PluginError after logging each one that
    does not."""
    errors = PageErrors(log, "page(s) cannot be read")
    root = root_of(config)
    for file in files.documentation_pages():
        path = Path(file.abs_src_path)
        try:
            read_page(path, shown(path, root))
        except PageError as error:
            errors.add(str(error))
    errors.stop_if_any()
    return files
