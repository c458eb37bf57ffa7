"""The archive: import report files into a Whoosh index, search it, browse reports and tasks.

The command line and the web page are thin shells over the functions exported here.
"""

from laoreport.archive.browse import ShownReport, list_reports, list_tasks, show_report, stats
from laoreport.archive.importer import ImportSummary, collect_files, import_paths, prune
from laoreport.archive.sources import display_path, source_key
from laoreport.archive.search import Hit, SearchResult, search
from laoreport.archive.threads import task_threads, threads

__all__ = [
    "Hit",
    "ImportSummary",
    "SearchResult",
    "ShownReport",
    "collect_files",
    "import_paths",
    "display_path",
    "list_reports",
    "list_tasks",
    "prune",
    "search",
    "show_report",
    "source_key",
    "stats",
    "task_threads",
    "threads",
]
