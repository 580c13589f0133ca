import logging
import os
import tempfile

import anyio.to_thread
from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import DispositionResponse, FileResponse, Response
from lilya.routing import Path

log = logging.getLogger(__name__)


def write_export(content: str) -> str:
    handle, path = tempfile.mkstemp(prefix="export-", suffix=".txt")
    with os.fdopen(handle, "w", encoding="utf-8") as export:
        export.write(content)
    return path


def remove_export(path: str) -> None:
    os.remove(path)
    log.info("export %s removed", path)


async def download_export(request: Request) -> Response:
    user = request.path_params["user"]
    content, filename = f"All the data of {user}\n", f"{user}.txt"
    if request.method == "HEAD":  # the same headers, and no file to remove
        return DispositionResponse(
            content=content, filename=filename, media_type="text/plain"
        )
    path = await anyio.to_thread.run_sync(write_export, content)
    task = Task(remove_export, path)
    # No ranges: one ending past the end of the file gets 416, and no task runs.
    return FileResponse(
        path, filename=filename, background=task, allow_range_requests=False
    )


app = Lilya(routes=[Path("/exports/{user}", download_export)])
