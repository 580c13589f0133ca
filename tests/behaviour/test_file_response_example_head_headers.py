"""The file-response example answers HEAD with a DispositionResponse built from the same content and name, not with
the FileResponse a GET gets: the name, type and length are the same, but the `etag` and `last-modified` headers that
a FileResponse takes from the file are missing."""

from docs_src.background_tasks import file_response
from tests.proof import call_asgi

SAME = {"content-disposition", "content-length", "content-type"}


def test_head_has_the_name_type_and_length_of_get_but_not_its_etag_and_last_modified(recorder):
    got = call_asgi(file_response.app, recorder.timeline, "GET", "/exports/ana")
    head = call_asgi(file_response.app, recorder.timeline, "HEAD", "/exports/ana")
    assert (got.status, head.status) == (200, 200)
    assert {name: head.headers[name] for name in SAME} == {name: got.headers[name] for name in SAME}
    assert set(got.headers) - set(head.headers) == {"etag", "last-modified"}
    assert set(head.headers) - set(got.headers) == set()
