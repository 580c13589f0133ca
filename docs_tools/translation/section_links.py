"""Links to a section that a translation lacks yet: they lead to that section of the English page.

A translated page can lack a section that English has (the English page gained it after the translation was
made). A link to it from a page of that language, `responses.md#retrying-a-task`, would lead nowhere; instead it
becomes a link to the English page's section, marked `hreflang="en"`. It is written as HTML, which MkDocs passes
through as it is: the English page is not part of the translation's build, so MkDocs could not resolve a Markdown
link to it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from docs_tools.markdown.outline import as_written, outline


def link_targets(markdown: str) -> set[str]:
    """The targets of the page's links, outside code."""
    return {link.target for link in outline(markdown, "", as_written).links}


def to_english(markdown: str, english: Mapping[str, str]) -> str:
    """The page with each inline link `[text](target)` whose target is a key of `english` turned into an HTML link
    to the URL it maps to."""
    if not english:
        return markdown
    lines = markdown.split("\n")
    for link in outline(markdown, "", as_written).links:
        url = english.get(link.target)
        if url is None:
            continue
        pattern = re.compile(
            r"(?<!!)\[(?P<text>[^\[\]\n]*)\]\(\s*<?" + re.escape(link.target) + r">?(?:\s+\"[^\"]*\")?\s*\)"
        )
        lines[link.line - 1] = pattern.sub(
            lambda match: f'<a href="{html.escape(url)}" hreflang="en">{match["text"]}</a>', lines[link.line - 1]
        )
    return "\n".join(lines)
