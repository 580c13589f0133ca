import hashlib
import logging

from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

log = logging.getLogger(__name__)
MAX_FILE_BYTES = 1024 * 1024  # the largest file accepted: 1 MiB
digests: dict[str, str] = {}


def checksum(data: bytes) -> str:
    digest = hashlib.sha256()
    for _ in range(50_000):  # CPU work, and slow
        digest.update(data)
    return digest.hexdigest()


def store_checksum(name: str, data: bytes) -> None:
    digests[name] = checksum(data)  # in a worker thread: the event loop goes on
    log.info("checksum of %s stored", name)


async def store_checksum_on_loop(name: str, data: bytes) -> None:
    digests[name] = checksum(data)  # on the event loop: nothing else runs
    log.info("checksum of %s stored", name)


async def read_file(request: Request) -> bytearray | None:
    """The body, or None as soon as it is larger than MAX_FILE_BYTES."""
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_FILE_BYTES:
            return None
    return data


async def upload(request: Request) -> JSONResponse:
    name, data = request.path_params["name"], await read_file(request)
    if data is None:
        return JSONResponse({"detail": "file too large"}, 413)
    task = Task(store_checksum, name, data)
    return JSONResponse({"name": name}, 202, background=task)


async def upload_blocking(request: Request) -> JSONResponse:
    name, data = request.path_params["name"], await read_file(request)
    if data is None:
        return JSONResponse({"detail": "file too large"}, 413)
    task = Task(store_checksum_on_loop, name, data)
    return JSONResponse({"name": name}, 202, background=task)


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


app = Lilya(
    routes=[
        Path("/files/{name}", upload, methods=["PUT"]),
        Path("/blocking/{name}", upload_blocking, methods=["PUT"]),
        Path("/health", health),
    ]
)
