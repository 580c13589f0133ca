#!/usr/bin/env bash
# Run the whole suite: examples, hooks, translation checks, a strict site build and the browser tests.
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
ensure_chromium
cd "$ROOT"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export PYTHONPYCACHEPREFIX="$scratch/pycache" COVERAGE_FILE="$scratch/coverage"
exec "$VENV/bin/python" -m pytest "$@"
