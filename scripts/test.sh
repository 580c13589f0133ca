#!/usr/bin/env bash
# Run the suite: examples, hooks, translation checks, strict site builds and the browser tests.
# With no arguments: the whole suite, with the 100 % coverage gate on docs_src/. With arguments: pytest with
# those arguments (e.g. a folder or -k), and no coverage gate, since a subset cannot cover every example.
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
ensure_suite_programs
cd "$ROOT"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# Nothing written into the checkout: no bytecode (the installed packages' own, compiled at install, is still read)
# and the coverage data in a temporary folder.
export PYTHONDONTWRITEBYTECODE=1 COVERAGE_FILE="$scratch/coverage"
if [ $# -eq 0 ]; then
    set -- --cov=docs_src --cov-report=term-missing:skip-covered --cov-fail-under=100
fi
status=0
"$VENV/bin/python" -m pytest "$@" || status=$?
exit "$status"
