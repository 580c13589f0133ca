#!/usr/bin/env bash
# The cyclic garbage collector's pauses in the server of the Performance page's first figure, and the settings that
# could shorten them, side by side in one run, printed: ./scripts/benchmark-collector.sh [--seconds 4]
# Installs wrk if missing; see benchmarks/collector_pauses.py for what is measured.
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
ensure_programs wrk
cd "$ROOT"
PYTHONDONTWRITEBYTECODE=1 exec "$VENV/bin/python" -m benchmarks.collector_pauses "$@"
