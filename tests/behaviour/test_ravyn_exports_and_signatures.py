"""What the ravyn.background reference says of Ravyn 0.4.3's names: where its task classes are defined, their
signatures, and which of the names Ravyn exports at its top level take `background=`."""

import inspect
import typing

import lilya.background
import ravyn
import ravyn.background

DECORATORS = ["get", "post", "put", "patch", "delete", "head", "options", "trace", "query", "route"]
WEBHOOK_DECORATORS = ["whget", "whpost", "whput", "whpatch", "whdelete", "whhead", "whoptions", "whtrace", "whquery",
                      "whroute"]
RESPONSES = ["Response", "JSONResponse", "TemplateResponse"]
CONTAINERS = ["JSON", "Redirect", "Stream", "Template"]


def top_level_names_taking_background() -> dict[str, inspect.Parameter]:
    """Every public name of `ravyn` whose signature has a `background` parameter, with that parameter."""
    found = {}
    for name in sorted(set(dir(ravyn)) | set(getattr(ravyn, "__all__", ()))):
        if name.startswith("_"):
            continue
        try:
            value = getattr(ravyn, name)
            signature = inspect.signature(value)
        except (AttributeError, ImportError, TypeError, ValueError):  # not callable, or a lazy name that fails
            continue
        if "background" in signature.parameters:
            found[name] = signature.parameters["background"]
    return found


def test_ravyns_task_classes_are_defined_in_ravyn_background_and_exported_by_ravyn():
    for name in ("BackgroundTask", "BackgroundTasks"):
        defined = getattr(ravyn.background, name)
        assert defined.__module__ == "ravyn.background", name
        assert getattr(ravyn, name) is defined, name


def test_ravyns_task_signatures_are_lilyas_as_the_reference_shows_them():
    assert inspect.signature(ravyn.BackgroundTask) == inspect.signature(lilya.background.Task)
    assert inspect.signature(ravyn.BackgroundTasks) == inspect.signature(lilya.background.Tasks)
    assert inspect.signature(ravyn.BackgroundTasks.add_task) == inspect.signature(lilya.background.Tasks.add_task)
    assert str(inspect.signature(ravyn.BackgroundTask)) == (
        "(func: 'Callable[P, Any]', *args: 'P.args', **kwargs: 'P.kwargs') -> 'None'"
    )
    assert str(inspect.signature(ravyn.BackgroundTasks)) == (
        "(tasks: 'Sequence[Task] | None' = None, as_group: 'bool' = False)"
    )
    assert str(inspect.signature(ravyn.BackgroundTasks.add_task)) == (
        "(self, func: 'Callable[P, Any]', *args: 'P.args', **kwargs: 'P.kwargs') -> 'None'"
    )
    assert isinstance(lilya.background.P, typing.ParamSpec)


def test_exactly_the_listed_top_level_names_take_background_as_a_keyword_defaulting_to_none():
    found = top_level_names_taking_background()
    assert sorted(found) == sorted(DECORATORS + WEBHOOK_DECORATORS + RESPONSES + CONTAINERS)
    for name, parameter in found.items():
        assert parameter.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD), name
        assert parameter.default is None, name
