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
    headers = {"content-disposition": f'attachment; filename="{user}.txt"'}
    if request.method == "HEAD":  # no task will run: write no file to remove
        return Response(headers=headers, media_type="text/plain")
    path = write_export(user)
    return FileResponse(path, headers=headers, background=Task(os.remove, path))


app = Lilya(routes=[Path("/exports/{user}", download_export)])
