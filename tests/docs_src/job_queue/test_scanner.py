from docs_src.job_queue import scanner
from docs_src.job_queue.limits import MAX_UPLOAD_BYTES
from tests.proof import Timeline, call_asgi


def test_content_without_the_signature_is_clean():
    result = call_asgi(scanner.app, Timeline(), "POST", "/scan", b"name,size\nreport.pdf,1024\n")
    assert (result.status, result.body) == (200, b'{"verdict":"clean"}')


def test_content_with_the_signature_is_infected():
    result = call_asgi(scanner.app, Timeline(), "POST", "/scan", b"attached: " + scanner.SIGNATURE + b"\n")
    assert (result.status, result.body) == (200, b'{"verdict":"infected"}')


def test_content_over_the_limit_is_refused_with_413():
    result = call_asgi(scanner.app, Timeline(), "POST", "/scan", b"x" * (MAX_UPLOAD_BYTES + 1))
    assert result.status == 413
