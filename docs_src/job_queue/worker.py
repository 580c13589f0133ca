import hashlib
import json
import logging
import os

import dramatiq
import httpx2
import redis
from redis.exceptions import WatchError

from .storage import (
    NOTIFICATIONS,
    PROCESSING,
    REDIS_TIMEOUTS,
    REDIS_URL,
    RETRYING,
    UPLOAD_TTL,
    outcome_key,
    state_key,
    tries_key,
    upload_key,
)

SCANNER_URL = os.environ.get("SCANNER_URL", "http://127.0.0.1:8002/scan")
MAX_TRIES = 3
FIRST_RETRY_DELAY = 1.0  # seconds, doubled after each failed try
OUTCOME_TTL = 7 * 24 * 60 * 60  # seconds an outcome can be asked for

log = logging.getLogger(__name__)
store = redis.Redis.from_url(REDIS_URL, **REDIS_TIMEOUTS)
scanner = httpx2.Client(timeout=10.0)


def retry_when(retries: int, error: BaseException) -> bool:
    """Another try when the job asks for one, or when Redis failed it (a few
    times at most); any other exception ends the job."""
    if isinstance(error, redis.RedisError):
        return retries < MAX_TRIES
    return isinstance(error, dramatiq.Retry)


@dramatiq.actor(retry_when=retry_when, min_backoff=1000)
def process_upload(upload_id: str) -> None:
    job_try = begin_try(upload_id)
    try:
        outcome = run_try(upload_id, job_try)
    except dramatiq.Retry as retry:
        store.set(state_key(upload_id), RETRYING, xx=True, keepttl=True)
        delay = retry.delay
        log.info("upload %s, try %d: retry in %d ms", upload_id, job_try, delay)
        raise
    except redis.RedisError:
        log.info("upload %s, try %d: Redis failed", upload_id, job_try)
        raise
    except Exception:
        record_once(upload_id, failed("the job stopped on an error"))
        log.info("upload %s, try %d: stopped on an error", upload_id, job_try)
        raise
    recorded = record_once(upload_id, outcome)
    result = outcome["status"] if recorded else "already recorded"
    log.info("upload %s, try %d: %s", upload_id, job_try, result)


def begin_try(upload_id: str) -> int:
    """The try's number, counted in Redis: Dramatiq does not count a try
    whose worker died."""
    with store.pipeline(transaction=True) as pipe:
        pipe.incr(tries_key(upload_id))
        pipe.expire(tries_key(upload_id), UPLOAD_TTL)
        pipe.set(state_key(upload_id), PROCESSING, xx=True, keepttl=True)
        job_try, _, _ = pipe.execute()
    return job_try


def run_try(upload_id: str, job_try: int) -> dict:
    if job_try > MAX_TRIES:
        return failed(f"{MAX_TRIES} tries ended without an outcome")
    content = store.get(upload_key(upload_id))
    if content is None:
        return failed("the upload expired")
    try:
        verdict = scan(content)
    except httpx2.HTTPError as error:
        if job_try < MAX_TRIES:
            delay = FIRST_RETRY_DELAY * 2 ** (job_try - 1)
            raise dramatiq.Retry(delay=int(delay * 1000)) from error
        return failed(scanner_error(error))
    return {
        "status": "done",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "verdict": verdict,
    }


def failed(error: str) -> dict[str, str]:
    return {"status": "failed", "error": error}


def scan(content: bytes) -> str:
    response = scanner.post(SCANNER_URL, content=content)
    response.raise_for_status()
    return response.json()["verdict"]


def scanner_error(error: httpx2.HTTPError) -> str:
    """What a client may read: the scanner's status, not its address."""
    if isinstance(error, httpx2.HTTPStatusError):
        return f"the scanner answered {error.response.status_code}"
    return "the scanner could not be reached"


def record_once(upload_id: str, outcome: dict) -> bool:
    key = outcome_key(upload_id)
    notification = {"id": upload_id, "status": outcome["status"]}
    with store.pipeline(transaction=True) as pipe:
        pipe.watch(key)
        if pipe.exists(key):
            return False
        pipe.multi()
        pipe.set(key, json.dumps(outcome), ex=OUTCOME_TTL)
        pipe.rpush(NOTIFICATIONS, json.dumps(notification))
        pipe.delete(upload_key(upload_id), state_key(upload_id))
        try:
            pipe.execute()
        except WatchError:
            return False
    return True
