import re

import pytest

from benchmarks import wrk
from benchmarks.wrk import MARKER, REPORTER, WrkError, WrkResult, command, poll, read_result, script_text

HUMAN_REPORT = """Running 2s test @ http://127.0.0.1:8000/work
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.31ms  512.00us  12.77ms   90.00%
  11880 requests in 2.01s, 1.40MB read
Requests/sec:   5924.80
"""
RESULT_LINE = ('WRK-RESULT {"requests": 12000, "duration_us": 2000000, "connect": 1, "read": 2, "write": 3, '
               '"status": 4, "timeout": 5, "median_us": 1303, "p99_us": 3384, "max_us": 12766}')
ARGS = ["wrk", "--threads", "1", "http://127.0.0.1:8000/"]


def test_the_figures_come_from_the_reporter_line_with_latencies_in_milliseconds():
    result = read_result(ARGS, 0, HUMAN_REPORT + RESULT_LINE + "\n")
    assert result == WrkResult(requests=12000, errors=15, seconds=2.0, requests_per_s=6000.0, median_ms=1.303,
                               p99_ms=3.384, max_ms=12.766)


def test_errors_are_connect_read_write_timeout_and_status_errors_summed():
    line = RESULT_LINE.replace('"connect": 1', '"connect": 0').replace('"status": 4', '"status": 40')
    assert read_result(ARGS, 0, line).errors == 2 + 3 + 40 + 5


def test_a_failed_wrk_raises_with_its_command_exit_code_and_output():
    with pytest.raises(WrkError) as raised:
        read_result(ARGS, 1, "unable to connect to 127.0.0.1:8000 Connection refused\n")
    message = str(raised.value)
    assert "exited with 1" in message
    assert "wrk --threads 1 http://127.0.0.1:8000/" in message
    assert "Connection refused" in message


def test_a_failed_wrk_raises_even_when_its_script_printed_a_result():
    with pytest.raises(WrkError, match="exited with 2"):
        read_result(ARGS, 2, RESULT_LINE)


def test_output_without_a_result_line_raises_with_the_output():
    said = "script.lua: script.lua:1: '=' expected near 'error'\n" + HUMAN_REPORT
    with pytest.raises(WrkError, match="printed 0 result lines") as raised:
        read_result(ARGS, 0, said)
    assert "'=' expected near 'error'" in str(raised.value)


def test_two_result_lines_raise():
    with pytest.raises(WrkError, match="printed 2 result lines"):
        read_result(ARGS, 0, RESULT_LINE + "\n" + RESULT_LINE)


def test_a_result_line_missing_a_figure_raises():
    with pytest.raises(WrkError, match="not what the reporter prints"):
        read_result(ARGS, 0, MARKER + '{"requests": 1}')


def test_no_duration_gives_zero_requests_per_second_rather_than_an_error():
    line = RESULT_LINE.replace('"duration_us": 2000000', '"duration_us": 0')
    assert read_result(ARGS, 0, line).requests_per_s == 0.0


def test_the_reporter_writes_the_marker_that_the_parser_looks_for():
    assert f'io.write("{MARKER}"' in REPORTER


def test_the_reporter_comes_after_the_callers_script_so_that_its_done_is_the_one_wrk_calls():
    text = script_text('wrk.method = "POST"')
    assert text.index('wrk.method = "POST"') < text.index("done = function(summary, latency, requests)")
    assert script_text(None).strip() == REPORTER.strip()


def test_the_reporter_takes_the_median_and_the_99th_percentile_from_wrk():
    assert re.search(r"latency:percentile\(50\), latency:percentile\(99\), latency\.max", REPORTER)


def test_the_command_line_gives_the_duration_a_timeout_and_the_script():
    assert command("http://h/", "/tmp/s.lua", connections=8, seconds=3, threads=2, timeout_s=5) == [
        "wrk", "--threads", "2", "--connections", "8", "--duration", "3s", "--timeout", "5s",
        "--script", "/tmp/s.lua", "http://h/"]


def test_a_duration_that_is_not_whole_is_rounded_up_for_wrk_which_takes_whole_seconds_only():
    args = command("http://h/", "s.lua", connections=8, seconds=0.5, threads=1, timeout_s=5)
    assert args[args.index("--duration") + 1] == "1s"


@pytest.mark.parametrize("seconds", [0, -1, True, float("nan"), float("inf"), "2"])
def test_wrk_takes_a_positive_finite_number_of_seconds(seconds):
    with pytest.raises(ValueError, match="seconds"):
        command("http://h/", "s.lua", connections=8, seconds=seconds, threads=1, timeout_s=5)


@pytest.mark.parametrize("timeout_s", [0, 1.5])
def test_the_timeout_is_whole_seconds(timeout_s):
    with pytest.raises(ValueError, match="timeout_s"):
        command("http://h/", "s.lua", connections=8, seconds=1, threads=1, timeout_s=timeout_s)


def test_fewer_connections_than_threads_are_refused():
    with pytest.raises(ValueError, match="2 connections, 4 threads"):
        command("http://h/", "s.lua", connections=2, seconds=1, threads=4, timeout_s=5)


def test_poll_returns_once_the_condition_holds():
    answers = iter([False, False, True])
    calls = []

    def condition():
        calls.append(1)
        return next(answers)

    poll(condition, 10, "three looks")
    assert len(calls) == 3


def test_poll_raises_naming_what_it_waited_for_past_its_deadline(monkeypatch):
    monkeypatch.setattr(wrk, "POLL_EVERY_S", 0)
    with pytest.raises(TimeoutError, match="the backlog draining: not done after 0s"):
        poll(lambda: False, 0, "the backlog draining")


def test_the_server_serves_the_app_on_an_ephemeral_127_0_0_1_port():
    with wrk.server("benchmarks.task_latency:app") as url, wrk.http_client(10) as client:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        assert client.get(url + "/work").text == "done"
