"""uvicorn's websocket defaults, which the page's websocket section relies on: its default implementation is
`websockets-sansio` (with the `websockets` library installed), and, run from the command line without
`--ws-max-size`, it accepts a message of 16 MiB and closes the socket with `1009` past that, before the app sees the
message."""

from __future__ import annotations

import pytest
import uvicorn
from lilya.apps import Lilya
from lilya.routing import WebSocketPath
from lilya.websockets import WebSocket
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.processes import uvicorn as uvicorn_process
from tests.proof import TIMEOUT

MiB = 1024 * 1024


async def measure(websocket: WebSocket) -> None:
    await websocket.accept()
    async for text in websocket.iter_text():
        await websocket.send_text(str(len(text)))


app = Lilya(routes=[WebSocketPath("/measure", measure)])


def test_uvicorns_default_websocket_implementation_is_websockets_sansio():
    config = uvicorn.Config(app)
    config.load()
    assert config.ws == "auto"
    assert config.ws_protocol_class is WebSocketsSansIOProtocol


def test_uvicorn_run_without_ws_max_size_takes_a_16_mib_message_and_closes_with_1009_past_it():
    with uvicorn_process(f"{__name__}:app") as (url, _), \
            connect(url.replace("http://", "ws://") + "/measure", open_timeout=TIMEOUT) as socket:
        socket.send("x" * (16 * MiB))
        assert socket.recv(TIMEOUT) == str(16 * MiB)
        socket.send("x" * (16 * MiB + 1))
        with pytest.raises(ConnectionClosed) as closed:
            socket.recv(TIMEOUT)
    assert closed.value.rcvd.code == 1009
