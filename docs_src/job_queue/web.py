import json
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from arq import create_pool
from arq.jobs import Job, JobStatus
from lilya.apps import Lilya
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from .limits import read_body, too_large
from .storage import JSON_JOBS, REDIS, UPLOAD_TTL, outcome_key, upload_key

log = logging.getLogger(__name__)
WAITING = {
    JobStatus.queued: "queued",
    JobStatus.deferred: "retrying",
    JobStatus.in_progress: "processing",
}


@asynccontextmanager
async def lifespan(app: Lilya) -> AsyncIterator[None]:
    app.state.queue = await create_pool(REDIS, **JSON_JOBS)
    yield
    await app.state.queue.aclose()


async def accept_upload(request: Request) -> JSONResponse:
    content = await read_body(request)
    if content is None:
        return too_large()
    upload_id = uuid.uuid4().hex
    queue = request.app.state.queue
    # memoryview: redis-py sends these bytes without a copy of its own
    await queue.set(upload_key(upload_id), memoryview(content), ex=UPLOAD_TTL)
    await queue.enqueue_job("process_upload", upload_id, _job_id=upload_id)
    log.info("upload %s queued", upload_id)
    return JSONResponse(
        {"id": upload_id, "status": "queued"},
        status_code=202,
        headers={"location": f"/uploads/{upload_id}"},
    )


async def upload_status(request: Request) -> JSONResponse:
    upload_id = request.path_params["upload_id"]
    queue = request.app.state.queue
    # The job's state first: a job that ends between the two reads has
    # recorded its outcome by the second one.
    state = await Job(upload_id, queue).status()
    outcome = await queue.get(outcome_key(upload_id))
    if outcome is not None:
        return JSONResponse({"id": upload_id, **json.loads(outcome)})
    if state in WAITING:
        return JSONResponse({"id": upload_id, "status": WAITING[state]})
    return JSONResponse({"detail": "unknown upload"}, status_code=404)


app = Lilya(
    routes=[
        Path("/uploads", accept_upload, methods=["POST"]),
        Path("/uploads/{upload_id}", upload_status),
    ],
    lifespan=lifespan,
)
