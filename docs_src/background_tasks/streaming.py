import logging
from collections.abc import AsyncIterator

from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import StreamingResponse
from lilya.routing import Path

log = logging.getLogger(__name__)
exports: list[str] = []


async def report_rows(year: str) -> AsyncIterator[str]:
    yield "month,orders\n"
    for month in range(1, 13):
        yield f"{year}-{month:02d},{month * 10}\n"


def record_export(year: str) -> None:
    exports.append(year)
    log.info("export of %s recorded", year)


async def export_report(request: Request) -> StreamingResponse:
    year = request.path_params["year"]
    return StreamingResponse(
        report_rows(year),
        media_type="text/csv",
        background=Task(record_export, year),
    )


app = Lilya(routes=[Path("/reports/{year}.csv", export_report)])
