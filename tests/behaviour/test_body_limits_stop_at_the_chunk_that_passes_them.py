"""The examples' body limits are checked chunk by chunk: a handler stops at the chunk that takes the body past its
limit, having read that whole chunk. A body sent without a Content-Length is thus read up to the limit and one chunk
(as large as the server hands over at once), not only up to the limit."""

import anyio
from lilya.apps import Lilya
from lilya.routing import Path

from docs_src.background_tasks.json_body import MAX_JSON_BYTES, read_json

CHUNK = 64 * 1024  # one chunk as the server might hand it over


def test_read_json_reads_the_whole_chunk_that_passes_the_limit_before_it_answers_413():
    delivered: list[int] = []

    async def register(request):
        await read_json(request, "email")

    app = Lilya(routes=[Path("/register", register, methods=["POST"])])
    chunks = [b" " * (MAX_JSON_BYTES - 1), b" " * CHUNK, b" " * CHUNK]  # no content-length: read as it arrives
    status: list[int] = []

    async def receive():
        if chunks:
            body = chunks.pop(0)
            delivered.append(len(body))
            return {"type": "http.request", "body": body, "more_body": bool(chunks)}
        await anyio.sleep_forever()

    async def send(message):
        if message["type"] == "http.response.start":
            status.append(message["status"])

    scope = {"type": "http", "method": "POST", "path": "/register", "headers": [], "query_string": b""}
    anyio.run(app, scope, receive, send)
    assert status == [413]
    assert delivered == [MAX_JSON_BYTES - 1, CHUNK]  # the third chunk is never read ...
    assert sum(delivered) == MAX_JSON_BYTES - 1 + CHUNK > MAX_JSON_BYTES  # ... but the second is, whole
