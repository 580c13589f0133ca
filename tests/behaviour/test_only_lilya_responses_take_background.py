"""In Lilya, only responses carry tasks: every public class of the lilya package whose constructor takes `background`
is a response class, and the few functions that take `background` make a response and hand it the task."""

import importlib
import inspect
import pkgutil
import warnings

import lilya
from lilya.background import Task
from lilya.contrib.responses.shortcuts import redirect
from lilya.responses import RedirectResponse, Response, make_response
from lilya.templating.base import BaseTemplateRenderer

FUNCTIONS = {"redirect", "make_response", "BaseTemplateRenderer.prepare_response"}


def public_callables_taking_background() -> tuple[set[type], set[str]]:
    """(classes, functions and methods by qualified name) of every module of lilya that imports."""
    classes, functions = set(), set()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        modules = []
        for found in pkgutil.walk_packages(lilya.__path__, "lilya."):
            if found.name.endswith("__main__"):
                continue
            try:
                modules.append(importlib.import_module(found.name))
            except Exception:  # noqa: BLE001 - a module needing an optional package that is not installed
                continue
    for module in modules:
        for name, value in vars(module).items():
            if name.startswith("_") or not str(getattr(value, "__module__", "")).startswith("lilya"):
                continue
            if inspect.isclass(value):
                if takes_background(value):
                    classes.add(value)
                for method_name, method in vars(value).items():
                    if inspect.isfunction(method) and not method_name.startswith("_") and takes_background(method):
                        functions.add(method.__qualname__)
            elif inspect.isfunction(value) and takes_background(value):
                functions.add(value.__qualname__)
    return classes, functions


def takes_background(value) -> bool:
    try:
        return "background" in inspect.signature(value).parameters
    except (TypeError, ValueError):
        return False


def test_only_response_classes_and_functions_that_make_responses_take_background():
    classes, functions = public_callables_taking_background()
    assert len(classes) >= 15
    assert [cls for cls in classes if not issubclass(cls, Response)] == []
    assert functions == FUNCTIONS
    task = Task(print)
    made = make_response({"ok": True}, background=task)
    moved = redirect("/elsewhere", background=task)
    assert isinstance(made, Response) and made.background is task
    assert isinstance(moved, RedirectResponse) and moved.background is task
    assert inspect.signature(BaseTemplateRenderer.prepare_response).return_annotation == "TemplateResponse"
