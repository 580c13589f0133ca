import pytest
from lilya.testclient import TestClient

from benchmarks import exactly_once
from benchmarks.exactly_once import TASK_NAMES, Audit, Ledger, Settling, app, audit

ALL_RUNS = [("a", name) for name in TASK_NAMES] + [("b", name) for name in TASK_NAMES]


@pytest.fixture(autouse=True)
def ledger(monkeypatch) -> Ledger:
    fresh = Ledger()
    monkeypatch.setattr(exactly_once, "ledger", fresh)
    return fresh


def test_every_accepted_id_with_each_task_once_is_neither_lost_nor_doubled():
    assert audit(["a", "b"], ALL_RUNS) == Audit(accepted=2, runs=6, lost=0, doubled=0, unknown=0, repeated=0)


def test_a_missing_run_counts_as_lost():
    assert audit(["a", "b"], ALL_RUNS[1:]).lost == 1


def test_an_accepted_id_without_any_run_loses_all_its_tasks():
    assert audit(["a", "b", "c"], ALL_RUNS).lost == len(TASK_NAMES)


def test_a_run_beyond_the_first_counts_as_doubled_once_per_extra_run():
    result = audit(["a", "b"], ALL_RUNS + [("a", TASK_NAMES[0])] * 2)
    assert (result.runs, result.lost, result.doubled) == (8, 0, 2)


def test_runs_of_an_unknown_id_or_task_name_are_counted_apart():
    result = audit(["a", "b"], ALL_RUNS + [("z", TASK_NAMES[0]), ("a", "another_task")])
    assert (result.lost, result.doubled, result.unknown) == (0, 0, 2)


def test_an_id_accepted_twice_is_counted_as_repeated():
    assert audit(["a", "b", "a"], ALL_RUNS).repeated == 1


def test_a_request_is_accepted_once_and_runs_its_three_tasks_once_the_thread_one_first(ledger):
    client = TestClient(app)
    assert client.post("/work/1-1").status_code == 202
    assert ledger.accepted == ["1-1"]
    assert ledger.runs[0] == ("1-1", "record_in_thread")
    assert sorted(ledger.runs[1:]) == [("1-1", "record_in_group"), ("1-1", "record_on_loop")]
    assert client.get("/ledger").json() == {"accepted": 1, "runs": 3, "lost": 0, "doubled": 0, "unknown": 0,
                                            "repeated": 0}


def test_the_ledger_endpoint_reports_a_doubled_and_a_lost_run(ledger):
    client = TestClient(app)
    client.post("/work/1-1")
    client.post("/work/1-2")
    ledger.ran("1-1", "record_on_loop")
    ledger.runs.remove(("1-2", "record_in_group"))
    assert client.get("/ledger").json() == {"accepted": 2, "runs": 6, "lost": 1, "doubled": 1, "unknown": 0,
                                            "repeated": 0}


def audits(*runs: int):
    """A reader of the ledger answering one audit after another, of 2 accepted ids and these many runs."""
    answers = iter([Audit(accepted=2, runs=count, lost=0, doubled=0, unknown=0, repeated=0) for count in runs])
    return lambda: next(answers)


def test_settling_waits_for_a_second_look_at_a_complete_ledger():
    settled = Settling(audits(5, 6, 6))
    assert [settled(), settled(), settled()] == [False, False, True]
    assert settled.last.runs == 6


def test_settling_waits_while_runs_are_missing_until_the_ledger_stops_changing(monkeypatch):
    settled = Settling(audits(4, 4, 4))
    assert [settled(), settled()] == [False, False]
    monkeypatch.setattr(exactly_once, "QUIET_S", 0)
    assert settled() is True
    assert settled.last.runs == 4
