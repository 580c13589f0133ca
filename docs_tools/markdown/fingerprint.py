"""Which version of an English page a translation was made from.

A translated page records, in its front matter, `translation_of: sha256:<16 hex>`: the fingerprint of the English
page's source at the moment the translation last matched it (that text itself is kept in `translation_sources/`,
see `docs_tools.translation.stamped_sources`). Comparing it with the English page's current fingerprint tells whether the
English page changed since, with no need for git history (shallow clones and source archives work too). The build
hooks and the `translations` command both use this module, so they always agree.

Only differences that no reader could see are normalised away: a byte-order mark, CRLF or CR line endings, and
blank lines at the end of the file. Everything else, trailing spaces included (two trailing spaces are a Markdown
line break), is an edit that changes the fingerprint.
"""

from __future__ import annotations

import hashlib
import re

from docs_tools.markdown.newlines import normalise_newlines

STAMP_KEY = "translation_of"
COMMAND = ".venv/bin/translations"
"""How messages tell people to run the translation tools: from the project root, with the project's environment."""
ALGORITHM = "sha256"
DIGITS = 16

_STAMP = re.compile(rf"^{ALGORITHM}:[0-9a-f]{{{DIGITS}}}$")


def normalise(source: str) -> str:
    """The page text as a reader would see it: same bytes, minus invisible encoding differences."""
    return normalise_newlines(source).rstrip("\n") + "\n"


def fingerprint(source: str) -> str:
    """The stamp value for an English page's source text, e.g. 'sha256:3f2a9c1b7d4e5f60'."""
    digest = hashlib.sha256(normalise(source).encode("utf-8")).hexdigest()
    return f"{ALGORITHM}:{digest[:DIGITS]}"


def is_stamp(value: object) -> bool:
    """Whether a front matter value has the form written by `translations stamp`."""
    return isinstance(value, str) and _STAMP.match(value) is not None
