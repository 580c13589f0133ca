"""The client of a recorded run, in a process of its own: `python -m docs_tools.timelines.client` reads the base URL
and the requests as JSON on its standard input, sends them one after another, and prints when each was sent and when
its response was held in full.

A client in the server's process would share its interpreter lock: a task that holds the lock would hold up the
client's reading too, and the figure would show a delay that no real client has. The times are read from the same
clock as the server's (`time.perf_counter`, the system-wide monotonic clock on Linux), so both sides share one axis.
"""

from __future__ import annotations

import base64
import json
import sys
import time

import httpx2

from docs_tools.serving.lines import TIMEOUT

CLOCK = "clock_gettime(CLOCK_MONOTONIC)"
"""The one `perf_counter` implementation whose readings two processes can compare."""


class ClockError(RuntimeError):
    """This system's perf_counter cannot be compared across processes."""


def check_clock() -> None:
    implementation = time.get_clock_info("perf_counter").implementation
    if implementation != CLOCK:
        raise ClockError(f"time.perf_counter is {implementation} here; recording needs {CLOCK} (Linux), so that the "
                         "client's and the server's times lie on one axis")


def send_all(url: str, requests: list[dict]) -> list[dict]:
    times = []
    with httpx2.Client(base_url=url, timeout=TIMEOUT) as client:
        for request in requests:
            sent = time.perf_counter()
            response = client.request(request["method"], request["path"], headers=request["headers"],
                                      content=base64.b64decode(request["body"]))
            held = time.perf_counter()
            times.append({"label": request["label"], "sent": sent, "held": held, "status": response.status_code})
    return times


def main() -> int:
    check_clock()
    order = json.load(sys.stdin)
    print(json.dumps(send_all(order["url"], order["requests"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
