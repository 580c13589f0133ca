"""Run every benchmark of the Performance page and write its results: `./scripts/benchmark.sh [--quick] [--only NAME]`.

Writes `benchmarks/results/results.json` (the page is drawn from it at build time) and one chart per benchmark next to
it (`NAME.svg`, English words, colours of their own), then prints every ratio next to its target. The machine, the
Python and the package versions are recorded with the figures, since they mean nothing without them. The file is
replaced in one step once everything has run: an interrupted run leaves the previous results whole.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from benchmarks import as_group, blocking, build_cost, collector_pauses, exactly_once, task_latency, thread_limit
from docs_tools.figures import performance
from docs_tools.figures import texts as figure_texts
from docs_tools.figures.charts import STANDALONE_CSS
from docs_tools.figures.charts import render as render_chart

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = {module.__name__.rsplit(".", 1)[-1]: module
              for module in (task_latency, collector_pauses, as_group, thread_limit, blocking, exactly_once,
                               build_cost)}
"""The benchmark of each section of the Performance page, by the section's name."""
PACKAGES = ("lilya", "uvicorn", "uvloop", "httptools", "anyio", "mkdocs", "mkdocs-material", "mkdocs-static-i18n",
            "pymdown-extensions")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return platform.processor() or platform.machine()


def wrk_version() -> str:
    """What `wrk --version` says of itself; `./scripts/benchmark.sh` installs wrk before it runs."""
    result = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return version_said(result.stdout + result.stderr)


def version_said(said: str) -> str:
    """The version in wrk's first words: "wrk 4.1.0 [epoll] Copyright ..." says 4.1.0."""
    words = said.split()
    return words[1].split("/")[-1] if len(words) > 1 else "unknown"


def measured_on(wrk: Callable[[], str] = wrk_version) -> dict[str, Any]:
    """The machine, the Python and the packages the figures were measured with (`wrk` tells wrk's version)."""
    return {
        "date": datetime.date.today().isoformat(),
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "python": platform.python_version(),
        "packages": {**{name: version(name) for name in PACKAGES}, "wrk": wrk()},
    }


def write_atomically(path: Path, text: str) -> None:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as file:
        file.write(text)
    Path(file.name).replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmark.sh", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a short smoke run; its figures are not for the page")
    parser.add_argument("--only", nargs="+", choices=performance.SECTIONS, metavar="NAME",
                        help="run these only, keeping the other results of the file")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results",
                        help="the folder of results.json and the charts (default: benchmarks/results)")
    arguments = parser.parse_args(argv)
    output: Path = arguments.output
    output.mkdir(parents=True, exist_ok=True)
    results_path = output / "results.json"
    results: dict[str, Any] = {}
    if arguments.only and results_path.exists():
        results = json.loads(results_path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    for name in arguments.only or performance.SECTIONS:
        print(f"{name} ...", file=sys.stderr, flush=True)
        began = time.perf_counter()
        try:
            results[name] = BENCHMARKS[name].measure(quick=arguments.quick)
        except build_cost.BuildFailed as error:
            print(f"{name}: {error}\nNothing was written; {results_path} keeps its results.", file=sys.stderr)
            return 1
        print(f"{name}: {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)
    results["measured_on"] = measured_on()
    if arguments.quick:
        results["measured_on"]["quick"] = True
    performance.check(results)
    texts = figure_texts.for_language(figure_texts.load(ROOT), figure_texts.SOURCE_LANGUAGE)
    for name in performance.SECTIONS:
        chart = performance.figure(results, name, texts).chart
        if chart is not None:
            write_atomically(output / f"{name}.svg", render_chart(chart, STANDALONE_CSS) + "\n")
    write_atomically(results_path, json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(f"\n{results_path}: written after {time.perf_counter() - started:.0f} s")
    for ratio in performance.ratios(results):
        print(f"  {ratio.what}: {ratio.value:.3f} (target <= {ratio.target:g}: {'met' if ratio.met else 'NOT met'})")
    once = results["exactly_once"]
    print(f"  exactly once: {once['task_runs']} runs for {once['requests_accepted']} requests × "
          f"{once['tasks_per_request']}; lost {once['lost']}, doubled {once['doubled']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
