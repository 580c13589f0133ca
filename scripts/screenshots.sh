#!/usr/bin/env bash
# Screenshots of every page in every language, light and dark, desktop and phone, for a person to look at before a
# release:  ./scripts/screenshots.sh [FOLDER]   (default: a new temporary folder; its path is printed at the end)
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
ensure_programs chromium-headless-shell
cd "$ROOT"
exec "$VENV/bin/python" -m docs_tools.serving.screenshots "$@"
