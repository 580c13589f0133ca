import logging
from collections.abc import AsyncIterator

from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import StreamingResponse
from lilya.routing import Path

log = logging.getLogger(__name__)
exports: list[str] = []
broken: list[str] = []


async def report_rows(year: str) -> AsyncIterator[str]:
    yield "month,orders\n"
    yield f"{year}-01,10\n"
    raise ConnectionError("the orders database went away")


async def rows_or_note(year: str) -> AsyncIterator[str]:
    try:
        async for row in report_rows(year):
            yield row
    except ConnectionError:
        broken.append(year)  # seen here, where the failure happens
        raise


def record_export(year: str) -> None:
    exports.append(year)
    log.info("export of %s recorded", year)


async def export_orders(request: Request) -> StreamingResponse:
    year = request.path_params["year"]
    return StreamingResponse(
        rows_or_note(year),
        media_type="text/csv",
        background=Task(record_export, year),
    )


app = Lilya(routes=[Path("/reports/{year}.csv", export_orders)])
