"""The store of stamped English texts: one entry per page and fingerprint, written whole, checked when read."""

from __future__ import annotations

import os
import stat

import pytest

from docs_tools.markdown.fingerprint import fingerprint
from docs_tools.translation.stamped_sources import SourceError, StampedSources

PAGE = "# Tasks\r\n\r\nText.\r\n\r\n"


@pytest.fixture
def sources(tmp_path):
    return StampedSources(tmp_path / "translation_sources")


def test_an_entry_is_named_after_the_page_and_the_fingerprint(sources):
    assert sources.path("reference/background.md", "sha256:0123456789abcdef") == (
        sources.folder / "reference" / "background.0123456789abcdef.md")


def test_a_recorded_text_reads_back_normalised_with_the_same_fingerprint(sources):
    path = sources.record("reference/background.md", PAGE)
    assert path == sources.path("reference/background.md", fingerprint(PAGE))
    assert path.read_bytes() == b"# Tasks\n\nText.\n"
    assert fingerprint(sources.read("reference/background.md", fingerprint(PAGE))) == fingerprint(PAGE)


def test_an_entry_not_in_the_store_reads_as_none(sources):
    assert sources.read("index.md", fingerprint(PAGE)) is None


def test_an_edited_entry_is_refused_with_its_name(sources):
    path = sources.record("index.md", PAGE)
    edited = "# Tasks\n\nOther text.\n"
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        sources.read("index.md", fingerprint(PAGE))
    assert str(caught.value) == (
        f"translation_sources/{path.name}: its text no longer has the fingerprint in its name ({fingerprint(PAGE)}, "
        f"the text has {fingerprint(edited)}); it was edited: restore it from version control")


def test_an_entry_that_is_not_utf8_is_refused_with_its_name(sources):
    path = sources.record("index.md", PAGE)
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(SourceError, match=rf"^translation_sources/{path.name}: cannot be read"):
        sources.read("index.md", fingerprint(PAGE))


def test_an_entry_gets_the_permissions_of_an_ordinary_new_file(sources):
    previous = os.umask(0o022)
    try:
        path = sources.record("index.md", PAGE)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_recording_leaves_no_temporary_file(sources):
    sources.record("index.md", PAGE)
    sources.record("index.md", PAGE)
    assert [p.name for p in sources.folder.iterdir()] == [f"index.{fingerprint(PAGE)[7:]}.md"]


def test_entries_name_their_page_and_stamp_and_other_files_are_ignored(sources):
    first = sources.record("index.md", PAGE)
    second = sources.record("reference/a.b.md", "# B\n")
    (sources.folder / "README.md").write_text("not an entry\n", encoding="utf-8")
    assert sources.entries() == {first: ("index.md", fingerprint(PAGE)),
                                 second: ("reference/a.b.md", fingerprint("# B\n"))}


def test_unused_and_pruned_entries(sources):
    old = sources.record("index.md", PAGE)
    new = sources.record("index.md", "# Newer\n")
    other = sources.record("other.md", PAGE)
    assert sources.unused({"index.md": {fingerprint("# Newer\n")}}) == [old, other]
    assert sources.prune("index.md", {fingerprint("# Newer\n")}) == [old]
    assert not old.exists() and new.exists() and other.exists()


def test_an_empty_store_has_no_entries(sources):
    assert sources.entries() == {} and sources.unused({}) == []
