"""uvicorn in a thread: it answers on 127.0.0.1, with Nagle's algorithm off on its connections, and stops."""

from __future__ import annotations

import socket

import httpx2
from lilya.apps import Lilya
from lilya.responses import PlainText
from lilya.routing import Path

from docs_tools.serving.server import listening_socket, serve


async def hello(request) -> PlainText:
    return PlainText("hello")


def test_a_served_app_answers_and_the_server_stops():
    with serve(Lilya(routes=[Path("/", hello)])) as served:
        assert httpx2.get(served.url + "/").text == "hello"
    assert not served.thread.is_alive()


def test_the_listening_socket_says_it_is_tcp_so_asyncio_turns_nagle_off():
    with listening_socket() as sock:
        assert sock.proto == socket.IPPROTO_TCP
        assert sock.getsockname()[0] == "127.0.0.1"
