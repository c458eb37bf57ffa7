"""laoreport: turn an archive of Lao monthly office reports into searchable structured data.

Importing this package reads no files: word lists and the index load on first use.
"""

__version__ = "0.1.0"
