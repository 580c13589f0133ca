from lilya.apps import Lilya
from lilya.requests import Request
from lilya.responses import JSONResponse
from lilya.routing import Path

from .limits import read_body, too_large

SIGNATURE = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"


async def scan(request: Request) -> JSONResponse:
    content = await read_body(request)
    if content is None:
        return too_large()
    verdict = "infected" if SIGNATURE in content else "clean"
    return JSONResponse({"verdict": verdict})


app = Lilya(routes=[Path("/scan", scan, methods=["POST"])])
