"""The `as_group` example's three notifications, beyond what the example's own tests show: as a group they wait at
the same time (about 0.1 s in all) where one after another they take 0.3 s and more; they finish in whatever order
their waits end, so `notified` has no fixed order; and the group, with the app's call, ends only with its last task."""

import time
import types

import anyio
import pytest
from anyio import wait_all_tasks_blocked
from lilya.background import Tasks

from docs_src.background_tasks import as_group
from tests.docs_src.background_tasks.test_as_group import BODY, HEADERS, SERVICES
from tests.proof import TIMEOUT, Timeline, call_asgi, call_asgi_in_loop


@pytest.fixture(autouse=True)
def nothing_notified():
    as_group.notified.clear()
    yield
    as_group.notified.clear()


def test_as_a_group_the_three_0_1_s_waits_take_less_than_their_sum_and_one_after_another_at_least_0_3_s(monkeypatch):
    started = time.perf_counter()
    assert call_asgi(as_group.app, Timeline(), "POST", "/orders", BODY, HEADERS).status == 201
    grouped = time.perf_counter() - started
    monkeypatch.setattr(as_group, "Tasks", lambda as_group: Tasks(as_group=False))
    started = time.perf_counter()
    assert call_asgi(as_group.app, Timeline(), "POST", "/orders", BODY, HEADERS).status == 201
    in_sequence = time.perf_counter() - started
    assert 0.1 <= grouped < 0.3 <= in_sequence, (grouped, in_sequence)
    assert len(as_group.notified) == 6


class HeldWaits:
    """Stands in for the example's `anyio.sleep(0.1)`: each wait ends when the test releases it."""

    def __init__(self) -> None:
        self.released: list[anyio.Event] = []
        self.all_waiting = anyio.Event()

    async def sleep(self, seconds: float) -> None:
        released = anyio.Event()
        self.released.append(released)
        if len(self.released) == len(SERVICES):
            self.all_waiting.set()
        await released.wait()


def run_releasing(monkeypatch, order: list[int]) -> list[str]:
    """One order placed, its three waits released in `order` (by the order the waits began); what `notified` holds
    at the end. Checks on the way that the call goes on until the last task has ended."""
    waits = HeldWaits()
    monkeypatch.setattr(as_group, "anyio", types.SimpleNamespace(sleep=waits.sleep))
    as_group.notified.clear()

    async def scenario() -> None:
        ended = anyio.Event()

        async def place_order() -> None:
            result = await call_asgi_in_loop(as_group.app, Timeline(), "POST", "/orders", BODY, HEADERS)
            assert (result.status, result.error) == (201, None)
            ended.set()

        with anyio.fail_after(TIMEOUT):
            async with anyio.create_task_group() as group:
                group.start_soon(place_order)
                await waits.all_waiting.wait()  # all three started: they wait at the same time
                for count, index in enumerate(order, start=1):
                    waits.released[index].set()
                    await wait_all_tasks_blocked()
                    assert len(as_group.notified) == count
                    if count < len(SERVICES):
                        assert not ended.is_set(), "the group ended before its last task"
                await ended.wait()

    anyio.run(scenario)
    return list(as_group.notified)


def test_the_notifications_finish_in_the_order_their_waits_end_so_notified_has_no_fixed_order(monkeypatch):
    first = run_releasing(monkeypatch, [0, 1, 2])
    second = run_releasing(monkeypatch, [2, 0, 1])
    assert sorted(first) == sorted(second) == sorted(f"{service}:A-7" for service in SERVICES)
    assert second == [first[2], first[0], first[1]]
