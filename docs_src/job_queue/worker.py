import hashlib
import json
import os
from typing import Any

import httpx2
from arq import Retry
from redis.asyncio import Redis
from redis.exceptions import WatchError

from .storage import JSON_JOBS, NOTIFICATIONS, REDIS, outcome_key, upload_key

SCANNER_URL = os.environ.get("SCANNER_URL", "http://127.0.0.1:8002/scan")
MAX_TRIES = 3
FIRST_RETRY_DELAY = 1.0  # seconds, doubled after each failed try
OUTCOME_TTL = 7 * 24 * 60 * 60  # seconds an outcome can be asked for


async def process_upload(ctx: dict[str, Any], upload_id: str) -> str:
    redis, job_try = ctx["redis"], ctx["job_try"]
    content = await redis.get(upload_key(upload_id))
    if job_try > MAX_TRIES:
        outcome = failed(f"{MAX_TRIES} tries ended without an outcome")
    elif content is None:
        outcome = failed("the upload expired")
    else:
        try:
            verdict = await scan(ctx["http"], content)
        except httpx2.HTTPError as error:
            if job_try < MAX_TRIES:
                delay = FIRST_RETRY_DELAY * 2 ** (job_try - 1)
                raise Retry(defer=delay) from error
            outcome = failed(f"scanner: {error}")
        else:
            outcome = {
                "status": "done",
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
                "verdict": verdict,
            }
    if await record_once(redis, upload_id, outcome):
        return outcome["status"]
    return "already recorded"


def failed(error: str) -> dict[str, str]:
    return {"status": "failed", "error": error}


async def scan(http: httpx2.AsyncClient, content: bytes) -> str:
    response = await http.post(SCANNER_URL, content=content)
    response.raise_for_status()
    return response.json()["verdict"]


async def record_once(redis: Redis, upload_id: str, outcome: dict) -> bool:
    key = outcome_key(upload_id)
    notification = {"id": upload_id, "status": outcome["status"]}
    async with redis.pipeline(transaction=True) as pipe:
        await pipe.watch(key)
        if await pipe.exists(key):
            return False
        pipe.multi()
        pipe.set(key, json.dumps(outcome), ex=OUTCOME_TTL)
        pipe.rpush(NOTIFICATIONS, json.dumps(notification))
        pipe.delete(upload_key(upload_id))
        try:
            await pipe.execute()
        except WatchError:
            return False
    return True


async def startup(ctx: dict[str, Any]) -> None:
    ctx["http"] = httpx2.AsyncClient(timeout=10.0)


async def shutdown(ctx: dict[str, Any]) -> None:
    await ctx["http"].aclose()


class WorkerSettings:
    functions = [process_upload]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = REDIS
    max_tries = MAX_TRIES + 1  # one more, to record that none ended
    job_timeout = 60
    keep_result = 0  # the outcome key is the record
    job_serializer = JSON_JOBS["job_serializer"]
    job_deserializer = JSON_JOBS["job_deserializer"]
