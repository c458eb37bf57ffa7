"""The `laoreport` command line: a thin shell over laoreport's Python API (the only module importing click)."""

from __future__ import annotations

import json
import sys

import click

from laoreport import __version__
from laoreport.errors import LaoReportError
from laoreport.model import DOC_TYPES
from laoreport.periods import parse_period

INDEX_HELP = "Index folder (default: $LAOREPORT_INDEX, else ./index)."


def _emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _period_name(period: str | None) -> str:
    if not period:
        return "no period"
    return f"{period}  {parse_period(period).lao()}"


def _mark(snippet: str) -> str:
    """Matches arrive as «...»; on a terminal they are shown in bold instead."""
    if sys.stdout.isatty():
        return snippet.replace("«", "\x1b[1;33m").replace("»", "\x1b[0m")
    return snippet


class _Group(click.Group):
    """Turns laoreport's own errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except LaoReportError as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__)
def cli():
    """Parse, index and search archives of Lao monthly reports (DOCX, DOC, TXT).

    \b
    Example:
        laoreport import corpus/
        laoreport search ຫຼຽນທີ່ລະນຶກ
        laoreport threads ຫຼຽນທີ່ລະນຶກ
    """


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write the JSON to this file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (parse always does; accepted like every command).")
def parse(file, out, as_json):
    """Parse one report FILE and print its structure as JSON."""
    from laoreport.parsing import parse_report

    text = parse_report(file).to_json()
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    else:
        click.echo(text)


@cli.command()
@click.argument("text")
@click.option("--syllables", is_flag=True, help="Show syllables instead of words.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: text, normalized, words, syllables.")
def tokenize(text, syllables, as_json):
    """Normalize TEXT and split it into Lao words (or syllables)."""
    from laoreport.lao import tokenize_report

    result = tokenize_report(text, syllables=True)
    if as_json:
        _emit_json(result)
        return
    click.echo(f"normalized: {result['normalized']}")
    tokens = result["syllables"] if syllables else result["words"]
    click.echo(" | ".join(text[t["start"]:t["end"]] for t in tokens))


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--index", "index_dir", type=click.Path(file_okay=False), help=INDEX_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def import_(paths, index_dir, as_json):
    """Import report files and folders (recursively: .docx, .doc, .pdf, .txt) into the index.

    Files already imported are skipped, changed files replace their old version, and a
    file that cannot be read is reported on one line without stopping the import.
    Exit status 1 when any file failed.
    """
    from laoreport.archive import collect_files, import_paths

    show_bar = sys.stderr.isatty() and not as_json
    if show_bar:
        total = len(collect_files(paths))
        with click.progressbar(length=total, label="Importing", file=sys.stderr) as bar:
            summary = import_paths(paths, index_dir, progress=lambda path, outcome: bar.update(1))
    else:
        summary = import_paths(paths, index_dir)
    for path, reason in summary.failed:
        click.echo(f"error: {path}: {reason}", err=True)
    if as_json:
        _emit_json(summary.to_dict())
    else:
        for path, original in summary.duplicates:
            click.echo(f"duplicate: {path} has the same text as {original}", err=True)
        click.echo(
            f"imported {len(summary.imported) + len(summary.replaced)} "
            f"(replaced {len(summary.replaced)}), skipped {len(summary.skipped)} unchanged, "
            f"duplicates {len(summary.duplicates)}, failed {len(summary.failed)}"
        )
    if summary.failed:
        sys.exit(1)


@cli.command()
@click.argument("query")
@click.option("--index", "index_dir", type=click.Path(file_okay=False), help=INDEX_HELP)
@click.option("--from", "date_from", metavar="PERIOD", help="Earliest period: 2019, 2019-06, 2019-Q3 or 2019-H1.")
@click.option("--to", "date_to", metavar="PERIOD", help="Latest period, written like --from.")
@click.option("--kind", type=click.Choice(["report", "section", "task"]), help="Only this kind of hit.")
@click.option("--status", type=click.Choice(["done", "planned"]),
              help="Only tasks with this status (with --kind report: reports with such a task).")
@click.option("--type", "doc_type", type=click.Choice(DOC_TYPES), help="Only documents of this type.")
@click.option("--org", metavar="NAME", help="Only documents of an office whose name contains NAME.")
@click.option("--number", metavar="NUMBER", help="Only the document numbered NUMBER (2160/ກງ, or 2160).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1), help="Most hits to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
def search(query, index_dir, date_from, date_to, kind, status, doc_type, org, number, limit, as_json):
    """Search the archive for QUERY, typed as plain Lao in any spelling.

    Every spelling of a word is found (ຫຼ/ຫລ, ໍາ/ຳ, ໜ/ຫນ, ...), and so is part of a
    word. Words separated by spaces must all occur; put a phrase in "quotes"; join
    alternatives with OR. Hits are grouped by period, oldest first.
    """
    from laoreport.archive import search as run_search

    result = run_search(query, index_dir, date_from, date_to, kind, status, limit,
                        doc_type=doc_type, org=org, number=number)
    if as_json:
        _emit_json(result.to_dict())
        return
    if not result.total:
        hint = f"; did you mean: {result.suggestion}" if result.suggestion else ""
        click.echo(f"no results for {query}{hint}")
        return
    shown = len(result.hits)
    noun = "hit" if result.total == 1 else "hits"
    click.echo(f"{result.total} {noun} for {query}" + (f" (the best {shown}, by period)" if shown < result.total else ""))
    for period, hits in result.by_period():
        click.echo(f"\n{_period_name(period)}")
        for hit in hits:
            where = " ".join(filter(None, [hit.kind, hit.status, "/".join(hit.section), hit.date if not hit.period else ""]))
            click.echo(f"  [{where}] {hit.source}")
            click.echo(f"    {_mark(hit.snippet)}")
    if shown < result.total:
        more = result.total - shown
        click.echo(f"\n{more} more {'hit' if more == 1 else 'hits'}: add --limit {result.total} to see them all, "
                   "or narrow the search with --from, --to, --kind or --status")


@cli.command()
@click.argument("report")
@click.option("--index", "index_dir", type=click.Path(file_okay=False), help=INDEX_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the report's JSON.")
def show(report, index_dir, as_json):
    """Show an imported REPORT (its id, file name or path): title, periods, sections, tasks."""
    from laoreport.archive import show_report

    found = show_report(report, index_dir)
    if as_json:
        click.echo(found.to_json())
        return
    click.echo(found.title)
    click.echo(f"period: {_period_name(found.period)}   plan: {_period_name(found.plan_period)}")
    header = found.header
    click.echo(f"{header.organization or ''} / {header.unit or ''}   ເລກທີ {header.number or '-'}   {header.date or ''}")
    outcomes = {(tuple(task.section), task.text): task.outcome for task in found.tasks if task.outcome}
    _print_sections(found.sections, 0, outcomes)
    for warning in found.warnings:
        click.echo(f"warning: {warning}")


def _print_sections(sections, depth: int, outcomes: dict, path: tuple = ()) -> None:
    """The section tree; a task's item ends with its thread's outcome: [done], [open], [dropped]."""
    for section in sections:
        here = path + (section.label or section.title[:20],)
        click.echo(f"{'  ' * depth}{section.label or '-'}. {section.title}  ({section.kind})")
        for item in section.items:
            outcome = outcomes.get((here, item))
            click.echo(f"{'  ' * depth}    · {item}" + (f"  [{outcome}]" if outcome else ""))
        _print_sections(section.children, depth + 1, outcomes, here)


@cli.command()
@click.option("--index", "index_dir", type=click.Path(file_okay=False), help=INDEX_HELP)
@click.option("--period", metavar="PERIOD", help="2019-06, 2019-Q3, 2019-H1 or 2019.")
@click.option("--status", type=click.Choice(["done", "planned"]), help="Only tasks with this status.")
@click.option("--outcome", type=click.Choice(["done", "open", "dropped"]),
              help="Only tasks whose thread ended so (see `laoreport threads --help`).")
@click.option("--json", "as_json", is_flag=True, help="Print the tasks as JSON.")
def tasks(index_dir, period, status, outcome, as_json):
    """List the tasks of a period: what was done, what was planned.

    \b
    What did we plan in 2019 and never report on?
        laoreport tasks --period 2019 --status planned --outcome dropped
    """
    from laoreport.archive import list_tasks

    found = list_tasks(index_dir, period, status, outcome)
    if as_json:
        _emit_json(found)
        return
    for task in found:
        click.echo(f"{task['period'] or '-'}  {task['status']:<7}  {'/'.join(task['section'])}  {task['text']}")
    click.echo(f"{len(found)} tasks")


@cli.command()
@click.argument("query", required=False)
@click.option("--index", "index_dir", type=click.Path(file_okay=False), help=INDEX_HELP)
@click.option("--from", "date_from", metavar="PERIOD", help="Earliest period: 2019, 2019-06, 2019-Q3 or 2019-H1.")
@click.option("--to", "date_to", metavar="PERIOD", help="Latest period, written like --from.")
@click.option("--outcome", type=click.Choice(["done", "open", "dropped"]), help="Only threads that ended so.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1), help="Most threads to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the threads as JSON.")
def threads(query, index_dir, date_from, date_to, outcome, limit, as_json):
    """Follow tasks across reports: each thread from its first mention to its last, and how it ended.

    A thread is one piece of work as successive reports mention it: planned, reported, planned
    again with ສືບຕໍ່, finished. With QUERY (typed as for search), only the threads having a
    matching task; --from/--to keep threads with a task (matching QUERY) in that range.
    Threads are listed oldest first.

    \b
    Outcomes:
      done     its last mention reports it finished
      open     planned for a period no report covers yet, or partly done in the latest report
      dropped  planned (or partly done) and never mentioned again by the reports that followed
    """
    from laoreport.archive import threads as find_threads

    result = find_threads(query, index_dir, date_from, date_to, outcome, limit=limit)
    if as_json:
        _emit_json(result)
        return
    found, total = result["threads"], result["total"]
    if not found:
        click.echo(f"no threads for {query}" if query else "no threads")
        return
    click.echo(f"{total} thread{'s' if total != 1 else ''}" + (f" for {query}" if query else "")
               + (f" (the oldest {len(found)})" if len(found) < total else ""))
    for thread in found:
        span = thread["first_period"] if thread["first_period"] == thread["last_period"] else (
            f"{thread['first_period']} → {thread['last_period']}")
        count = len(thread["tasks"])
        mentions = f"{count} mention{'s' if count != 1 else ''}"
        click.echo(f"\n{_outcome(thread['outcome'])}  {span}  ({mentions})  {thread['id']}")
        for task in thread["tasks"]:
            click.echo(f"  {task['period'] or '-':<8} {task['status']:<8} {task['text']}")
    if len(found) < total:
        more = total - len(found)
        click.echo(f"\n{more} more thread{'s' if more != 1 else ''}: add --limit {total} to see them all, "
                   "or narrow the list with a query, --from, --to or --outcome")


def _outcome(outcome: str) -> str:
    """A thread's outcome, in colour on a terminal."""
    if sys.stdout.isatty():
        colour = {"done": "32", "open": "33", "dropped": "31"}[outcome]
        return f"\x1b[1;{colour}m{outcome.upper()}\x1b[0m"
    return outcome.upper()


@cli.command()
@click.option("--index", "index_dir", type=click.Path(file_okay=False), help=INDEX_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(index_dir, as_json):
    """Count the reports, sections and tasks in the index, and list its periods."""
    from laoreport.archive import stats as archive_stats

    figures = archive_stats(index_dir)
    if as_json:
        _emit_json(figures)
        return
    click.echo(f"index: {figures['index']}")
    click.echo(f"reports {figures['reports']}, sections {figures['sections']}, tasks {figures['tasks']}")
    click.echo(f"tasks by status: {figures['tasks_by_status']}")
    click.echo("periods: " + ", ".join(figures["periods"]))
