"""The banners a translated page can carry ("not translated yet", "the English page changed"), as Markdown text."""

from __future__ import annotations

import html

from docs_tools.messages import Message
from docs_tools.outline import title


def banner(kind: str, message: Message, text: str) -> str:
    """An admonition-styled block, kept out of the search index; Markdown inside it is rendered (md_in_html), so
    MkDocs checks and rewrites its links."""
    style = "info" if kind == "not_translated" else "warning"
    return (
        f'<div class="admonition {style} translation-banner translation-{kind.replace("_", "-")}" '
        f'data-search-exclude markdown>\n'
        f'<p class="admonition-title">{html.escape(message.title)}</p>\n\n{text}\n\n</div>'
    )


def after_title(markdown: str, block: str) -> str:
    """The page with `block` under its title, or on top when the page does not start with one."""
    heading = title(markdown)
    if heading is None:
        return f"{block}\n\n{markdown}"
    lines = markdown.split("\n")
    return "\n".join([*lines[: heading.last_line], "", block, "", *lines[heading.last_line :]])
