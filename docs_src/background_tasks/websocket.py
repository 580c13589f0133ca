import logging
from collections.abc import Awaitable, Callable

import anyio
from lilya.apps import Lilya
from lilya.routing import WebSocketPath
from lilya.websockets import WebSocket

log = logging.getLogger(__name__)
MAX_MESSAGE_CHARS = 4096


async def store_message(room: str, text: str) -> None:
    await anyio.sleep(0.1)  # stands for a write to the message store
    log.info("message stored in %s: %d characters", room, len(text))


async def logging_failure(
    job: Callable[..., Awaitable[None]], *args: str
) -> None:
    try:
        await job(*args)
    except Exception:  # one failed store does not end the chat
        log.exception("%s failed", job.__name__)


async def chat(websocket: WebSocket) -> None:
    room = websocket.path_params["room"]
    await websocket.accept()
    async with anyio.create_task_group() as work:
        async for text in websocket.iter_text():  # until the client leaves
            if len(text) > MAX_MESSAGE_CHARS:
                await websocket.close(code=1009)  # message too big
                break
            await websocket.send_json({"room": room, "received": len(text)})
            work.start_soon(logging_failure, store_message, room, text)
    # the task group waits here for the messages still being stored


app = Lilya(routes=[WebSocketPath("/rooms/{room}", chat)])
