"""Every committed timeline still matches a fresh recording of its example, in the order the server did things; and
the recorder gives each request and each task its own row, with times on one clock."""

from __future__ import annotations

import logging

import pytest

from docs_tools.timelines.cases import CASES, Case, Request
from docs_tools.timelines.record import record
from docs_tools.timelines.recording import load
from tests.mkdocs_site import ROOT

pytestmark = pytest.mark.long(seconds=10)


@pytest.fixture(autouse=True)
def quiet():
    """A failing task's traceback is what two of the cases show; it is not news here."""
    logging.disable(logging.CRITICAL)
    yield
    logging.disable(logging.NOTSET)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_committed_timeline_matches_a_fresh_recording(name):
    committed = load(ROOT, name)
    fresh = record(CASES[name], ROOT)
    assert fresh.server_order() == committed.server_order(), (
        f"timelines/{name}.json no longer matches its example; re-record with ./scripts/record-timelines.sh")
    assert committed.example == CASES[name].example


def test_a_recording_puts_tasks_after_the_last_body_message_and_times_in_order():
    recording = record(CASES["as_group"], ROOT)
    kinds = [event.kind for event in recording.events]
    final = next(i for i, e in enumerate(recording.events) if e.name == "http.response.body" and not e.more_body)
    assert all(i > final for i, kind in enumerate(kinds) if kind == "task-start")
    times = [event.ms for event in recording.events]
    assert times == sorted(times) and times[0] == 0.0
    assert [lane for lane in recording.lanes() if lane[0] == "task"] == [
        ("task", "notify#1"), ("task", "notify#2"), ("task", "notify#3")]


def test_a_later_request_of_a_case_waits_for_the_blocking_task(tmp_path):
    recording = record(Case("probe", "docs_src/background_tasks/blocking.py",
                            (Request("PUT", "/blocking/a", b"y" * 512), Request("GET", "/health"))), ROOT)
    order = recording.server_order()
    task_end = order.index(("task-end", "store_checksum_on_loop", "store_checksum_on_loop#1", False))
    health = order.index(("request", "http", "GET /health", False))
    assert task_end < health
