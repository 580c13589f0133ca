"""The 404 page in a reader's language: Material's untranslated heading replaced by the language's own text."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from docs_tools.translation.messages import Message

MATERIAL_HEADING = "<h1>404 - Not found</h1>"


class TemplateChanged(ValueError):
    """The theme's 404 page no longer has the heading this module replaces."""


def home_url(site_url: str | None, language: str, default: str) -> str:
    """The language's home page, absolute like every link of an error page (it is served at any depth)."""
    base = urlsplit(site_url or "/").path
    base = base if base.endswith("/") else base + "/"
    return base if language == default else f"{base}{language}/"


def localise(output: str, message: Message, home: str) -> str:
    """The 404 page with the message as its heading and text, linking to `home`."""
    if MATERIAL_HEADING not in output:
        raise TemplateChanged(f"404.html: the theme's heading {MATERIAL_HEADING!r} is not in the page any more; "
                              "update docs_tools/site/not_found.py for the new template")
    text = f"<h1>{html.escape(message.title)}</h1>\n<p>{message.html(home)}</p>"
    return output.replace(MATERIAL_HEADING, text, 1)
