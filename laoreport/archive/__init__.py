"""The archive: import report files into a Whoosh index, search it, browse reports and tasks.

The command line and the web page are thin shells over the functions exported here.
"""

from laoreport.archive.browse import list_tasks, show_report, stats
from laoreport.archive.importer import ImportSummary, collect_files, import_paths
from laoreport.archive.search import Hit, SearchResult, search
from laoreport.archive.threads import task_threads, threads

__all__ = [
    "Hit",
    "ImportSummary",
    "SearchResult",
    "collect_files",
    "import_paths",
    "list_tasks",
    "search",
    "show_report",
    "stats",
    "task_threads",
    "threads",
]
