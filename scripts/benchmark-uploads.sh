#!/usr/bin/env bash
# The client's latency with the upload example's background task and with its job-queue version, side by side in
# one run, printed: ./scripts/benchmark-uploads.sh [--requests 200] [--rounds 3]
# Needs Redis (installed by test.sh); see benchmarks/upload_latency.py for what is measured.
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
ensure_programs redis-server
cd "$ROOT"
PYTHONDONTWRITEBYTECODE=1 exec "$VENV/bin/python" -m benchmarks.upload_latency "$@"
