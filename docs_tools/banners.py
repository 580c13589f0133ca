"""The banners a translated page can carry ("not translated yet", "the English page changed"), as Markdown text."""

from __future__ import annotations

import html
import re

from docs_tools.messages import Message
from docs_tools.outline import title


def banner(kind: str, message: Message, text: str, language: str) -> str:
    """An admonition-styled block in the reader's `language` (marked, since the page around it may be English),
    kept out of the search index; Markdown inside it is rendered (md_in_html), so MkDocs checks and rewrites its
    links."""
    style = "info" if kind == "not_translated" else "warning"
    return (
        f'<div class="admonition {style} translation-banner translation-{kind.replace("_", "-")}" '
        f'lang="{html.escape(language)}" data-search-exclude markdown>\n'
        f'<p class="admonition-title">{html.escape(message.title)}</p>\n\n{text}\n\n</div>'
    )


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')


class TemplateChanged(ValueError):
    """The theme's page no longer has the content element this module marks."""


def content_in(output: str, language: str) -> str:
    """The page's HTML with its content (Material's article) marked as written in `language`: an English page served
    under a translation is English text, whatever the page's own `lang` says."""
    marked, count = _ARTICLE.subn(rf'\g<0> lang="{html.escape(language)}"', output, count=1)
    if count != 1:
        raise TemplateChanged("the theme's page has no <article class=\"md-content__inner md-typeset\"> any more; "
                              "update docs_tools/banners.py for the new template")
    return marked


def after_title(markdown: str, block: str) -> str:
    """The page with `block` under its title, or on top when the page does not start with one."""
    heading = title(markdown)
    if heading is None:
        return f"{block}\n\n{markdown}"
    lines = markdown.split("\n")
    return "\n".join([*lines[: heading.last_line], "", block, "", *lines[heading.last_line :]])
