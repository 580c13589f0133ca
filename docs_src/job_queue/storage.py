import json
import os

from arq.connections import RedisSettings

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
REDIS = RedisSettings.from_dsn(REDIS_URL)
UPLOAD_TTL = 24 * 60 * 60  # seconds; arq drops a job that waited this long
NOTIFICATIONS = "upload-notifications"


def job_to_json(job: dict) -> bytes:
    return json.dumps(job).encode()


# Jobs stored as JSON, not arq's default pickle: whoever can write a pickled
# job to Redis could run any code in the workers.
JSON_JOBS = {"job_serializer": job_to_json, "job_deserializer": json.loads}


def upload_key(upload_id: str) -> str:
    return f"upload:{upload_id}:content"


def outcome_key(upload_id: str) -> str:
    return f"upload:{upload_id}:outcome"
