"""Screenshots: one per page, language, scheme and device, named after them, at the device's width."""

from __future__ import annotations

import struct

import pytest

from docs_tools.serving.screenshots import DEVICES, SCHEMES, Shot, shots, take
from tests.mkdocs_site import LANGUAGES, PROJECT, page_sources


def test_every_page_of_every_language_in_each_scheme_and_device():
    planned = shots(PROJECT)
    assert len(planned) == len(LANGUAGES) * (len(page_sources()) + 1) * len(SCHEMES) * len(DEVICES)
    assert len({shot.file(PROJECT.root) for shot in planned}) == len(planned)


@pytest.mark.parametrize(("shot", "url", "file"), [
    (Shot("en", "index.md", "light", "desktop"), "", "en/index-light-desktop.png"),
    (Shot("pt-BR", "reference/background.md", "dark", "phone"), "pt-BR/reference/background/",
     "pt-BR/reference-background-dark-phone.png"),
    (Shot("ru", "404", "dark", "desktop"), "ru/404.html", "ru/404-dark-desktop.png"),
])
def test_a_shot_knows_its_address_and_its_file(tmp_path, shot, url, file):
    assert shot.url(PROJECT) == url
    assert shot.file(tmp_path) == tmp_path / file


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


@pytest.mark.long(seconds=8)
def test_screenshots_are_written_at_each_devices_width(built_site, tmp_path):
    """Each device once, and each scheme once: a shot costs a full-page rendering, and neither width depends on
    the scheme (`take` stops when a page shows another scheme than the one asked for)."""
    wanted = [Shot("ru", "responses.md", scheme, device) for scheme, device in zip(SCHEMES, DEVICES, strict=True)]
    written = take(built_site.site, PROJECT, tmp_path, wanted)
    assert written == [shot.file(tmp_path) for shot in wanted]
    for shot, path in zip(wanted, written):
        width, height = png_size(path)
        assert width == DEVICES[shot.device][0] and height > DEVICES[shot.device][1], (path, width, height)
