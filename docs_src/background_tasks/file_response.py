import os
import tempfile

from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import FileResponse, Response
from lilya.routing import Path


def write_export(user: str) -> str:
    handle, path = tempfile.mkstemp(prefix=f"export-{user}-", suffix=".txt")
    with os.fdopen(handle, "w") as export:
        export.write(f"All the data of {user}\n")
    return path


async def download_export(request: Request) -> Response:
    user = request.path_params["user"]
    disposition = {"content-disposition": f'attachment; filename="{user}.txt"'}
    if request.method == "HEAD":  # HEAD runs no task: create nothing a task would have to remove
        return Response(headers=disposition, media_type="text/plain")
    path = write_export(user)
    return FileResponse(path, headers=disposition, background=Task(os.remove, path))


app = Lilya(routes=[Path("/exports/{user}", download_export)])
