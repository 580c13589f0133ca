"""The pages outlive MkDocs 1.6.1: ProperDocs, a maintained fork of MkDocs 1.x, builds the site strictly with the
same plugins, hooks and extensions, and every file it writes is the file MkDocs writes, but for the generator tag
each page names its builder in and the sitemap's build date (the two builds may fall on either side of midnight)."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.mkdocs_site import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def content_of(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return LASTMOD.sub(b"", data) if path.name.startswith("sitemap.xml") else GENERATOR.sub(b"", data)


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): content_of(path) for path in sorted(site.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir",
                             str(tmp_path / "site")], cwd=ROOT,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    built, mkdocs_built = files_of(tmp_path / "site"), files_of(built_site.site)
    assert sorted(built) == sorted(mkdocs_built)
    different = [name for name in built if built[name] != mkdocs_built[name]]
    assert not different
    generators = {match.decode() for match in GENERATOR.findall((tmp_path / "site" / "index.html").read_bytes())}
    assert generators == {'<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">'}
