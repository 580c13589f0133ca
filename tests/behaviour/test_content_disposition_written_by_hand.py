"""A `content-disposition` header written by hand (`attachment; filename="{name}"`) breaks on a name with a `"` or a
letter outside ASCII: a client reading it as HTTP says (header bytes as ISO-8859-1, parsed by Python's e-mail parser
with its HTTP policy) gets another name. The header `FileResponse(filename=...)` writes gives back the name itself."""

import email.policy
from email.parser import HeaderParser

import httpx2
import pytest
from lilya.apps import Lilya
from lilya.requests import Request
from lilya.responses import FileResponse, Response
from lilya.routing import Path

from tests.proof import TIMEOUT, serve

NAMES = ['a"b.txt', "zoë.txt", "Łódź.txt"]


def filename_read_by_a_client(raw: bytes) -> str:
    header = raw.decode("iso-8859-1")
    return HeaderParser(policy=email.policy.HTTP).parsestr(f"Content-Disposition: {header}\n\n").get_filename()


def app(tmp_path) -> Lilya:
    path = tmp_path / "export.txt"
    path.write_text("data", encoding="utf-8")

    async def by_hand(request: Request) -> Response:
        name = request.query_params["name"]
        return Response(b"data", headers={"content-disposition": f'attachment; filename="{name}"'})

    async def by_file_response(request: Request) -> FileResponse:
        return FileResponse(path, filename=request.query_params["name"])

    return Lilya(routes=[Path("/by-hand", by_hand), Path("/file-response", by_file_response)])


def served_header(url: str, name: str) -> bytes:
    response = httpx2.get(url, params={"name": name}, timeout=TIMEOUT)
    assert response.status_code == 200
    (raw,) = [value for key, value in response.headers.raw if key.lower() == b"content-disposition"]
    return raw


@pytest.mark.parametrize("name", NAMES)
def test_a_name_with_a_quote_or_a_letter_outside_ascii_breaks_a_header_written_by_hand_but_not_file_responses(
    tmp_path, name
):
    with serve(app(tmp_path)) as served:
        by_hand = served_header(served.url + "/by-hand", name)
        written = served_header(served.url + "/file-response", name)
    assert filename_read_by_a_client(by_hand) != name
    assert filename_read_by_a_client(written) == name


def test_an_ascii_name_without_quotes_reads_back_the_same_either_way(tmp_path):
    with serve(app(tmp_path)) as served:
        by_hand = served_header(served.url + "/by-hand", "report.txt")
        written = served_header(served.url + "/file-response", "report.txt")
    assert filename_read_by_a_client(by_hand) == filename_read_by_a_client(written) == "report.txt"
