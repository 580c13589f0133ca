import os

import dramatiq
import redis
from dramatiq.brokers.redis import MAINTENANCE_SCALE, RedisBroker

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# how long a call waits for Redis before it fails, instead of forever
REDIS_TIMEOUTS = {"socket_connect_timeout": 5.0, "socket_timeout": 5.0}
UPLOAD_TTL = 24 * 60 * 60  # seconds an upload and its state are kept
NOTIFICATIONS = "upload-notifications"
QUEUED, PROCESSING, RETRYING = "queued", "processing", "retrying"

broker = RedisBroker(
    client=redis.Redis.from_url(REDIS_URL, **REDIS_TIMEOUTS),
    # a worker silent this long counts as dead; its jobs go back to the queue
    heartbeat_timeout=15_000,  # milliseconds
    # look for dead workers on every call to Redis, not once in a thousand
    maintenance_chance=MAINTENANCE_SCALE,
)
dramatiq.set_broker(broker)


def upload_key(upload_id: str) -> str:
    return f"upload:{upload_id}:content"


def state_key(upload_id: str) -> str:
    return f"upload:{upload_id}:state"


def tries_key(upload_id: str) -> str:
    return f"upload:{upload_id}:tries"


def outcome_key(upload_id: str) -> str:
    return f"upload:{upload_id}:outcome"
