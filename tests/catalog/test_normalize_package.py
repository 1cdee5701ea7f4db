"""The ``catalog.normalize`` package re-exports every public parser of its modules."""

from __future__ import annotations

import importlib
import inspect

import pytest

import catalog.normalize as normalize

PARSER_MODULES = ["credits", "dates", "formats", "prices", "timetruth", "words"]


def _public_functions(module) -> list[str]:
    return [
        name
        for name, value in vars(module).items()
        if inspect.isfunction(value)
        and not name.startswith("_")
        and value.__module__ == module.__name__
    ]


@pytest.mark.parametrize("name", PARSER_MODULES)
def test_every_public_function_is_importable_from_the_package(name):
    module = importlib.import_module(f"catalog.normalize.{name}")
    functions = _public_functions(module)
    assert functions, f"catalog.normalize.{name} defines no public function"
    for function in functions:
        assert function in normalize.__all__, f"{name}.{function} is not re-exported"
        assert getattr(normalize, function) is getattr(module, function)


def test_every_exported_name_exists():
    missing = [name for name in normalize.__all__ if not hasattr(normalize, name)]
    assert missing == []
