#!/usr/bin/env bash
# Time the test suite of this checkout against an earlier commit, side by side on this machine, in one run:
#   ./scripts/benchmark-suite.sh REF [ROUNDS]      e.g. ./scripts/benchmark-suite.sh 92ba173 2
# Each round runs, for each tree (REF, cloned into a temporary folder, then this working tree), with this .venv:
# - the whole suite with the coverage gate, in the bytecode setting of that tree's own scripts/test.sh (a fresh
#   PYTHONPYCACHEPREFIX there recompiles every module in every process), i.e. the README's test command;
# - the whole suite again, both trees reading the installed bytecode, so only the tests differ;
# - tests/docs_src alone, with the default workers and with six (the README's way to run the examples' proofs).
# It prints the wall time of each run and the test time per test folder (setup, call and teardown summed over the
# xdist workers). Nothing is written into either tree.
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
if [ $# -lt 1 ] || [[ "$1" == -* ]]; then
    echo "usage: ./scripts/benchmark-suite.sh REF [ROUNDS], e.g. ./scripts/benchmark-suite.sh 92ba173 2" >&2
    exit 2
fi
ref="$1"
rounds="${2:-1}"
ensure_suite_programs
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
git clone --quiet --no-checkout "$ROOT" "$scratch/before"
git -C "$scratch/before" checkout --quiet --detach "$ref"
(cd "$scratch/before" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)  # axe-core, as it pins it
before_commit="$(git -C "$scratch/before" rev-parse --short HEAD)"
after_commit="$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo '+changes')"

# The test that the hooks load from a plain interpreter, where they import the installed package, before and after
# the hooks moved to hooks/.
HOOKS_IMPORT=(
    tests/docs_tools/test_inventory.py::test_every_hook_of_mkdocs_yml_imports_by_its_package_name_in_a_plain_python_process
    tests/hooks/test_inventory.py::test_every_hook_loads_by_path_in_a_plain_python_process_from_an_empty_folder
)

run() {  # run NAME TREE BYTECODE [PYTEST ARGS...]: one timed pytest run; JUnit report, wall time in $scratch/NAME.*
    local name="$1" tree="$2" bytecode="$3"
    shift 3
    local started ended
    started="$(date +%s%N)"
    (
        cd "$tree"
        export PYTHONDONTWRITEBYTECODE=1 COVERAGE_FILE="$scratch/coverage-$name"
        if [ "$bytecode" = own ] && grep -q PYTHONPYCACHEPREFIX scripts/test.sh; then
            export PYTHONPYCACHEPREFIX="$scratch/pycache-$name"
        fi
        # The one .venv installs this checkout's package (editable), so in the other tree the test that the hooks
        # import from the installed package finds them here: it is left out of both.
        "$VENV/bin/python" -m pytest -q -p no:cacheprovider --junitxml="$scratch/$name.xml" "$@" \
            "${HOOKS_IMPORT[@]/#/--deselect=}" \
            >"$scratch/$name.log" 2>&1
    ) || { echo "pytest failed in $tree ($name); its output:" >&2; cat "$scratch/$name.log" >&2; exit 1; }
    ended="$(date +%s%N)"
    echo "$(( (ended - started) / 1000000 ))" > "$scratch/$name.wall"  # milliseconds
}

full_suite_args() {  # what ./scripts/test.sh runs with no arguments, in each tree's own configuration
    if grep -q -- "--cov-fail-under" "$1/pyproject.toml"; then
        return  # the gate was part of pytest's own options then
    fi
    echo "--cov=docs_src --cov-report=term-missing:skip-covered --cov-fail-under=100"
}

for round in $(seq "$rounds"); do
    echo "round $round of $rounds ..." >&2
    for tree in before after; do
        folder="$scratch/before"
        [ "$tree" = after ] && folder="$ROOT"
        # shellcheck disable=SC2046 # the options are words
        run "$tree-$round-readme" "$folder" own $(full_suite_args "$folder")
    done
    for tree in before after; do
        folder="$scratch/before"
        [ "$tree" = after ] && folder="$ROOT"
        # shellcheck disable=SC2046
        run "$tree-$round-suite" "$folder" installed $(full_suite_args "$folder")
        run "$tree-$round-docs_src" "$folder" installed tests/docs_src --no-cov
        run "$tree-$round-docs_src6" "$folder" installed tests/docs_src --no-cov -n 6
    done
done

"$VENV/bin/python" - "$scratch" "$rounds" "$before_commit" "$after_commit" <<'PYTHON'
"""Print the measurements: wall time per run, and test time per test folder from the JUnit reports."""
import sys
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree

scratch, rounds, before, after = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]


def wall(name: str) -> float:
    return int((scratch / f"{name}.wall").read_text()) / 1000


def per_folder(name: str) -> dict[str, float]:
    folders: dict[str, float] = defaultdict(float)
    for case in ElementTree.parse(scratch / f"{name}.xml").iter("testcase"):
        parts = case.get("classname", "").split(".")
        folder = "/".join(parts[:2]) + "/" if len(parts) > 2 else "tests/ (top level)"
        folders[folder] += float(case.get("time", 0))
    return folders


print(f"before = {before}, after = {after}; same machine, same .venv, {rounds} round(s), run alternately")
print(f"{'wall time':44}{'before':>10}{'after':>10}{'after/before':>12}")
LABELS = {
    "readme": "./scripts/test.sh's settings",
    "suite": "whole suite, installed bytecode",
    "docs_src": "tests/docs_src alone",
    "docs_src6": "tests/docs_src alone, -n 6 (README)",
}
for run, label in LABELS.items():
    for round_ in range(1, rounds + 1):
        b, a = wall(f"before-{round_}-{run}"), wall(f"after-{round_}-{run}")
        print(f"{label + f', round {round_}':44}{b:>8.1f} s{a:>8.1f} s{a / b:>12.2f}")
print()
print("test time per folder, round 1: the tests' setup + call + teardown summed over the workers (a tree may run more")
print("workers than the other, each slower), and that folder's share of the run's wall time (wall x its part of the sum)")
for run, label in (("readme", LABELS["readme"]), ("suite", LABELS["suite"])):
    print(f"  {label}{'summed, s':>22}{'share of wall, s':>30}")
    print(f"  {'':40}{'before':>10}{'after':>10}{'before':>15}{'after':>10}")
    b, a = per_folder(f"before-1-{run}"), per_folder(f"after-1-{run}")
    wall_b, wall_a = wall(f"before-1-{run}"), wall(f"after-1-{run}")
    sum_b, sum_a = sum(b.values()), sum(a.values())
    for folder in sorted(set(b) | set(a)):
        share_b, share_a = wall_b * b.get(folder, 0) / sum_b, wall_a * a.get(folder, 0) / sum_a
        print(f"    {folder:38}{b.get(folder, 0):>10.1f}{a.get(folder, 0):>10.1f}{share_b:>15.1f}{share_a:>10.1f}")
    print(f"    {'all':38}{sum_b:>10.1f}{sum_a:>10.1f}{wall_b:>15.1f}{wall_a:>10.1f}")
PYTHON
