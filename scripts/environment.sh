# Sourced by the scripts: make .venv match requirements.lock and pyproject.toml, using only the system's Python.
# The project's package (docs_tools) is installed editable, so edits to it apply at once. Each script then ensures
# the programs it starts (ensure_programs: Debian packages, one apt-get run) and test.sh the npm packages of
# package-lock.json (npm ci).
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

# The Debian package of each program a script may install; tests/scripts/test_environment.py fails when a script
# starts a program (by name, wherever it is started) that a new machine lacks and the script does not ensure here.
declare -A DEBIAN_PACKAGE=(
    [chromium-headless-shell]=chromium-headless-shell  # the browser tests and the screenshots
    [curl]=curl                    # the home page's example, run by a test as the page writes it
    [redis-server]=redis-server    # the job-queue proofs and the upload benchmark start Redis servers of their own
    [wrk]=wrk                      # the load generator of the benchmarks; the suite imports its driver
    [strace]=strace                # shows that Redis syncs a write to disk before it answers (job-queue proof)
    [npm]="nodejs npm"             # axe-core for the accessibility tests (ensure_node_modules)
)

ensure_programs() {  # ensure_programs NAME...: install the packages of the missing ones, in one apt-get run
    local name missing=()
    for name in "$@"; do
        command -v "$name" >/dev/null 2>&1 || missing+=("$name")
    done
    [ "${#missing[@]}" -eq 0 ] && return
    local packages=()
    for name in "${missing[@]}"; do
        if [ -z "${DEBIAN_PACKAGE[$name]+set}" ]; then
            echo "scripts/environment.sh: no Debian package is named for '$name' in DEBIAN_PACKAGE" >&2
            exit 1
        fi
        # shellcheck disable=SC2206 # a package list is words
        packages+=(${DEBIAN_PACKAGE[$name]})
    done
    apt_install "${missing[*]}" "${packages[@]}"
}

ensure_suite_programs() {  # everything ./scripts/test.sh's suite starts, and the npm packages it injects
    ensure_programs chromium-headless-shell curl redis-server wrk strace npm
    ensure_node_modules
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
    ensure_programs npm
    local wanted installed=""
    wanted="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
    [ -f "$ROOT/node_modules/.lock-sha256" ] && installed="$(cat "$ROOT/node_modules/.lock-sha256")"
    if [ "$wanted" != "$installed" ]; then
        (cd "$ROOT" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
        echo "$wanted" > "$ROOT/node_modules/.lock-sha256"
    fi
}

ensure_venv
