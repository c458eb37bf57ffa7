"""Parsing: blocks of a document to a Report (header, title, periods, section tree, tasks).

    >>> from laoreport.parsing import parse_report
"""

from laoreport.parsing.report import parse_blocks, parse_report

__all__ = ["parse_blocks", "parse_report"]
