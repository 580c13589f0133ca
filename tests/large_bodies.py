"""Request bodies of any size sent as a client that does not stop sending (a raw socket: HTTP clients will not send
a body that disagrees with its declared length), and the peak memory of the server process that received them."""

from __future__ import annotations

import re
import socket
import threading
from pathlib import Path
from urllib.parse import urlsplit

from tests.proof import TIMEOUT

CHUNK = 1 << 20
MEMORY_MARGIN = 4 * 1024 * 1024
"""What a server process allocates beside the body it reads: the chunk being received, the answer, the bytearray's
spare room."""


def send_body(base_url: str, path: str, size: int, chunked: bool = False, declared: int | None = None,
              method: str = "POST") -> int:
    """`method` (POST) `size` bytes to `path`, with `Content-Length: declared` (the size by default) or chunked, reading the
    answer while sending; the status of the answer. The connection stays open until the answer is in (a client that
    closed its side would be taken for gone); a server that closes it once it has answered ends the sending, not the
    test."""
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=TIMEOUT) as client:
        length = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {size if declared is None else declared}"
        client.sendall(f"{method} {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n{length}\r\n\r\n".encode())
        answer = bytearray()
        reader = threading.Thread(target=_read, args=(client, answer), daemon=True)
        reader.start()
        block = b"x" * CHUNK
        try:
            sent = 0
            while sent < size:
                part = block[: min(CHUNK, size - sent)]
                client.sendall(b"%x\r\n%b\r\n" % (len(part), part) if chunked else part)
                sent += len(part)
            if chunked:
                client.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        reader.join(TIMEOUT)
    status = re.match(rb"HTTP/1\.1 (\d{3}) ", bytes(answer))
    assert status is not None, bytes(answer[:200])
    return int(status[1])


def _read(client: socket.socket, answer: bytearray) -> None:
    """Until the answer's headers are in (the status is all a test reads) or the connection ends."""
    while b"\r\n\r\n" not in answer:
        try:
            data = client.recv(65536)
        except OSError:
            return
        if not data:
            return
        answer.extend(data)


def peak_memory(pid: int) -> int:
    """The most resident memory the process has had, in bytes (Linux's VmHWM)."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    found = re.search(r"^VmHWM:\s+(\d+) kB$", status, re.M)
    assert found is not None, status
    return int(found[1]) * 1024
