"""The banners a translated page can carry ("not translated yet", "the English page changed", with the sections
that changed), as Markdown text, and the marks on the changed sections themselves, as HTML (the section-marks
extension puts them in place)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from docs_tools.markdown.outline import title
from docs_tools.translation.messages import Message


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


def after_title(markdown: str, block: str) -> str:
    """The page with `block` under its title, or on top when the page does not start with one."""
    heading = title(markdown)
    if heading is None:
        return f"{block}\n\n{markdown}"
    lines = markdown.split("\n")
    return "\n".join([*lines[: heading.last_line], "", block, "", *lines[heading.last_line :]])


@dataclass(frozen=True)
class Listed:
    """A section named in the outdated banner."""

    title: str
    """Plain text, as the table of contents shows it."""
    href: str | None
    """The English section; None for a section the English page no longer has."""


_MARKDOWN_SPECIALS = str.maketrans({"*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "`": "&#96;",
                                    "\\": "&#92;"})


def _item(section: Listed, hreflang: str) -> str:
    title = html.escape(section.title).translate(_MARKDOWN_SPECIALS)
    if section.href is None:
        return f"- <span>{title}</span>"  # a title such as '1. Install' is text, not a nested list
    return f'- <a href="{html.escape(section.href)}" hreflang="{html.escape(hreflang)}">{title}</a>'


def section_lists(message: Message, hreflang: str, changed: list[Listed], new: list[Listed],
                  removed: list[Listed]) -> str:
    """The outdated banner's lists of sections, each under its heading text, as Markdown with HTML links (their
    targets are in another language's build, which MkDocs cannot resolve)."""
    blocks = []
    for key, sections in (("changed_sections", changed), ("new_sections", new), ("removed_sections", removed)):
        if sections:
            items = "\n".join(_item(section, hreflang) for section in sections)
            blocks.append(f"{html.escape(message.labels[key])}\n\n{items}")
    return "\n\n".join(blocks)


def section_mark(kind: str, message: Message, href: str, language: str, hreflang: str) -> str:
    """The mark on a section of an outdated translation whose English text changed (or is gone), as HTML: styled
    like the banner, in the reader's language, kept out of search."""
    return (
        f'<div class="admonition warning translation-section-mark translation-{kind.replace("_", "-")}" '
        f'lang="{html.escape(language)}" data-search-exclude>\n'
        f'<p class="admonition-title">{html.escape(message.title)}</p>\n'
        f"<p>{message.html(href, hreflang=hreflang)}</p>\n</div>"
    )
