"""The archive: import report files into a Whoosh index, search it, browse reports and tasks.

The command line and the web page are thin shells over the functions exported here. Import
and browsing load on first use, so that `laoreport search` does not import the machinery of
an import (process pools, file readers). `search` and `threads` are imported at once: their
modules have their names, which would hide them once imported.
"""

from __future__ import annotations

import importlib

from laoreport.archive.search import Hit, SearchResult, search
from laoreport.archive.threads import reading_only, task_threads, thread, threads

_LAZY = {
    "ImportSummary": "importer",
    "collect_files": "importer",
    "import_paths": "importer",
    "prune": "importer",
    "ShownReport": "browse",
    "list_reports": "browse",
    "list_tasks": "browse",
    "show_report": "browse",
    "stats": "browse",
    "display_path": "sources",
    "source_key": "sources",
}

__all__ = [
    "Hit",
    "ImportSummary",
    "SearchResult",
    "ShownReport",
    "collect_files",
    "display_path",
    "import_paths",
    "list_reports",
    "list_tasks",
    "prune",
    "reading_only",
    "search",
    "show_report",
    "source_key",
    "stats",
    "task_threads",
    "thread",
    "threads",
]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
