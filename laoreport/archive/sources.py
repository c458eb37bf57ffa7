"""A file's identity in the archive: its resolved absolute path, shown relative to the current folder.

`laoreport import corpus/` and `laoreport import $PWD/corpus` name the same files, so the index
keys each report by the absolute path with symbolic links and `..` resolved, and every command
accepts any spelling of it.
"""

from __future__ import annotations

import os
from pathlib import Path


def source_key(path: str | os.PathLike[str]) -> str:
    """The identity of a file: its absolute path, `~`, `..` and symbolic links resolved."""
    return str(Path(path).expanduser().resolve())


def display_path(source: str, base: str | os.PathLike[str] | None = None) -> str:
    """`source` relative to `base` (the current folder) when it lies under it, else as stored."""
    try:
        return str(Path(source).relative_to(Path(base or os.getcwd()).resolve()))
    except ValueError:
        return source


def is_under(source: str, folder: str) -> bool:
    """Whether `source` is `folder` itself or lies anywhere below it (both already resolved)."""
    return source == folder or source.startswith(folder.rstrip(os.sep) + os.sep)
