import threading
from concurrent.futures import ThreadPoolExecutor

import httpx2

from docs_src.background_tasks import limited
from tests.proof import TIMEOUT, logged_by, opened, serve

ORDERS = range(1, 11)


class MailService:
    """Stands in for the mail call (the example's `anyio.sleep`): counts the calls in progress, and holds each one
    until the test opens the gate."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.changed = threading.Condition()
        self.inside = self.most = 0

    async def call(self, seconds: float) -> None:
        with self.changed:
            self.inside += 1
            self.most = max(self.most, self.inside)
            self.changed.notify_all()
        try:
            assert await opened(self.gate)
        finally:
            with self.changed:
                self.inside -= 1
                self.changed.notify_all()

    def wait_until_inside(self, count: int) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.inside == count, TIMEOUT)


def test_served_ten_invoices_are_sent_four_at_a_time_and_every_client_has_its_answer_first(monkeypatch):
    mail = MailService()
    monkeypatch.setattr(limited.anyio, "sleep", mail.call)
    with logged_by(limited) as logged, serve(limited.app) as served, ThreadPoolExecutor(len(ORDERS)) as clients:
        try:
            answers = list(clients.map(
                lambda order: httpx2.post(f"{served.url}/orders/{order}/close", timeout=TIMEOUT), ORDERS))
            assert [answer.status_code for answer in answers] == [202] * len(ORDERS)
            assert mail.wait_until_inside(limited.MAX_AT_ONCE) and logged.lines == []
        finally:
            mail.gate.set()
        assert logged.wait_until(lambda lines: len(lines) == len(ORDERS))
    assert mail.most == limited.MAX_AT_ONCE
    assert sorted(logged.lines) == sorted(f"invoice for order {order} sent" for order in ORDERS)


def test_with_limit_concurrency_uvicorn_counts_the_waiting_invoices_and_answers_503_once_they_reach_it(monkeypatch):
    """Six invoices pending (four sending, two waiting for a slot) on a uvicorn that takes six at a time: the seventh
    request is refused, though every earlier client has had its answer."""
    mail = MailService()
    monkeypatch.setattr(limited.anyio, "sleep", mail.call)
    with serve(limited.app, limit_concurrency=6) as served:
        try:
            for order in range(1, 7):
                assert httpx2.post(f"{served.url}/orders/{order}/close", timeout=TIMEOUT).status_code == 202
            assert mail.wait_until_inside(limited.MAX_AT_ONCE)
            refused = httpx2.post(f"{served.url}/orders/7/close", timeout=TIMEOUT)
        finally:
            mail.gate.set()
    assert refused.status_code == 503
