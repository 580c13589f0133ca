"""Every Lilya handler of the site's examples reads its path parameters from `request.path_params` (or
`websocket.path_params`), and takes none of them as a function parameter. (Ravyn's handlers, on the other hand, take
them as parameters.)"""

import importlib
import inspect

import pytest
from lilya.apps import Lilya
from lilya.routing import Include

from tests.mkdocs_site import ROOT

MODULES = sorted(".".join(path.relative_to(ROOT).with_suffix("").parts)
                 for path in (ROOT / "docs_src").rglob("*.py") if "\napp = " in path.read_text(encoding="utf-8"))


def routes_of(routes) -> list:
    found = []
    for route in routes:
        found.extend(routes_of(route.routes) if isinstance(route, Include) else [route])
    return found


def lilya_routes_with_path_parameters() -> list:
    found = []
    for name in MODULES:
        app = importlib.import_module(name).app
        if isinstance(app, Lilya):
            found += [(name, route) for route in routes_of(app.routes) if getattr(route, "param_convertors", None)]
    return found


ROUTES = lilya_routes_with_path_parameters()


def test_the_lilya_examples_have_routes_with_path_parameters():
    assert len(ROUTES) >= 15


@pytest.mark.parametrize(("module", "route"), ROUTES, ids=[f"{module}:{route.path}" for module, route in ROUTES])
def test_each_lilya_handler_reads_its_path_parameters_from_path_params(module, route):
    handler = route.handler
    taken = set(inspect.signature(handler).parameters) & set(route.param_convertors)
    assert taken == set(), f"{handler.__name__} takes {taken} as parameters"
    source = inspect.getsource(handler)
    for name in route.param_convertors:
        assert f'.path_params["{name}"]' in source, f"{handler.__name__} does not read {name} from path_params"
