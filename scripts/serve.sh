#!/usr/bin/env bash
# Serve the docs in every language with live reload (edits under docs/ and docs_src/ rebuild; restart after
# editing docs_tools/, whose hooks MkDocs loads once).
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
cd "$ROOT"
exec "$VENV/bin/mkdocs" serve --livereload "$@"
