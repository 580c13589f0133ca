#!/usr/bin/env bash
# Serve one translation (and English, its fallback) at the published URLs, e.g. ./scripts/preview.sh pt -> /pt/.
set -euo pipefail
if [ $# -lt 1 ] || [[ "$1" == -* ]]; then
    echo "usage: ./scripts/preview.sh LANGUAGE [mkdocs serve options], e.g. ./scripts/preview.sh pt" >&2
    exit 2
fi
language="$1"
shift
PREVIEW_LANGUAGE="$language" exec "$(dirname "${BASH_SOURCE[0]}")/serve.sh" "$@"
