"""Page errors: each logged when found, all counted at the end."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import PluginError

from docs_tools.site.build_errors import PageErrors


def test_errors_are_logged_at_once_and_stop_the_build_counted(caplog):
    errors = PageErrors(logging.getLogger("test.page_errors"), "thing(s) cannot be done")
    with caplog.at_level(logging.ERROR, "test.page_errors"):
        errors.add("p.md:1: first")
        errors.add("p.md:9: second")
    assert caplog.messages == ["p.md:1: first", "p.md:9: second"]
    with pytest.raises(PluginError, match=r"^2 thing\(s\) cannot be done; each is logged above with its page and line$"):
        errors.stop_if_any()


def test_a_build_without_errors_goes_on():
    PageErrors(logging.getLogger("test.page_errors"), "thing(s) cannot be done").stop_if_any()
