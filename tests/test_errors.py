"""Every refusal the core raises is a ``Refused``: front ends catch one class."""

import importlib
import inspect
import pkgutil

import iku_desktop
from iku_desktop.errors import Refused

# not refusals: control flow inside the core, never shown to a user as such (each caller
# turns a NotRegularFile into its own refusal)
NOT_REFUSALS = {"MissingParent", "Cancelled", "NotRegularFile"}


def core_exceptions():
    for info in pkgutil.walk_packages(iku_desktop.__path__, "iku_desktop."):
        if info.name.startswith("iku_desktop.store.migrations") or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) and issubclass(obj, BaseException)
                    and obj.__module__ == module.__name__):
                yield obj


def test_every_core_exception_is_a_refusal():
    found = list(core_exceptions())
    assert len(found) > 20
    outside = sorted(f"{c.__module__}.{c.__name__}" for c in found
                     if not issubclass(c, Refused) and c.__name__ not in NOT_REFUSALS)
    assert outside == []
