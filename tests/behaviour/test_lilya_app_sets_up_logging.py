"""Making a Lilya application configures Python's logging: in a new process with no logging set up, a module's
logger prints nothing at INFO level before a `Lilya(...)` is made, and prints its lines, naming the module, after."""

import subprocess
import sys

from tests.proof import TIMEOUT

PROGRAM = """
import logging
log = logging.getLogger("shop.tasks")
log.info("before the application is made")
from lilya.apps import Lilya
log.info("after the import")
app = Lilya()
log.info("after the application is made")
"""


def test_in_a_new_process_info_lines_are_printed_once_a_lilya_application_is_made(tmp_path):
    (tmp_path / "tasks.py").write_text(PROGRAM, encoding="utf-8")
    ran = subprocess.run([sys.executable, "tasks.py"], cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT)
    assert ran.returncode == 0, ran.stderr
    printed = (ran.stdout + ran.stderr).splitlines()
    assert len(printed) == 1, printed
    assert printed[0].endswith("INFO in tasks: after the application is made"), printed
