#!/usr/bin/env bash
# Every benchmark of the Performance page, side by side in one run: writes benchmarks/results/results.json, from
# which the page is drawn when the site is built, and a chart per benchmark beside it, then prints every ratio next
# to its target. ./scripts/benchmark.sh [--quick] [--only NAME ...] [--output FOLDER]. Installs wrk if missing.
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
ensure_programs wrk
cd "$ROOT"
PYTHONDONTWRITEBYTECODE=1 exec "$VENV/bin/python" -m benchmarks.run "$@"
