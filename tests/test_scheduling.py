"""The units xdist shares out: whole files and classes, but single tests where the tests share no wide fixture."""

from __future__ import annotations

import pytest

from tests.scheduling import ProofsApart


@pytest.mark.parametrize(("nodeid", "unit"), [
    ("tests/site/test_build.py::test_one", "tests/site/test_build.py"),
    ("tests/site/test_every_page.py::TestPagesInPt::test_x[dark]", "tests/site/test_every_page.py::TestPagesInPt"),
    ("tests/docs_src/background_tasks/test_upload.py::test_x[a]", "tests/docs_src/background_tasks/test_upload.py::test_x[a]"),
    ("tests/hooks/test_translated_pages.py::test_x[pt]", "tests/hooks/test_translated_pages.py::test_x"),
    ("tests/hooks/test_translated_pages.py::test_y", "tests/hooks/test_translated_pages.py::test_y"),
], ids=["file", "class", "example-proof-case", "apart-test-cases-together", "apart-test"])
def test_a_test_goes_out_with_its_file_class_or_alone(nodeid, unit):
    assert ProofsApart._split_scope(object.__new__(ProofsApart), nodeid) == unit
