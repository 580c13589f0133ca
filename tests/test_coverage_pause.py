"""Which tests the coverage gate measures, and pauses that nest."""

from __future__ import annotations

import coverage
import pytest

from tests import coverage_pause
from tests.coverage_pause import coverage_paused, measures_coverage


@pytest.mark.parametrize(("nodeid", "measured"), [
    ("tests/docs_src/background_tasks/test_via_list.py::test_served_client_has_the_response_first", True),
    ("tests/docs_src/job_queue/test_worker.py::test_x[1-1.0]", True),
    ("tests/site/test_every_page.py::TestPagesInPt::test_no_page_scrolls_sideways_on_a_phone", False),
    ("tests/docs_tools/markdown/test_includes.py::test_x", False),
])
def test_only_the_examples_own_proofs_are_measured(nodeid, measured):
    assert measures_coverage(nodeid) is measured


class Measurement:
    """A stand-in for the running measurement: counts stops and starts."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def stop(self) -> None:
        self.calls.append("stop")

    def start(self) -> None:
        self.calls.append("start")


def test_nested_pauses_stop_and_restart_the_measurement_once(monkeypatch):
    measurement = Measurement()
    monkeypatch.setattr(coverage.Coverage, "current", staticmethod(lambda: measurement))
    monkeypatch.setattr(coverage_pause, "_pauses", 0)
    with coverage_paused():
        with coverage_paused():
            assert measurement.calls == ["stop"]
        assert measurement.calls == ["stop"]
    assert measurement.calls == ["stop", "start"]
