import os
import tempfile

from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import FileResponse
from lilya.routing import Path


def write_export(user: str) -> str:
    handle, path = tempfile.mkstemp(prefix=f"export-{user}-", suffix=".txt")
    with os.fdopen(handle, "w") as export:
        export.write(f"All the data of {user}\n")
    return path


async def download_export(request: Request) -> FileResponse:
    user = request.path_params["user"]
    path = write_export(user)
    return FileResponse(
        path,
        filename=f"{user}.txt",
        background=Task(os.remove, path),
    )


app = Lilya(routes=[Path("/exports/{user}", download_export)])
