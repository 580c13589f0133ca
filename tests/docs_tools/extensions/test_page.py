"""The settings every page extension takes: the page's errors go to the builder's callable one by one, or are raised
together."""

from __future__ import annotations

import pytest

from docs_tools.extensions.page import ExtensionErrors, PageExtension


def test_without_a_callable_the_errors_of_a_page_are_raised_together():
    with pytest.raises(ExtensionErrors) as raised:
        PageExtension().report(["p.md:1: one", "p.md:2: two"])
    assert raised.value.messages == ["p.md:1: one", "p.md:2: two"]
    assert str(raised.value) == "p.md:1: one\np.md:2: two"


def test_with_a_callable_each_error_goes_to_it_and_nothing_is_raised():
    found: list[str] = []
    PageExtension(errors=found.append).report(["p.md:1: one", "p.md:2: two"])
    assert found == ["p.md:1: one", "p.md:2: two"]


def test_a_page_without_errors_raises_nothing():
    PageExtension().report([])


def test_the_page_settings_are_read_as_given():
    extension = PageExtension(root="/project", page="docs/pt/x.md", first_line="4")
    assert (str(extension.root), extension.page, extension.first_line) == ("/project", "docs/pt/x.md", 4)
