from lilya.requests import Request
from lilya.responses import JSONResponse

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # the largest upload accepted: 10 MiB


async def read_body(request: Request) -> bytearray | None:
    """The body, or None as soon as it is larger than MAX_UPLOAD_BYTES."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES:
        return None
    content = bytearray()
    async for chunk in request.stream():
        content += chunk
        if len(content) > MAX_UPLOAD_BYTES:
            return None
    return content


def too_large() -> JSONResponse:
    detail = f"an upload holds at most {MAX_UPLOAD_BYTES} bytes"
    return JSONResponse({"detail": detail}, status_code=413)
