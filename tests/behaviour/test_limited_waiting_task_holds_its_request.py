"""In the `limited` example, a task that waits for a slot of `mail_slots` is still pending, and its request stays in
memory meanwhile: the limit bounds the calls to the mail service, not what the waiting requests hold."""

import gc
import types
import weakref

import anyio
from lilya.apps import Lilya
from lilya.requests import Request
from lilya.routing import Path

from docs_src.background_tasks import limited
from tests.proof import TIMEOUT, Timeline, call_asgi_in_loop

ORDERS = limited.MAX_AT_ONCE + 1


def test_the_request_of_an_invoice_waiting_for_a_slot_stays_in_memory_until_its_task_has_run(monkeypatch):
    """Five orders closed: four invoices hold the four slots, the fifth waits for one; each client already has its
    answer. The fifth request is still alive (the collector run first), and is freed once its task has run."""
    sending = []  # one Event per invoice inside a slot; set to let it finish
    requests: dict[int, weakref.ref] = {}

    async def held_mail_call(seconds: float) -> None:
        finished = anyio.Event()
        sending.append(finished)
        await finished.wait()

    monkeypatch.setattr(limited, "anyio", types.SimpleNamespace(sleep=held_mail_call))

    async def close_order(request: Request):
        requests[request.path_params["order_id"]] = weakref.ref(request)
        return await limited.close_order(request)

    app = Lilya(routes=[Path("/orders/{order_id:int}/close", close_order, methods=["POST"])])

    async def scenario() -> None:
        timelines = {order: Timeline() for order in range(1, ORDERS + 1)}
        with anyio.fail_after(TIMEOUT):
            async with anyio.create_task_group() as group:
                for order in range(1, ORDERS + 1):
                    group.start_soon(call_asgi_in_loop, app, timelines[order], "POST", f"/orders/{order}/close")
                await anyio.wait_all_tasks_blocked()
                assert all(timeline.of("send") == ["http.response.start", "http.response.body"]
                           for timeline in timelines.values())  # every client has its answer
                assert len(sending) == limited.MAX_AT_ONCE and limited.mail_slots.borrowed_tokens == limited.MAX_AT_ONCE
                assert limited.mail_slots.statistics().tasks_waiting == 1
                gc.collect()
                waiting = [order for order, request in requests.items() if request() is not None]
                assert len(waiting) == ORDERS  # the four sending and the one waiting for a slot
                for finished in sending[:]:
                    finished.set()
                await anyio.wait_all_tasks_blocked()
                assert len(sending) == ORDERS  # the fifth got a slot once one freed up
                sending[-1].set()
        gc.collect()
        assert [order for order, request in requests.items() if request() is not None] == []

    anyio.run(scenario)
