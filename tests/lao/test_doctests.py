"""The examples in the Lao layer's docstrings hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "laoreport.lao",
    "laoreport.lao.chars",
    "laoreport.lao.normalize",
    "laoreport.lao.runs",
    "laoreport.lao.wordlist",
    "laoreport.lao.engines",
    "laoreport.lao.segmentation",
    "laoreport.lao.syllables",
    "laoreport.lao.tokens",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
