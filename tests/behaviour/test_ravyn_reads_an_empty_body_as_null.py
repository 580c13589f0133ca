"""A Ravyn handler that takes a parameter has its body parsed as JSON (Lilya's `Request.json`), but not every body
that is not a JSON object gets 500: an empty body is read as `null`, as a `null` body is, and the handler answers.
A non-empty body that is not JSON gets 500, and so does JSON that is neither an object nor `null`."""

from __future__ import annotations

import pytest
from ravyn import Ravyn, post
from ravyn.testclient import RavynTestClient


def a_client() -> tuple[RavynTestClient, list[str]]:
    handled: list[str] = []

    @post("/orders/{order_id}")
    async def pay(order_id: str) -> dict[str, str]:
        handled.append(order_id)
        return {"order": order_id}

    return RavynTestClient(Ravyn(routes=[pay]), raise_server_exceptions=False), handled


@pytest.mark.parametrize("body", [b"", b"null", b"{}"], ids=["empty", "null", "an-empty-object"])
def test_an_empty_body_is_read_as_null_and_the_handler_with_a_path_parameter_answers(body):
    client, handled = a_client()
    response = client.post("/orders/7", content=body)
    assert (response.status_code, response.json(), handled) == (201, {"order": "7"}, ["7"])


@pytest.mark.parametrize("body", [b" ", b"not json", b"[1]", b'"seven"', b"7", b"true"],
                         ids=["a-space", "not-json", "a-list", "a-string", "a-number", "true"])
def test_a_body_that_is_not_json_or_json_other_than_an_object_or_null_gets_500(body):
    client, handled = a_client()
    response = client.post("/orders/7", content=body)
    assert (response.status_code, handled) == (500, [])
