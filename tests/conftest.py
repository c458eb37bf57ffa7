"""Shared fixtures: the repository's paths and the reference material in ../shared."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that material is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference material not present: {path}")
    return path


@pytest.fixture
def seed_path() -> Path:
    """The real report exported from DOCX to text (May 2019 review, June 2019 plan)."""
    return next(iter(sorted(shared_path("seed").glob("*.txt"))))


@pytest.fixture
def realdocs() -> list[Path]:
    return sorted(shared_path("realdocs").glob("*.txt"))


@pytest.fixture
def soffice() -> str:
    """The LibreOffice binary, skipping the test when it is not installed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe
