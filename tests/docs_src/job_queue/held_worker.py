"""The example's worker, as `dramatiq tests.docs_src.job_queue.held_worker` runs it in a process of its own: each
job can be held once its try is counted or once its outcome is recorded (see `holds.py`), and a worker that has been
silent for HEARTBEAT_TIMEOUT (3 s, against the example's 15 s) counts as dead, its jobs put back in the queue. Never
imported by the tests' own process: importing it changes the example's modules."""

from __future__ import annotations

from docs_src.job_queue import worker
from docs_src.job_queue.storage import broker
from tests.docs_src.job_queue.holds import AT_RECORDED, AT_START, HEARTBEAT_TIMEOUT, held_at, wait_held


def held_begin_try(upload_id: str) -> int:
    """The example's first step, then the hold at the job's start: the try is counted, as a crash would leave it."""
    job_try = example_begin_try(upload_id)
    if held_at(worker.store, upload_id) == AT_START:
        wait_held(worker.store, AT_START, upload_id)
    return job_try


def held_record_once(upload_id: str, outcome: dict) -> bool:
    recorded = example_record_once(upload_id, outcome)
    if held_at(worker.store, upload_id) == AT_RECORDED:
        wait_held(worker.store, AT_RECORDED, upload_id)
    return recorded


broker.heartbeat_timeout = HEARTBEAT_TIMEOUT
example_begin_try, example_record_once = worker.begin_try, worker.record_once
worker.begin_try, worker.record_once = held_begin_try, held_record_once
