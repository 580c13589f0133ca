#!/usr/bin/env bash
# Re-record the pages' timelines (docs_tools/timelines/cases.py) and write timelines/*.json, from which the build
# draws the figures: ./scripts/record-timelines.sh [CASE ...]. Run it after changing an example that has one.
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
cd "$ROOT"
PYTHONDONTWRITEBYTECODE=1 exec "$VENV/bin/timelines" record "$@"
