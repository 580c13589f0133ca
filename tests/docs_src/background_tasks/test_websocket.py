"""On uvicorn, with its default websocket implementation (`websockets-sansio`, named here) and the `websockets`
client: Lilya's TestClient ends the handler when its socket closes, which would hide what a server does once a client
has left."""

import json
import logging
import threading

import pytest
from lilya.apps import Lilya
from lilya.routing import WebSocketPath
from lilya.websockets import WebSocket
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from docs_src.background_tasks import websocket
from tests.proof import TIMEOUT, logged_by, opened, serve, wait_until_cancelled

WS = "websockets-sansio"


def ws_url(served, room: str = "lobby") -> str:
    return served.url.replace("http://", "ws://") + f"/rooms/{room}"


def test_each_message_is_answered_at_once_and_stored_while_the_chat_goes_on(monkeypatch):
    """The stores wait at a gate that opens only once both answers are in: an answer that waited for its store
    would never come."""
    gate = threading.Event()

    async def held_write(seconds: float) -> None:
        assert await opened(gate)

    monkeypatch.setattr(websocket.anyio, "sleep", held_write)
    with logged_by(websocket) as logged, serve(websocket.app, ws=WS) as served:
        try:
            with connect(ws_url(served), open_timeout=TIMEOUT) as chat:
                chat.send("hello")
                chat.send("anyone here?")
                assert json.loads(chat.recv(TIMEOUT)) == {"room": "lobby", "received": 5}
                assert json.loads(chat.recv(TIMEOUT)) == {"room": "lobby", "received": 12}
                assert logged.lines == []
        finally:
            gate.set()
        assert logged.wait_until(lambda lines: len(lines) == 2)
    assert sorted(logged.lines) == ["message stored in lobby: 12 characters", "message stored in lobby: 5 characters"]


def test_when_the_client_leaves_the_handler_returns_only_once_its_messages_are_stored(monkeypatch):
    """The store is held at a gate that opens only once the handler has seen the client leave (its `iter_text` has
    ended): a handler that did not wait for the store would return before it."""
    gate, left, returned, order = threading.Event(), threading.Event(), threading.Event(), []
    iter_text = WebSocket.iter_text

    async def watched_iter_text(socket):
        async for text in iter_text(socket):
            yield text
        left.set()

    async def held_write(seconds: float) -> None:
        assert await opened(gate)
        order.append("stored")

    async def recorded_chat(socket) -> None:
        await websocket.chat(socket)
        order.append("handler returned")
        returned.set()

    monkeypatch.setattr(WebSocket, "iter_text", watched_iter_text)
    monkeypatch.setattr(websocket.anyio, "sleep", held_write)
    with serve(Lilya(routes=[WebSocketPath("/rooms/{room}", recorded_chat)]), ws=WS) as served:
        try:
            with connect(ws_url(served), open_timeout=TIMEOUT) as chat:
                chat.send("bye")
                assert json.loads(chat.recv(TIMEOUT)) == {"room": "lobby", "received": 3}
            assert left.wait(TIMEOUT) and order == []
        finally:
            gate.set()
        assert returned.wait(TIMEOUT)
    assert order == ["stored", "handler returned"]


def test_a_message_over_the_limit_closes_the_socket_with_1009_and_nothing_is_stored():
    with logged_by(websocket) as logged, serve(websocket.app, ws=WS) as served:
        with connect(ws_url(served), open_timeout=TIMEOUT) as chat:
            chat.send("x" * (websocket.MAX_MESSAGE_CHARS + 1))
            with pytest.raises(ConnectionClosed) as closed:
                chat.recv(TIMEOUT)
    assert closed.value.rcvd.code == 1009 and logged.lines == []


def test_a_store_that_fails_is_logged_with_its_traceback_and_the_chat_goes_on(monkeypatch, caplog):
    store = websocket.store_message

    async def failing_once(room: str, text: str) -> None:
        if text == "first":
            raise ConnectionError("message store unreachable")
        await store(room, text)

    monkeypatch.setattr(websocket, "store_message", failing_once)
    with logged_by(websocket) as logged, serve(websocket.app, ws=WS) as served:
        with connect(ws_url(served), open_timeout=TIMEOUT) as chat:
            chat.send("first")
            assert json.loads(chat.recv(TIMEOUT)) == {"room": "lobby", "received": 5}
            chat.send("second")
            assert json.loads(chat.recv(TIMEOUT)) == {"room": "lobby", "received": 6}
        assert logged.wait_until(lambda lines: len(lines) == 2)
    assert sorted(logged.lines) == ["failing_once failed", "message stored in lobby: 6 characters"]
    [failure] = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert failure.getMessage() == "failing_once failed" and str(failure.exc_info[1]) == "message store unreachable"


def test_a_binary_message_ends_the_chat_with_an_error_and_cancels_the_stores_in_progress(monkeypatch):
    outcome, inside = [], threading.Event()

    async def endless_write(seconds: float) -> None:
        inside.set()
        await wait_until_cancelled(outcome, "store cancelled")

    monkeypatch.setattr(websocket.anyio, "sleep", endless_write)
    with serve(websocket.app, ws=WS) as served:
        with connect(ws_url(served), open_timeout=TIMEOUT) as chat:
            chat.send("hello")
            assert json.loads(chat.recv(TIMEOUT)) == {"room": "lobby", "received": 5}
            assert inside.wait(TIMEOUT)
            chat.send(b"\x00\x01")
            with pytest.raises(ConnectionClosed):
                chat.recv(TIMEOUT)
        assert served.log.wait_until(lambda lines: "Exception in ASGI application" in "\n".join(lines))
    assert outcome == ["store cancelled"]


def test_uvicorn_refuses_a_message_over_its_ws_max_size_with_1009_before_the_handler_sees_it():
    with logged_by(websocket) as logged, serve(websocket.app, ws=WS, ws_max_size=1024) as served:
        with connect(ws_url(served), open_timeout=TIMEOUT) as chat:
            chat.send("x" * 1025)
            with pytest.raises(ConnectionClosed) as closed:
                chat.recv(TIMEOUT)
    assert closed.value.rcvd.code == 1009 and logged.lines == []
