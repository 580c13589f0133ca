"""The benchmark command's bookkeeping: what the figures were measured on, and a results file replaced whole."""

from __future__ import annotations

from benchmarks import run


def test_the_machine_record_names_cpu_python_and_every_package():
    machine = run.measured_on()
    assert machine["cpus"] >= 1 and machine["cpu"] and machine["python"].count(".") == 2
    assert set(run.PACKAGES) | {"wrk"} == set(machine["packages"])


def test_a_results_file_is_replaced_in_one_step(tmp_path):
    path = tmp_path / "results.json"
    path.write_text("old")
    run.write_atomically(path, "new")
    assert path.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["results.json"]
