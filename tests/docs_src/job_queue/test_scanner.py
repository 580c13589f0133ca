from docs_src.job_queue import scanner
from tests.proof import Timeline, call_asgi


def test_content_without_the_signature_is_clean():
    result = call_asgi(scanner.app, Timeline(), "POST", "/scan", b"name,size\nreport.pdf,1024\n")
    assert (result.status, result.body) == (200, b'{"verdict":"clean"}')


def test_content_with_the_signature_is_infected():
    result = call_asgi(scanner.app, Timeline(), "POST", "/scan", b"attached: " + scanner.SIGNATURE + b"\n")
    assert (result.status, result.body) == (200, b'{"verdict":"infected"}')
