"""The application's hooks skip the single fixed path only when Lilya 0.29 takes its fast path, which also needs
`enable_intercept_global_exceptions` off and no `settings_module`: with either of those, in an application whose only
route is a fixed `Path`, with no middleware, exception handlers or debug mode, the hooks run."""

from __future__ import annotations

import pytest
from lilya.apps import Lilya
from lilya.conf.global_settings import Settings
from lilya.responses import PlainText
from lilya.routing import Path

from tests.proof import Timeline, call_asgi

calls: list[str] = []


async def before(scope, receive, send) -> None:
    calls.append("before")


async def after(scope, receive, send) -> None:
    calls.append("after")


async def fixed() -> PlainText:
    calls.append("handler")
    return PlainText("ok")


class AppSettings(Settings):
    pass


@pytest.mark.parametrize(("app_options", "expected"), [
    ({}, ["handler"]),
    ({"enable_intercept_global_exceptions": True}, ["before", "handler", "after"]),
    ({"settings_module": AppSettings}, ["before", "handler", "after"]),
], ids=["no-other-option", "intercepting-global-exceptions", "with-a-settings-module"])
def test_in_a_single_fixed_path_app_the_hooks_run_when_global_exceptions_are_intercepted_or_settings_are_given(
        app_options, expected):
    calls.clear()
    app = Lilya(routes=[Path("/articles/tasks", fixed)], before_request=[before], after_request=[after], **app_options)
    result = call_asgi(app, Timeline(), "GET", "/articles/tasks")
    assert (result.status, result.error) == (200, None)
    assert calls == expected
