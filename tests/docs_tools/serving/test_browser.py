"""The static server answers as GitHub Pages and Netlify do (a file, or the root 404.html with status 404), and a
missing Chromium is named."""

from __future__ import annotations

import socket
import struct
import urllib.error
import urllib.request

import pytest

from docs_tools.serving import browser
from docs_tools.serving.browser import serve_directory


@pytest.fixture
def site(tmp_path):
    (tmp_path / "pt").mkdir()
    (tmp_path / "pt" / "index.html").write_text("<h1>Início</h1>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Not found</h1>", encoding="utf-8")
    return tmp_path


def fetch(url: str, method: str = "GET") -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_a_file_is_served(site):
    with serve_directory(site) as url:
        assert fetch(url + "pt/") == (200, "<h1>Início</h1>".encode())


def test_a_miss_gets_the_root_404_page_with_status_404(site):
    with serve_directory(site) as url:
        assert fetch(url + "pt/no/such/page/") == (404, b"<h1>Not found</h1>")
        assert fetch(url + "pt/no/such/page/", "HEAD") == (404, b"")


def test_without_a_404_page_a_miss_gets_the_servers_own_error(site):
    (site / "404.html").unlink()
    with serve_directory(site) as url:
        status, body = fetch(url + "nothing/")
    assert status == 404 and b"Not found" not in body and b"Error response" in body


def test_a_missing_chromium_is_named(monkeypatch):
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match="Chromium's headless shell is not installed"):
        browser.chromium_path()


def test_a_client_that_hangs_up_mid_file_is_not_reported(site, capsys):
    (site / "big.bin").write_bytes(b"x" * 8_000_000)
    with serve_directory(site) as url:
        host, port = url.removeprefix("http://").rstrip("/").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as client:
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            client.recv(1024)
        assert fetch(url + "pt/")[0] == 200  # the server goes on serving
    assert "Traceback" not in capsys.readouterr().err
