import logging
from threading import current_thread

from lilya.apps import Lilya
from lilya.background import Tasks
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

log = logging.getLogger(__name__)
thumbnails: list[dict[str, str]] = []
notifications: list[dict[str, str]] = []


def make_thumbnail(photo: str) -> None:
    thread = current_thread().name
    thumbnails.append({"photo": photo, "thread": thread})
    log.info("thumbnail of %s made in %s", photo, thread)


async def notify_followers(photo: str) -> None:
    thread = current_thread().name
    notifications.append({"photo": photo, "thread": thread})
    log.info("followers of %s notified from %s", photo, thread)


async def publish_photo(request: Request) -> JSONResponse:
    photo = request.path_params["photo"]
    tasks = Tasks()
    tasks.add_task(make_thumbnail, photo)
    tasks.add_task(notify_followers, photo)
    return JSONResponse({"published": photo}, background=tasks)


app = Lilya(routes=[Path("/photos/{photo}", publish_photo, methods=["POST"])])
