import hashlib
import logging
import threading
import uuid

from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

log = logging.getLogger(__name__)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # the largest upload accepted: 10 MiB
MAX_RECORDS = 1000  # uploads remembered; the oldest is forgotten first
uploads: dict[str, dict[str, object]] = {}
records = threading.Lock()  # handlers and tasks (in worker threads) share them


def remember(upload_id: str, record: dict[str, object]) -> None:
    with records:
        uploads[upload_id] = record
        while len(uploads) > MAX_RECORDS:
            del uploads[next(iter(uploads))]


async def read_upload(request: Request) -> bytearray | None:
    """The body, or None as soon as it is larger than MAX_UPLOAD_BYTES."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES:
        return None
    content = bytearray()
    async for chunk in request.stream():
        content += chunk
        if len(content) > MAX_UPLOAD_BYTES:
            return None
    return content


def process_upload(upload_id: str, content: bytearray) -> None:
    done = {"status": "done", "size": len(content)}
    done["sha256"] = hashlib.sha256(content).hexdigest()
    with records:
        if upload_id in uploads:  # not forgotten while it waited
            uploads[upload_id] = done
    log.info("upload %s processed", upload_id)


async def accept_upload(request: Request) -> JSONResponse:
    content = await read_upload(request)
    if content is None:
        detail = f"an upload holds at most {MAX_UPLOAD_BYTES} bytes"
        return JSONResponse({"detail": detail}, status_code=413)
    upload_id = uuid.uuid4().hex
    remember(upload_id, {"status": "processing"})
    return JSONResponse(
        {"id": upload_id, "status": "processing"},
        status_code=202,
        headers={"location": f"/uploads/{upload_id}"},
        background=Task(process_upload, upload_id, content),
    )


async def upload_status(request: Request) -> JSONResponse:
    upload_id = request.path_params["upload_id"]
    record = uploads.get(upload_id)
    if record is None:
        return JSONResponse({"detail": "unknown upload"}, status_code=404)
    return JSONResponse({"id": upload_id, **record})


app = Lilya(
    routes=[
        Path("/uploads", accept_upload, methods=["POST"]),
        Path("/uploads/{upload_id}", upload_status),
    ]
)
