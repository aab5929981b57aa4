"""The examples in the docstrings of every module run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import xpid

MODULES = sorted(m.name for m in pkgutil.walk_packages(xpid.__path__, prefix="xpid."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_the_examples_are_found() -> None:
    # Guards the test above against finding nothing (e.g. a package layout change).
    attempted = sum(
        doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS).attempted
        for name in MODULES
    )
    assert attempted >= 50
