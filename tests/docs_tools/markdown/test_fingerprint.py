"""The fingerprint hides only what no reader can see: every real edit of an English page changes it."""

from __future__ import annotations

import pytest

from docs_tools.markdown.fingerprint import fingerprint, is_stamp

PAGE = "# Tasks\n\nRun work after the response.  \nSecond line.\n"


def test_the_fingerprint_is_a_stamp():
    assert is_stamp(fingerprint(PAGE))
    assert fingerprint(PAGE).startswith("sha256:")


@pytest.mark.parametrize(
    "same",
    [
        PAGE.replace("\n", "\r\n"),
        PAGE.replace("\n", "\r"),
        "\ufeff" + PAGE,
        PAGE + "\n\n",
        PAGE.rstrip("\n"),
    ],
    ids=["crlf", "cr", "bom", "blank-lines-at-end", "no-final-newline"],
)
def test_encoding_differences_do_not_count(same):
    assert fingerprint(same) == fingerprint(PAGE)


@pytest.mark.parametrize(
    "edited",
    [
        PAGE.replace("after", "before"),
        PAGE.replace("response.  \n", "response.\n"),
        PAGE.replace("# Tasks", "#  Tasks"),
        PAGE.replace("\n\n", "\n\n\n", 1),
        "---\ntitle: Tasks\n---\n" + PAGE,
        " " + PAGE,
    ],
    ids=["word", "trailing-spaces-line-break", "inner-space", "inner-blank-line", "front-matter", "leading-space"],
)
def test_every_visible_edit_counts(edited):
    assert fingerprint(edited) != fingerprint(PAGE)


@pytest.mark.parametrize("value", ["sha256:0123", "0123456789abcdef", "sha256:0123456789ABCDEF", 1234, None])
def test_values_that_are_not_stamps(value):
    assert not is_stamp(value)
