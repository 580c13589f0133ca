"""Holds a test puts on the jobs of the held worker (`held_worker.py`): a test marks an upload (or every upload) with
`hold(...)`; the job says where it waits on the worker's output, and waits there until `release` or a kill."""

from __future__ import annotations

import redis

EVERY_UPLOAD = "every-upload"
AT_START = "start"
AT_RECORDED = "recorded"
HOLD_LIMIT = 10  # seconds a hold lasts if the test neither releases the job nor kills the worker
HEARTBEAT_TIMEOUT = 3_000  # milliseconds of silence after which held workers count a worker as dead


def hold(redis_url: str, upload_id: str, where: str) -> None:
    """Make the upload's job (`upload_id`, or EVERY_UPLOAD) wait at `where` until `release` or a kill."""
    with redis.Redis.from_url(redis_url) as client:
        client.set(f"test:hold:{upload_id}", where)


def unhold(redis_url: str, *upload_ids: str) -> None:
    """Let the uploads' next jobs run without a hold."""
    with redis.Redis.from_url(redis_url) as client:
        client.delete(*(f"test:hold:{upload_id}" for upload_id in upload_ids))


def release(redis_url: str, upload_id: str) -> None:
    with redis.Redis.from_url(redis_url) as client:
        client.rpush(f"test:release:{upload_id}", "go")


def held_line(where: str, upload_id: str) -> str:
    return f"held at {where}: {upload_id}"


def held_at(client: redis.Redis, upload_id: str) -> str | None:
    """Where the test holds the upload's job, if it does."""
    where = client.get(f"test:hold:{upload_id}") or client.get(f"test:hold:{EVERY_UPLOAD}")
    return None if where is None else where.decode()


def wait_held(client: redis.Redis, where: str, upload_id: str) -> None:
    print(held_line(where, upload_id), flush=True)
    if client.blpop([f"test:release:{upload_id}"], timeout=HOLD_LIMIT) is None:
        raise RuntimeError(f"{upload_id} was held at {where} for {HOLD_LIMIT}s and neither released nor killed")
