"""The `laoreport` command line: a thin shell over laoreport's Python API (the only module importing click).

Each command turns its options into one call of `laoreport.archive` and prints the dict it returns:
as JSON (`--json`, exactly that dict), as CSV (`--csv`) or as lines for a person to read.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sys
import unicodedata

import click

from laoreport import __version__
from laoreport.errors import AmbiguousReportError, ImportInterrupted, LaoReportError, QueryError
from laoreport.model import DOC_TYPES
from laoreport.periods import parse_period

INDEX_HELP = "Index folder (default: $LAOREPORT_INDEX, else ./index)."
PERIOD_HELP = "2019, 2019-06, 2019-Q3 or 2019-H1"


def _emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _emit_csv(rows: list[dict], columns: list[str]) -> None:
    """CSV in UTF-8 with a byte-order mark, so that Excel shows Lao rather than mojibake."""
    text = io.StringIO()
    writer = csv.DictWriter(text, columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "/".join(v) if isinstance(v, list) else v for k, v in row.items()})
    sys.stdout.flush()
    sys.stdout.buffer.write(("\ufeff" + text.getvalue()).encode("utf-8"))
    sys.stdout.buffer.flush()


def _path(source: str) -> str:
    from laoreport.archive import display_path

    return display_path(source)


def _period_name(period: str | None) -> str:
    if not period:
        return "no period"
    return f"{period}  {parse_period(period).lao()}"


def _colour() -> bool:
    """Colour on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _mark(snippet: str) -> str:
    """Matches arrive as «...»; on a terminal they are shown in bold yellow instead."""
    if _colour():
        return snippet.replace("«", "\x1b[1;33m").replace("»", "\x1b[0m")
    return snippet


def _width(text: str) -> int:
    """Columns a text takes on a terminal: Lao vowel and tone marks sit on their consonant."""
    return sum(unicodedata.category(c) not in ("Mn", "Me", "Cf") for c in text)


def _columns(rows: list[list[str]]) -> list[str]:
    """Rows as lines in aligned columns; the last column (a Lao text) runs free."""
    widths = [max((_width(row[i]) for row in rows), default=0) for i in range(len(rows[0]) - 1)] if rows else []
    return [
        "  ".join([*(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row[:-1])), row[-1]])
        for row in rows
    ]


_stopped_by = signal.SIGINT  # the signal that interrupted the command: the exit status is 128 + it


def _interrupt_on(signum, frame):
    """SIGTERM stops an import as Ctrl-C does: workers stopped, what was committed kept."""
    global _stopped_by
    _stopped_by = signum
    raise KeyboardInterrupt


class _Command(click.Command):
    """Turns laoreport's errors into one-line messages: usage errors (exit 2) name the option at
    fault in click's own words; the others (exit 1) say what went wrong and what to do."""

    def invoke(self, ctx):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, where it can be answered quietly
            return result
        except ImportInterrupted as stop:
            click.echo(str(stop), err=True)
            ctx.exit(128 + _stopped_by)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(128 + _stopped_by)
        except BrokenPipeError:
            # `laoreport ... | head`: the reader has what it wanted; no traceback, no error status
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except QueryError as error:
            param = next((p for p in self.params if p.name == error.param), None)
            if param is not None:
                raise click.BadParameter(str(error), ctx=ctx, param=param) from None
            raise click.UsageError(str(error), ctx=ctx) from None
        except AmbiguousReportError as error:
            lines = [f"{len(error.matches)} reports match {error.ref!r}; give the id or the path of one of them:"]
            lines += _columns([[m["id"], m["period"] or "-", _path(m["source"])] for m in error.matches])
            raise click.ClickException("\n  ".join(lines)) from None
        except LaoReportError as error:
            raise click.ClickException(str(error)) from None


class _Group(click.Group):
    command_class = _Command


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__)
def cli():
    """Parse, index and search archives of Lao monthly reports (DOCX, DOC, TXT, PDF, scanned PDF).

    \b
    Example:
        laoreport import corpus/
        laoreport search ຫຼຽນທີ່ລະນຶກ
        laoreport list
        laoreport threads ຫຼຽນທີ່ລະນຶກ
    """


def _index_option(command):
    return click.option("--index", "index_dir", type=click.Path(file_okay=False), help=INDEX_HELP)(command)


def _header_options(command):
    """--type, --org and --number: what a document's header says it is, who wrote it, its ເລກທີ."""
    command = click.option("--number", metavar="NUMBER", help="Only the document numbered NUMBER (2160/ກງ, or 2160).")(command)
    command = click.option("--org", metavar="NAME", help="Only documents of an office whose name contains NAME.")(command)
    return click.option("--type", "doc_type", type=click.Choice(DOC_TYPES), help="Only documents of this type.")(command)


def _period_options(command):
    command = click.option("--to", "date_to", metavar="PERIOD", help="Latest period, written like --from.")(command)
    return click.option("--from", "date_from", metavar="PERIOD", help=f"Earliest period: {PERIOD_HELP}.")(command)


def _write_out(path: str, text: str) -> None:
    """Write `--out`; a folder that is missing or not writable is one line saying what to do."""
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        folder = os.path.dirname(os.path.abspath(path))
        advice = (f"create the folder {folder} first, or choose another --out" if not os.path.isdir(folder)
                  else "choose a folder you can write to with --out")
        raise click.ClickException(f"cannot write {path}: {error.strerror or error}; {advice}") from None


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--out", type=click.Path(dir_okay=False), help="Write the JSON to this file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (parse always does; accepted like every command).")
def parse(file, out, as_json):
    """Parse one report FILE and print its structure as JSON."""
    from laoreport.parsing import parse_report

    text = parse_report(file).to_json()
    if out:
        _write_out(out, text + "\n")
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
@_index_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def import_(paths, index_dir, as_json):
    """Import report files and folders into the index.

    Folders are read recursively (.docx, .doc, .pdf, .txt). Files already imported are
    skipped, changed files replace their old version, a moved file is followed, and a file
    that cannot be read is reported on one line without stopping the import. Indexed files under the folders given that no longer exist are
    listed (`laoreport prune` removes them). Ctrl-C stops at once and keeps what was
    committed: run the same command to resume. Exit status 1 when any file failed.
    """
    from laoreport.archive import collect_files, import_paths

    signal.signal(signal.SIGTERM, _interrupt_on)
    show_bar = sys.stderr.isatty() and not as_json
    if show_bar:
        total = len(collect_files(paths))
        with click.progressbar(length=total, label="Importing", file=sys.stderr) as bar:
            summary = import_paths(paths, index_dir, progress=lambda path, outcome: bar.update(1))
    else:
        summary = import_paths(paths, index_dir)
    for path, reason in summary.failed:
        click.echo(f"error: {_path(path)}: {reason}", err=True)
    if as_json:
        _emit_json(summary.to_dict())
    else:
        for path, original in summary.duplicates:
            click.echo(f"duplicate: {_path(path)} has the same text as {_path(original)}", err=True)
        for path, was in summary.moved:
            click.echo(f"moved: {_path(path)} was imported as {_path(was)}", err=True)
        for path in summary.missing:
            click.echo(f"missing: {_path(path)} no longer exists; `laoreport prune` removes it from the index", err=True)
        line = (f"imported {len(summary.imported) + len(summary.replaced)} "
                f"(replaced {len(summary.replaced)}), skipped {len(summary.skipped)} unchanged, "
                f"duplicates {len(summary.duplicates)}, failed {len(summary.failed)}")
        extra = [f"{name} {len(found)}" for name, found in (("moved", summary.moved), ("missing", summary.missing))
                 if found]
        click.echo(", ".join([line, *extra]))
    if summary.failed:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@_index_option
@click.option("--json", "as_json", is_flag=True, help="Print what was removed as JSON.")
def prune(paths, index_dir, as_json):
    """Remove files that no longer exist from the index.

    Only files under PATHS when any are given; a file that still exists is never removed.
    """
    from laoreport.archive import prune as prune_index

    result = prune_index(paths, index_dir)
    if as_json:
        _emit_json(result)
        return
    for path in result["removed"]:
        click.echo(f"removed: {_path(path)}")
    count = len(result["removed"])
    click.echo(f"removed {count} file{'s' * (count != 1)} that no longer exist{'s' * (count == 1)}" if count
               else "nothing to remove: every indexed file still exists")


SEARCH_COLUMNS = ["period", "date", "kind", "status", "section", "title", "text", "source", "report", "score", "thread"]


@cli.command()
@click.argument("query")
@_index_option
@_period_options
@click.option("--kind", type=click.Choice(["report", "section", "task"]), help="Only this kind of hit.")
@click.option("--status", type=click.Choice(["done", "planned"]),
              help="Only tasks with this status (with --kind report: reports with such a task).")
@_header_options
@click.option("--source", type=click.Path(), help="Only hits in this file, or in the files under this folder.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1), help="Most hits to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the hits as CSV (UTF-8, for spreadsheets).")
def search(query, index_dir, date_from, date_to, kind, status, doc_type, org, number, source, limit, as_json, as_csv):
    """Search the archive for QUERY, in any spelling.

    QUERY is typed as plain Lao (Latin words and numbers too). Every spelling of a word is
    found (ຫຼ/ຫລ, ໍາ/ຳ, ໜ/ຫນ, ...), and so is part of a word. Words separated by spaces must
    all occur; put a phrase in "quotes"; join alternatives with OR. Hits are grouped by
    period, oldest first.
    """
    _one_format(as_json, as_csv)
    from laoreport.archive import search as run_search

    result = run_search(query, index_dir, date_from, date_to, kind, status, limit,
                        doc_type=doc_type, org=org, number=number, source=source)
    if as_json:
        _emit_json(result.to_dict())
        return
    if as_csv:
        _emit_csv([{**h.to_dict(), "source": _path(h.source)} for h in result.hits], SEARCH_COLUMNS)
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
            click.echo(f"  [{where}] {_path(hit.source)}")
            click.echo(f"    {_mark(hit.snippet)}")
    if shown < result.total:
        more = result.total - shown
        click.echo(f"\n{more} more {'hit' if more == 1 else 'hits'}: add --limit {result.total} to see them all, "
                   "or narrow the search with --from, --to, --kind or --status")


@cli.command()
@click.argument("report")
@_index_option
@click.option("--full", is_flag=True, help="Print every paragraph too, not only headings and list items.")
@click.option("--json", "as_json", is_flag=True, help="Print the report's JSON.")
def show(report, index_dir, full, as_json):
    """Show one imported report.

    Its title, periods, header, sections and list items. REPORT is an id (or its first
    characters), a path in any spelling, or a file name.
    """
    from laoreport.archive import show_report

    found = show_report(report, index_dir)
    if as_json:
        _emit_json(found.to_dict())
        return
    if found.duplicate:
        click.echo(f"duplicate: {_path(found.duplicate)} has the same text as {_path(found.source.path)}; "
                   "showing that report")
    click.echo(found.title)
    click.echo(f"period: {_period_name(found.period)}   plan: {_period_name(found.plan_period)}")
    header = found.header
    office = " / ".join(name for name in (header.organization, header.unit) if name) or "-"
    click.echo(f"{office}   ເລກທີ {header.number or '-'}   {header.date or ''}".rstrip())
    for label, value in (("subject (ເລື່ອງ)", header.subject), ("to (ເຖິງ)", header.to)):
        if value:
            click.echo(f"{label}: {value}")
    click.echo(f"file: {_path(found.source.path)}   id: {found.id}")
    outcomes = {(tuple(task.section), task.text): task.outcome for task in found.tasks if task.outcome}
    _print_sections(found.sections, 0, full, outcomes)
    for warning in found.warnings:
        click.echo(f"warning: {warning}")


def _print_sections(sections, depth: int, full: bool, outcomes: dict, path: tuple = ()) -> None:
    """The section tree; a task's item ends with its thread's outcome: [done], [open], [dropped]."""
    indent = "  " * depth
    for section in sections:
        here = path + (section.label or section.title[:20],)
        if section.label:
            heading = f"{section.label}. {section.title}"
        else:  # the text before the first heading (ອີງຕາມ ...), or a heading without a number
            heading = section.title or "preamble"
        notes = [section.kind] if section.kind != "other" else []
        if section.paragraphs and not full:
            count = len(section.paragraphs)
            notes.append(f"{count} paragraph{'s' * (count != 1)}")
        click.echo(f"{indent}{heading}" + (f"  ({', '.join(notes)})" if notes else ""))
        if full:
            for paragraph in section.paragraphs:
                click.echo(f"{indent}    {paragraph}")
        for item in section.items:
            outcome = outcomes.get((here, item))
            click.echo(f"{indent}    · {item}" + (f"  [{outcome}]" if outcome else ""))
        _print_sections(section.children, depth + 1, full, outcomes, here)


LIST_COLUMNS = ["id", "period", "doc_type", "number", "date", "organization", "title", "source"]


@cli.command(name="list")
@_index_option
@_period_options
@_header_options
@click.option("--source", type=click.Path(), help="Only this file, or the files under this folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the reports as CSV (UTF-8, for spreadsheets).")
def list_(index_dir, date_from, date_to, doc_type, org, number, source, as_json, as_csv):
    """List the imported reports, oldest first.

    One line each: id, period, document type, number, date, file and title.
    """
    _one_format(as_json, as_csv)
    from laoreport.archive import list_reports

    found = list_reports(index_dir, date_from, date_to, doc_type=doc_type, org=org, number=number, source=source)
    if as_json:
        _emit_json(found)
        return
    if as_csv:
        _emit_csv([{**r, "source": _path(r["source"])} for r in found["reports"]], LIST_COLUMNS)
        return
    rows = [[r["id"], r["period"] or "-", r["doc_type"] or "-", r["number"] or "-", r["date"] or "-",
             _path(r["source"]), r["title"] or ""] for r in found["reports"]]
    for line in _columns(rows):
        click.echo(line)
    click.echo(f"{found['total']} report{'s' * (found['total'] != 1)}")


TASK_COLUMNS = ["period", "status", "section", "carried_over", "text", "source", "report", "thread", "outcome"]


@cli.command()
@click.argument("query", required=False)
@_index_option
@click.option("--period", metavar="PERIOD", help=f"Only this period ({PERIOD_HELP}): --from and --to at once.")
@_period_options
@click.option("--status", type=click.Choice(["done", "planned"]), help="Only tasks with this status.")
@_header_options
@click.option("--source", type=click.Path(), help="Only this file's tasks, or those of the files under this folder.")
@click.option("--outcome", type=click.Choice(["done", "open", "dropped"]),
              help="Only tasks whose thread ended so (see `laoreport threads --help`).")
@click.option("--json", "as_json", is_flag=True, help="Print the tasks as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the tasks as CSV (UTF-8, for spreadsheets).")
def tasks(query, index_dir, period, date_from, date_to, status, doc_type, org, number, source, outcome, as_json,
          as_csv):
    """List tasks done and planned, oldest first.

    QUERY, typed as for search, keeps only the tasks it finds.

    \b
    What did we plan in 2019 and never report on?
        laoreport tasks --period 2019 --status planned --outcome dropped
    """
    _one_format(as_json, as_csv)
    from laoreport.archive import list_tasks

    found = list_tasks(index_dir, period, status, query, date_from, date_to, source, outcome,
                       doc_type=doc_type, org=org, number=number)
    if as_json:
        _emit_json(found)
        return
    if as_csv:
        _emit_csv([{**t, "source": _path(t["source"])} for t in found["tasks"]], TASK_COLUMNS)
        return
    rows = [[t["period"] or "-", t["status"], "/".join(t["section"]), _path(t["source"]), t["text"]]
            for t in found["tasks"]]
    for line in _columns(rows):
        click.echo(line)
    click.echo(f"{found['total']} task{'s' * (found['total'] != 1)}")


@cli.command()
@click.argument("query", required=False)
@_index_option
@_period_options
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


def _one_format(as_json: bool, as_csv: bool) -> None:
    """--json and --csv are two formats of one answer: asking for both is a usage error."""
    if as_json and as_csv:
        raise click.UsageError("--json and --csv print the same results in two formats: choose one")


def _outcome(outcome: str) -> str:
    """A thread's outcome, in colour on a terminal (unless NO_COLOR)."""
    if _colour():
        colour = {"done": "32", "open": "33", "dropped": "31"}[outcome]
        return f"\x1b[1;{colour}m{outcome.upper()}\x1b[0m"
    return outcome.upper()


@cli.command()
@_index_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(index_dir, as_json):
    """Count what the index holds.

    Reports, sections and tasks; the periods covered; the document types and offices.
    """
    from laoreport.archive import stats as archive_stats

    figures = archive_stats(index_dir)
    if as_json:
        _emit_json(figures)
        return
    statuses = ", ".join(f"{n} {status}" for status, n in figures["tasks_by_status"].items())
    periods = figures["periods"]
    click.echo(f"index: {figures['index']}")
    click.echo(f"{figures['reports']} reports, {figures['sections']} sections, {figures['tasks']} tasks ({statuses})")
    click.echo(f"periods: {len(periods)}, from {periods[0]} to {periods[-1]}" if periods else "periods: none")
    click.echo("document types: " + ", ".join(f"{t} {n}" for t, n in figures["doc_types"].items()))
    # a name a header cell spread over two lines prints on one
    click.echo("offices: " + ", ".join(f"{' '.join(o.split())} {n}" for o, n in figures["offices"].items()))


@cli.command()
@_index_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; only this machine by default.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="Port; 0 takes a free one.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
def serve(index_dir, host, port, open_browser):
    """Serve the archive read-only as a web page (in Lao; English at ?lang=en) until Ctrl-C."""
    from laoreport.web.server import serve as run_server

    run_server(index_dir, host, port, open_browser, echo=lambda line: click.echo(line),
               warn=lambda line: click.echo(line, err=True))
