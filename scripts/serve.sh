#!/usr/bin/env bash
# Serve the docs in every language with live reload (edits under docs/, docs_src/ and hooks/ rebuild).
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
cd "$ROOT"
exec "$VENV/bin/mkdocs" serve --livereload "$@"
