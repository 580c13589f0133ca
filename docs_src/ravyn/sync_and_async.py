import logging
from threading import current_thread

from ravyn import BackgroundTasks, JSONResponse, Ravyn, post

from .body_limit import LimitBody

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


@post("/photos/{photo}")
async def publish_photo(photo: str) -> JSONResponse:
    tasks = BackgroundTasks()
    tasks.add_task(make_thumbnail, photo)
    tasks.add_task(notify_followers, photo)
    return JSONResponse({"published": photo}, background=tasks)


app = Ravyn(routes=[publish_photo], middleware=[LimitBody])
