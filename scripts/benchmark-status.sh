#!/usr/bin/env bash
# Time `translations status` on a generated docs tree, in one run, and print the figures:
#   ./scripts/benchmark-status.sh [--pages 300] [--rounds 3]
# The tree (English pages translated into two languages and stamped, then every English page changed) is written
# into a temporary folder and removed at the end; see benchmarks/translation_status.py for what is measured.
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
exec "$VENV/bin/python" -m benchmarks.translation_status "$@"
