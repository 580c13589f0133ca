"""The websocket example starts a store for every message it receives, and sets no limit to how many run at once on
one connection: 100 messages whose stores are all held make 100 stores running together."""

import json
import threading

from websockets.sync.client import connect

from docs_src.background_tasks import websocket
from tests.proof import TIMEOUT, opened, serve

MESSAGES = 100


def test_one_connection_has_a_store_running_for_each_of_its_100_messages_at_once(monkeypatch):
    gate, changed = threading.Event(), threading.Condition()
    running = [0]

    async def held_write(seconds: float) -> None:
        with changed:
            running[0] += 1
            changed.notify_all()
        assert await opened(gate)

    monkeypatch.setattr(websocket.anyio, "sleep", held_write)
    with serve(websocket.app, ws="websockets-sansio") as served:
        try:
            with connect(served.url.replace("http://", "ws://") + "/rooms/lobby", open_timeout=TIMEOUT) as chat:
                for number in range(MESSAGES):
                    chat.send(f"message {number}")
                    assert json.loads(chat.recv(TIMEOUT))["received"] == len(f"message {number}")
                with changed:
                    assert changed.wait_for(lambda: running[0] == MESSAGES, TIMEOUT), running[0]
        finally:
            gate.set()
