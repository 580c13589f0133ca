import json
import logging
import re
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from lilya.apps import Lilya
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path
from redis.asyncio import Redis

from .limits import read_body, too_large
from .storage import (
    QUEUED,
    REDIS_TIMEOUTS,
    REDIS_URL,
    UPLOAD_TTL,
    outcome_key,
    state_key,
    upload_key,
)
from .worker import process_upload

log = logging.getLogger(__name__)
UPLOAD_ID = re.compile(r"[0-9a-f]{32}")  # what uuid4().hex gives


@asynccontextmanager
async def lifespan(app: Lilya) -> AsyncIterator[None]:
    app.state.redis = Redis.from_url(REDIS_URL, **REDIS_TIMEOUTS)
    yield
    await app.state.redis.aclose()


async def accept_upload(request: Request) -> JSONResponse:
    content = await read_body(request)
    if content is None:
        return too_large()
    upload_id = uuid.uuid4().hex
    async with request.app.state.redis.pipeline(transaction=True) as pipe:
        # memoryview: redis-py sends these bytes without a copy of its own
        pipe.set(upload_key(upload_id), memoryview(content), ex=UPLOAD_TTL)
        pipe.set(state_key(upload_id), QUEUED, ex=UPLOAD_TTL)
        await pipe.execute()
    # send() waits on Redis: in a worker thread, the event loop serves on
    await anyio.to_thread.run_sync(process_upload.send, upload_id)
    log.info("upload %s queued", upload_id)
    return JSONResponse(
        {"id": upload_id, "status": "queued"},
        status_code=202,
        headers={"location": f"/uploads/{upload_id}"},
    )


async def upload_status(request: Request) -> JSONResponse:
    upload_id = request.path_params["upload_id"]
    if not UPLOAD_ID.fullmatch(upload_id):
        return JSONResponse({"detail": "unknown upload"}, status_code=404)
    # one read for both keys: the job replaces the state with the
    # outcome in one transaction, so no read falls between the two
    outcome, state = await request.app.state.redis.mget(
        outcome_key(upload_id), state_key(upload_id)
    )
    if outcome is not None:
        return JSONResponse({"id": upload_id, **json.loads(outcome)})
    if state is not None:
        return JSONResponse({"id": upload_id, "status": state.decode()})
    return JSONResponse({"detail": "unknown upload"}, status_code=404)


app = Lilya(
    routes=[
        Path("/uploads", accept_upload, methods=["POST"]),
        Path("/uploads/{upload_id}", upload_status),
    ],
    lifespan=lifespan,
)
