"""The runs the pages draw: which example, and which requests a client sends to it, one after another.

A case's later request is sent as soon as the client holds the complete response to the one before, so that it
arrives while the first request's tasks run (the blocking cases show what that request then waits for).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

ORDER_BODY = json.dumps({"id": "A-7"}).encode()
JSON = {"content-type": "application/json"}
SIGN_UP = json.dumps({"email": "ada@example.com"}).encode()
UPLOAD = b"x" * 2048
"""Large enough that its checksum (of 50,000 copies) takes a visible while."""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class Case:
    name: str
    example: str
    """The example's file, from the project root: the module whose `app` is served."""
    requests: tuple[Request, ...]

    @property
    def module(self) -> str:
        return self.example.removesuffix(".py").replace("/", ".")


CASES = {
    case.name: case
    for case in (
        Case("one_task", "docs_src/background_tasks/response/via_handlers.py",
             (Request("POST", "/register", SIGN_UP, JSON),)),
        Case("sequence", "docs_src/background_tasks/response/via_list.py",
             (Request("POST", "/register", SIGN_UP, JSON),)),
        Case("as_group", "docs_src/background_tasks/as_group.py", (Request("POST", "/orders", ORDER_BODY, JSON),)),
        Case("fails_in_sequence", "docs_src/background_tasks/errors.py", (Request("POST", "/orders/A-7/pay"),)),
        Case("fails_in_group", "docs_src/background_tasks/errors.py",
             (Request("POST", "/orders/A-7/pay?mode=group"),)),
        Case("streaming", "docs_src/background_tasks/streaming.py", (Request("GET", "/reports/2025.csv"),)),
        Case("blocking_on_loop", "docs_src/background_tasks/blocking.py",
             (Request("PUT", "/blocking/scan.pdf", UPLOAD), Request("GET", "/health"))),
        Case("blocking_in_thread", "docs_src/background_tasks/blocking.py",
             (Request("PUT", "/files/scan.pdf", UPLOAD), Request("GET", "/health"))),
    )
}
