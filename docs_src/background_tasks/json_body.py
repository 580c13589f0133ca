import json
from typing import Any

from lilya.exceptions import HTTPException
from lilya.requests import Request

MAX_JSON_BYTES = 64 * 1024  # a JSON object of a few fields needs far less
TOO_LARGE = f"a body holds at most {MAX_JSON_BYTES} bytes"


async def read_json(request: Request, *required: str) -> dict[str, Any]:
    """A JSON object with a string in each required field. 413 as soon as
    the body passes MAX_JSON_BYTES; 400 when it is anything else."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_JSON_BYTES:
        raise HTTPException(status_code=413, detail=TOO_LARGE)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_JSON_BYTES:
            raise HTTPException(status_code=413, detail=TOO_LARGE)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: nested too deep
        data = None
    if not isinstance(data, dict) or not all(
        isinstance(data.get(name), str) for name in required
    ):
        expected = ", ".join(required)
        raise HTTPException(status_code=400, detail=f"expected {expected}")
    return data
