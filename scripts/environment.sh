# Sourced by the scripts: make .venv match requirements.lock and pyproject.toml, using only the system's Python.
# The project's package (docs_tools) is installed editable, so edits to it apply at once. test.sh also installs
# Chromium, curl and Redis (apt-get) and the npm packages of package-lock.json (npm ci), benchmark.sh wrk, when
# they are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
export NO_MKDOCS_2_WARNING=1

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return
        fi
    done
    echo "Python 3.11 or newer is required (set PYTHON=/path/to/python3.11)." >&2
    exit 1
}

ensure_venv() {
    local wanted installed=""
    wanted="$(cat "$ROOT/requirements.lock" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
    [ -f "$VENV/.lock-sha256" ] && installed="$(cat "$VENV/.lock-sha256")"
    if [ ! -x "$VENV/bin/python" ]; then
        "$(find_python)" -m venv "$VENV"
    fi
    if [ "$wanted" != "$installed" ]; then
        echo "Installing the locked Python packages and the project into .venv ..." >&2
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
            --require-hashes --no-deps -r "$ROOT/requirements.lock"
        # The build backend is the locked setuptools just installed, so nothing unpinned is fetched.
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
            --no-deps --no-build-isolation --editable "$ROOT"
        echo "$wanted" > "$VENV/.lock-sha256"
    fi
}

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_chromium() {
    command -v chromium >/dev/null 2>&1 || apt_install "Chromium for the browser tests" chromium
}

ensure_curl() {  # the home page runs an example with curl, and a test runs that command as the page writes it
    command -v curl >/dev/null 2>&1 || apt_install "curl for the home page's example" curl
}

ensure_redis() {  # the job-queue proofs start their own Redis server, in a temporary folder, on a free port
    command -v redis-server >/dev/null 2>&1 || apt_install "Redis for the job-queue proofs" redis-server
}

ensure_wrk() {  # the load generator of the benchmarks (benchmarks/)
    command -v wrk >/dev/null 2>&1 || apt_install "wrk, the benchmarks' load generator" wrk
}

apt_install() {  # apt_install WHAT PACKAGE...: install Debian packages, or stop with apt-get's output
    local what="$1" log
    shift
    echo "Installing $what (apt-get) ..." >&2
    log="$(mktemp)"
    if ! { as_root apt-get update && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"; } >"$log" 2>&1; then
        cat "$log" >&2
        echo "Installing $what failed; the apt-get output is above." >&2
        exit 1
    fi
    rm -f "$log"
}

ensure_node_modules() {  # the npm packages of package-lock.json (axe-core for the accessibility tests), exactly
    command -v npm >/dev/null 2>&1 || apt_install "Node.js and npm" nodejs npm
    local wanted installed=""
    wanted="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
    [ -f "$ROOT/node_modules/.lock-sha256" ] && installed="$(cat "$ROOT/node_modules/.lock-sha256")"
    if [ "$wanted" != "$installed" ]; then
        (cd "$ROOT" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
        echo "$wanted" > "$ROOT/node_modules/.lock-sha256"
    fi
}

ensure_venv
