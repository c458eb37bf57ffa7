"""The archive in a browser: `laoreport serve` shows search, reports, threads and an overview, read-only.

`laoreport.web.app` builds the Flask app (the only module importing flask) over
laoreport.archive's functions; `laoreport.web.server` runs it with waitress.
Importing this package imports neither.
"""
