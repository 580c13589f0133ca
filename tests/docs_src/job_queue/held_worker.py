"""The example's worker, able to hold a job at its start or once its outcome is recorded, until the test releases
it or kills the worker.

A test marks an upload (or every upload) with `hold(...)`; the job says where it waits on the worker's output. Jobs
time out after JOB_TIMEOUT (3 s) here, so a killed worker's in-progress marks expire 13 s after it took each job (arq
adds 10 s), and another worker runs those jobs again.
"""

from __future__ import annotations

from typing import Any

import redis
from arq import func

from docs_src.job_queue import worker

EVERY_UPLOAD = "every-upload"
AT_START = "start"
AT_RECORDED = "recorded"
JOB_TIMEOUT = 3  # seconds
HOLD_LIMIT = 2.5  # seconds: under the job timeout, so that a hold never released fails the job, not arq's timeout


def hold(redis_url: str, upload_id: str, where: str) -> None:
    """Make the upload's job (`upload_id`, or EVERY_UPLOAD) wait at `where` until `release` or a kill."""
    with redis.Redis.from_url(redis_url) as client:
        client.set(f"test:hold:{upload_id}", where)


def release(redis_url: str, upload_id: str) -> None:
    with redis.Redis.from_url(redis_url) as client:
        client.rpush(f"test:release:{upload_id}", "go")


def held_line(where: str, upload_id: str) -> str:
    return f"held at {where}: {upload_id}"


async def _wait(client: Any, where: str, upload_id: str) -> None:
    print(held_line(where, upload_id), flush=True)
    if await client.blpop([f"test:release:{upload_id}"], timeout=HOLD_LIMIT) is None:
        raise RuntimeError(f"{upload_id} was held at {where} for {HOLD_LIMIT}s and neither released nor killed")


async def held_process_upload(ctx: dict[str, Any], upload_id: str) -> str:
    client = ctx["redis"]
    where = await client.get(f"test:hold:{upload_id}") or await client.get(f"test:hold:{EVERY_UPLOAD}")
    if where == AT_START.encode():
        await _wait(client, AT_START, upload_id)
    result = await worker.process_upload(ctx, upload_id)
    if where == AT_RECORDED.encode():
        await _wait(client, AT_RECORDED, upload_id)
    return result


WorkerSettings = {  # arq reads a settings class's own attributes only, so a subclass would lose the example's
    **vars(worker.WorkerSettings),
    "functions": [func(held_process_upload, name="process_upload")],
    "job_timeout": JOB_TIMEOUT,
}
