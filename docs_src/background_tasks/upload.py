import hashlib
import logging
import uuid

from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

log = logging.getLogger(__name__)
uploads: dict[str, dict[str, object]] = {}


def process_upload(upload_id: str, content: bytes) -> None:
    uploads[upload_id] = {
        "status": "done",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    log.info("upload %s processed", upload_id)


async def accept_upload(request: Request) -> JSONResponse:
    content = await request.body()
    upload_id = uuid.uuid4().hex
    uploads[upload_id] = {"status": "processing"}
    return JSONResponse(
        {"id": upload_id, "status": "processing"},
        status_code=202,
        headers={"location": f"/uploads/{upload_id}"},
        background=Task(process_upload, upload_id, content),
    )


async def upload_status(request: Request) -> JSONResponse:
    upload_id = request.path_params["upload_id"]
    if upload_id not in uploads:
        return JSONResponse({"detail": "unknown upload"}, status_code=404)
    return JSONResponse({"id": upload_id, **uploads[upload_id]})


app = Lilya(
    routes=[
        Path("/uploads", accept_upload, methods=["POST"]),
        Path("/uploads/{upload_id}", upload_status),
    ]
)
