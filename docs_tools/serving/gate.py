"""A gate: a `threading.Event` that a test opens from its own thread, awaited by code on an event loop (a task, a
stand-in for a service) without holding the loop up."""

from __future__ import annotations

import threading

import anyio

from docs_tools.serving.lines import TIMEOUT


async def opened(gate: threading.Event, timeout: float = TIMEOUT) -> bool:
    """Whether `gate` opened within `timeout` seconds. The wait runs in a worker thread, which a cancellation of the
    awaiting task abandons rather than waits for."""
    return await anyio.to_thread.run_sync(gate.wait, timeout, abandon_on_cancel=True)
