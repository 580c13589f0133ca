"""Serve a built site on 127.0.0.1 as a static host would, and drive it in headless Chromium: for the browser tests
and the screenshots command."""

from __future__ import annotations

import contextlib
import functools
import shutil
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def send_error(self, code, message=None, explain=None):
        """A miss answered as GitHub Pages, Netlify and most static hosts answer it: the root /404.html, status
        404, whatever the path."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that leaves a page while a file is still being sent closes the connection: not an error."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """A static file server on an ephemeral port, answering misses with the root 404.html as static hosts do;
    yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def chromium_path() -> str:
    """Chromium's headless shell: the engine of the full browser without its windowing and user-interface layers,
    which the site's checks never use (about a tenth less CPU for the same pages, measured on the site's pages)."""
    path = shutil.which("chromium-headless-shell")
    if path is None:
        raise RuntimeError("Chromium's headless shell is not installed; ./scripts/test.sh and ./scripts/screenshots.sh "
                           "install it with apt-get")
    return path


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
