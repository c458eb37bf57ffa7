"""Run the command-line interface as `python -m laoreport`."""

from laoreport.cli import cli

cli()
