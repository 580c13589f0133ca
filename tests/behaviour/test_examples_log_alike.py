"""The home page's "Every example on this site logs what its tasks do in the same way": every example app that runs
tasks (a response's, a scheduled job, a task group's) logs through a logger of its own module, and the app it makes
(Lilya's or Ravyn's) configures
Python's logging so that a line logged from the module's code reads `[time] INFO in module: message`, as the page
shows for the first example.

One process imports every example in turn, the logging configuration undone before each, and logs a line from each
example module's code (compiled under the module's file name, so that the record names the module as a task's would)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.docs_src.test_inventory import APPS, module_name
from tests.mkdocs_site import ROOT
from tests.proof import TIMEOUT

RUNS_TASKS = re.compile(r"\bTasks?\(|BackgroundTasks?\b|background=|\bwith_background\b|start_soon|create_task")
MODULE_LOGGER = re.compile(r"^log = logging\.getLogger\(__name__\)$", re.MULTILINE)
PROBE = """
import importlib, logging, sys
for name in sys.argv[1:]:
    logging.root.handlers.clear()
    logging.root.setLevel(logging.WARNING)
    module = importlib.import_module(name)
    exec(compile(f"log.info('probe of {name}')", module.__file__, "exec"), vars(module))
"""


def has_logger(source) -> bool:
    return MODULE_LOGGER.search(source.read_text(encoding="utf-8")) is not None


def test_every_example_app_that_runs_tasks_logs_through_its_module_logger_in_the_same_format():
    without_logger = [source for source in APPS if not has_logger(source)]
    assert [source.name for source in without_logger if RUNS_TASKS.search(source.read_text("utf-8"))] == []
    sources = [source for source in APPS if has_logger(source)]
    assert len(sources) >= 30 and len(without_logger) <= 1, (sources, without_logger)
    names = [module_name(source) for source in sources]
    probe = subprocess.run([sys.executable, "-c", PROBE, *names], cwd=ROOT, capture_output=True, text=True,
                           timeout=TIMEOUT * 3, check=False)
    assert probe.returncode == 0, probe.stderr
    lines = [line for line in probe.stderr.splitlines() if "probe of " in line]
    stamp = r"\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]"
    expected = [re.compile(rf"{stamp} INFO in {re.escape(name.rsplit('.', 1)[1])}: probe of {re.escape(name)}")
                for name in names]
    assert len(lines) == len(names), probe.stderr
    assert all(pattern.fullmatch(line) for pattern, line in zip(expected, lines)), lines
