"""The examples in the parsing layer's docstrings hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["laoreport.parsing.metadata", "laoreport.parsing.structure"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
