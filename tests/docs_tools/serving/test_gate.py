import threading

import anyio

from docs_tools.serving.gate import opened


def test_a_gate_opened_from_another_thread_is_seen_as_opened():
    gate = threading.Event()

    async def wait() -> bool:
        async with anyio.create_task_group() as group:
            group.start_soon(anyio.to_thread.run_sync, gate.set)
            return await opened(gate)

    assert anyio.run(wait) is True


def test_a_gate_left_shut_is_reported_shut_once_the_timeout_has_passed():
    assert anyio.run(opened, threading.Event(), 0.05) is False


def test_a_cancelled_wait_ends_without_waiting_for_its_thread():
    async def cancel_the_wait() -> None:
        with anyio.fail_after(5):
            with anyio.move_on_after(0.05):
                await opened(threading.Event(), 60)

    anyio.run(cancel_the_wait)
