from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 64 * 1024  # a JSON object of a few fields needs far less


async def read_body(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it is larger than `limit`."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


class LimitBody:
    """Reads the body first, up to `limit` bytes, and hands the app that."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(
        self, scope: Scope, receive: Receive, send: Send
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = await read_body(Request(scope, receive), self.limit)
        if body is None:
            detail = f"a request body holds at most {self.limit} bytes"
            refusal = JSONResponse({"detail": detail}, status_code=413)
            await refusal(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:  # later calls: a disconnect, for instance
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
