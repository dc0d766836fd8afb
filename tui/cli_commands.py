"""The click group behind `thaw`: its subcommands, `--help`, `--version`, argument checks.

`tui.cli.main` (the script) opens the dashboard without importing this module when the command
line asks for nothing else; everything else comes here.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from store.db.connect import StoreError, connect, default_db_path
from tui.cli import NoTerminal, dashboard, require_existing_store, store_trouble

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    from rich.console import Console
    from rich.progress import Progress

    from store.read.queries import Filters, Queries

    Record = dict[str, Any]

DB_OPTION = click.option(
    "--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Store file (default: $THAW_DB, else the user data directory).",
)


def _db(db: Path | None) -> Path:
    return db or default_db_path()


def _open(db: Path | None):
    """The store `--db` names, which must exist; the default store is built from the bundled
    seeds on first use."""
    path = _db(db)
    try:
        if db is not None:
            require_existing_store(db)
        elif not path.exists() or _is_empty(path):
            from store.ingest.run import bundled_seeds_dir, ingest_paths

            click.echo(f"Building the store {path} from the bundled seeds…", err=True)
            ingest_paths(path, [bundled_seeds_dir()])
        return connect(path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def _is_empty(path: Path) -> bool:
    from store.read.queries import Queries

    conn = connect(path)
    try:
        return Queries(conn).is_empty()
    finally:
        conn.close()


class ThawGroup(click.Group):
    """Store trouble becomes one plain line, never a traceback, whichever command hit it."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        import sqlite3

        try:
            return super().invoke(ctx)
        except (StoreError, sqlite3.DatabaseError) as exc:
            raise click.ClickException(store_trouble(exc)) from exc


@click.group(cls=ThawGroup, invoke_without_command=True)
@DB_OPTION
@click.version_option(package_name="thaw-monitor")
@click.pass_context
def main(ctx: click.Context, db: Path | None) -> None:
    """Follow the US–Belarus thaw: events, actors and sanctions extracted from articles.

    With no command, opens the dashboard.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        try:
            dashboard(db)
        except (StoreError, NoTerminal) as exc:
            raise click.ClickException(str(exc)) from exc


def ingest_bar(console: Console) -> Progress:
    """`thaw ingest`'s progress bar; the file name column is plain text, never markup."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.description}", markup=False), console=console,
                    transient=True)


def file_label(name: str) -> str:
    """A file's name for the progress bar: one line, control characters made visible."""
    from store.ingest.fetch import is_url
    from tui.safe import safe

    return safe(name if is_url(name) else Path(name).name, one_line=True)


def _inputs(given: tuple[str, ...]) -> list[str | Path]:
    """URLs stay text (a Path would fold their '//'); everything else is a path."""
    from store.ingest.fetch import is_url

    return [g if is_url(g) else Path(g) for g in given]


JOBS_OPTION = click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
                           help="Extract on this many processes (one writer).")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@JOBS_OPTION
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], db: Path | None, jobs: int) -> None:
    """Read articles into the store: .md/.txt files, saved web pages (.html), RSS/Atom feeds,
    folders of them, and http(s) URLs of pages or feeds."""
    from store.ingest.run import ingest_paths

    _run_ingest(lambda path, **kw: ingest_paths(path, _inputs(paths), **kw),
                _db(db or ctx.obj.get("db")), jobs)


def _run_ingest(run, path: Path, jobs: int) -> None:  # type: ignore[no-untyped-def]
    """`run(path, progress=…, jobs=…)` with the progress bar on a terminal, then the report."""
    from rich.console import Console

    err = Console(stderr=True, highlight=False)
    try:
        if sys.stderr.isatty():
            with ingest_bar(err) as bar:
                task = bar.add_task("", total=None)

                def progress(done: int, total: int, name: str) -> None:
                    bar.update(task, completed=done, total=total or None,
                               description=file_label(name))

                report = run(path, progress=progress, jobs=jobs)
        else:
            report = run(path, jobs=jobs)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    _print_report(report)


def _print_report(report) -> None:  # type: ignore[no-untyped-def]
    from tui.safe import safe

    # File names and error text are anybody's bytes: shown literally, controls made visible.
    for f in report.files:
        for w in f.warnings:
            click.echo(f"warning: {safe(f.path, one_line=True)}: {safe(w, one_line=True)}", err=True)
        if f.status == "error":
            click.echo(f"error: {safe(f.message, one_line=True)}", err=True)
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


_NO_FEEDS = "no feeds followed: `thaw feeds add URL` adds one"


@main.command()
@DB_OPTION
@JOBS_OPTION
@click.pass_context
def update(ctx: click.Context, db: Path | None, jobs: int) -> None:
    """Fetch every followed feed (`thaw feeds add`) and ingest what is new."""
    from store.ingest.follow import followed_feeds, update_feeds

    path = _db(db or ctx.obj.get("db"))
    try:
        if not followed_feeds(path):
            click.echo(_NO_FEEDS)
            return
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    _run_ingest(update_feeds, path, jobs)


@main.group()
def feeds() -> None:
    """The feeds `thaw update` fetches: add, list, remove."""


@feeds.command("add")
@click.argument("url")
@DB_OPTION
@click.pass_context
def feeds_add(ctx: click.Context, url: str, db: Path | None) -> None:
    """Follow the RSS or Atom feed at URL."""
    from store.ingest.follow import FeedUrlError, add_feed
    from tui.safe import safe

    try:
        added = add_feed(_db(db or _root_db(ctx)), url)
    except (FeedUrlError, StoreError) as exc:
        raise click.ClickException(safe(str(exc), one_line=True)) from exc
    shown = safe(url.strip(), one_line=True)
    click.echo(f"following {shown}" if added else f"already following {shown}")


@feeds.command("list")
@DB_OPTION
@click.pass_context
def feeds_list(ctx: click.Context, db: Path | None) -> None:
    """The followed feeds, when each was last checked and what went wrong."""
    from store.ingest.follow import followed_feeds
    from store.read.queries import updated_label
    from tui.safe import safe

    try:
        followed = followed_feeds(_existing_db(db or _root_db(ctx)))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    if not followed:
        click.echo(_NO_FEEDS)
    for f in followed:
        title = f" ({safe(f.title, one_line=True)})" if f.title else ""
        checked = f"checked {updated_label(f.checked_at)}" if f.checked_at else "not checked yet"
        line = f"{safe(f.url, one_line=True)}{title} · {checked}"
        click.echo(line + (f" · error: {safe(f.error, one_line=True)}" if f.error else ""))


@feeds.command("remove")
@click.argument("url")
@DB_OPTION
@click.pass_context
def feeds_remove(ctx: click.Context, url: str, db: Path | None) -> None:
    """Stop following URL (its documents stay in the store)."""
    from store.ingest.follow import remove_feed
    from tui.safe import safe

    try:
        removed = remove_feed(_existing_db(db or _root_db(ctx)), url)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    shown = safe(url.strip(), one_line=True)
    if not removed:
        raise click.ClickException(f"not following {shown}")
    click.echo(f"no longer following {shown}")


def _existing_db(db: Path | None) -> Path:
    """The store a command reads or changes: one `--db` names must exist (a typo is not a new
    store); without one, the default path. Raises StoreError."""
    if db is not None:
        require_existing_store(db)
    return _db(db)


def _root_db(ctx: click.Context) -> Path | None:
    """`thaw --db FILE feeds …`: the option given before the group."""
    root = ctx.find_root()
    return root.obj.get("db") if root.obj else None


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="json: write this file instead of standard output; "
                   "csv (required): write one TABLE.csv per table into this folder.")
@click.pass_context
def export(ctx: click.Context, db: Path | None, fmt: str, out: Path | None) -> None:
    """Everything in the store: documents, actors, events, sanctions."""
    from store.read.export import export_data, to_json, write_csv

    if fmt == "csv" and (out is None or out.is_file()):
        raise click.BadParameter("CSV is one file per table: give a folder to write them to",
                                 param_hint="'--out'")
    if fmt == "json" and out is not None and out.is_dir():
        raise click.BadParameter(f"{out} is a folder; JSON is one file", param_hint="'--out'")
    conn = _open(db or ctx.obj.get("db"))
    try:
        data = export_data(conn)
    finally:
        conn.close()
    if fmt == "csv":
        assert out is not None
        for path in write_csv(data, out):
            click.echo(path)
    elif out:
        out.write_text(to_json(data) + "\n", encoding="utf-8")
    else:
        click.echo(to_json(data))


JSON_OPTION = click.option("--json", "as_json", is_flag=True,
                           help="One JSON document on standard output (shapes in the README).")


def _date_option(name: str, help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        from store.read.filters import date_bound

        return None if value is None else _checked(None, date_bound, value)

    return click.option(name, metavar="DATE", callback=check, help=help)


SINCE_OPTION = _date_option("--since", "Only from DATE on: 2025, 2025-09 or 2025-09-11.")
UNTIL_OPTION = _date_option("--until", "Only up to DATE, inclusive (2025-09 is all September).")
TYPE_OPTION = click.option("--type", "etype", metavar="TYPE",
                           help="Only events of TYPE: release, meeting, sanctions lifted, …")
ACTOR_OPTION = click.option("--actor", metavar="NAME",
                            help="Only events of the actor NAME, in any spelling or script.")


def _checked(option: str | None, read: Callable[..., Any], *args: Any) -> Any:
    """`read(*args)`, its FilterError a usage error (exit status 2) naming `option` (in a
    callback, click names it)."""
    from store.read.filters import FilterError
    from tui.safe import safe

    try:
        return read(*args)
    except FilterError as exc:
        raise click.BadParameter(safe(str(exc), one_line=True),
                                 param_hint=f"'{option}'" if option else None) from exc


def _filters(q: Queries, since: str | None, until: str | None, etype: str | None = None,
             actor: str | None = None) -> Filters:
    """The Filters the options name; a name that fits no actor, or several, is a usage error."""
    from store.read.filters import actor_named, date_range, event_type
    from store.read.queries import Filters

    since, until = _checked("--since/--until", date_range, since, until)
    return Filters(type=_checked("--type", event_type, q, etype) if etype is not None else None,
                   actor_id=_checked("--actor", actor_named, q, actor).actor_id
                   if actor is not None else None,
                   since=since, until=until)


def _listing(ctx: click.Context, db: Path | None, as_json: bool,
             records_of: Callable[[Queries, Filters], Iterable[Record]],
             show: Callable[[Console, Iterable[Record]], None], noun: str,
             **options: str | None) -> None:
    """Open the store, read the records the options filter, print them; status 1 when none."""
    from store.read.queries import Queries

    conn = _open(db or ctx.obj.get("db"))
    try:
        q = Queries(conn)
        _print_records(records_of(q, _filters(q, **options)), as_json, show, noun)
    finally:
        conn.close()


def _print_records(records: Iterable[Record], as_json: bool,
                   show: Callable[[Console, Iterable[Record]], None], noun: str) -> None:
    """`--json`, or `show` (a table, tab-separated when piped), printed as they are read;
    exit status 1 when there are none."""
    from rich.console import Console

    found = iter(records)
    first = next(found, None)
    some = first is not None
    stream = itertools.chain([first], found) if some else iter(())
    if as_json:
        _print_json(stream)
    else:
        console = Console(highlight=False)
        show(console, stream)
        if not some and console.is_terminal:
            click.echo(f"No {noun} match.", err=True)
    if not some:
        sys.exit(1)


def _print_json(records: Iterable[Record]) -> None:
    """One JSON document, a list with a record per line, written as the records are read."""
    opening = "["
    for r in records:
        click.echo(f"{opening}\n{json.dumps(r, ensure_ascii=False)}", nl=False)
        opening = ","
    click.echo("[]" if opening == "[" else "\n]")


@main.command()
@DB_OPTION
@JSON_OPTION
@SINCE_OPTION
@UNTIL_OPTION
@TYPE_OPTION
@ACTOR_OPTION
@click.pass_context
def timeline(ctx: click.Context, db: Path | None, as_json: bool, since: str | None,
             until: str | None, etype: str | None, actor: str | None) -> None:
    """The events, oldest first: a table, tab-separated lines when piped, or --json.

    Exit status 1 when no event matches."""
    from store.read.export import timeline_records
    from tui import report

    _listing(ctx, db, as_json, timeline_records,
             lambda c, r: report.print_records(c, report.TIMELINE, r, "Timeline"), "events",
             since=since, until=until, etype=etype, actor=actor)


@main.command()
@DB_OPTION
@JSON_OPTION
@SINCE_OPTION
@UNTIL_OPTION
@TYPE_OPTION
@ACTOR_OPTION
@click.pass_context
def actors(ctx: click.Context, db: Path | None, as_json: bool, since: str | None,
           until: str | None, etype: str | None, actor: str | None) -> None:
    """The actors, most events first; with filters, the actors of the events they keep
    (--actor NAME: NAME and who shares events with them). Exit status 1 when none."""
    from store.read.export import actor_records
    from tui import report

    _listing(ctx, db, as_json, actor_records,
             lambda c, r: report.print_records(c, report.ACTORS, r, "Actors"), "actors",
             since=since, until=until, etype=etype, actor=actor)


@main.command()
@DB_OPTION
@JSON_OPTION
@SINCE_OPTION
@UNTIL_OPTION
@click.option("--actor", metavar="NAME",
              help="Only the sanctions on the target NAME, in any spelling or script.")
@click.pass_context
def sanctions(ctx: click.Context, db: Path | None, as_json: bool, since: str | None,
              until: str | None, actor: str | None) -> None:
    """The sanctions board: each target's status per authority and since when.

    --since/--until bound the date of the change that set the status. Exit status 1 when
    nothing matches."""
    from store.read.export import sanction_records
    from tui.report import print_sanctions

    _listing(ctx, db, as_json, sanction_records, print_sanctions, "sanctions",
             since=since, until=until, actor=actor)


@main.command()
@click.argument("query")
@DB_OPTION
@JSON_OPTION
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.pass_context
def search(ctx: click.Context, query: str, db: Path | None, as_json: bool, limit: int) -> None:
    """Actors matching QUERY in any spelling or script, best first.

    Exit status 1 when none does."""
    from store.read.export import search_results
    from tui import report

    conn = _open(db or ctx.obj.get("db"))
    try:
        hits = search_results(conn, query, limit)
    finally:
        conn.close()
    _print_records(hits, as_json, lambda c, r: report.print_records(c, report.SEARCH, r),
                   "actors")


@main.command()
@DB_OPTION
@click.pass_context
def doctor(ctx: click.Context, db: Path | None) -> None:
    """Check a store: integrity, schema version, search indexes, orphaned rows.

    Changes nothing. Exit status 0 when healthy, 1 when something is wrong.
    """
    from store.db.doctor import diagnose

    result = diagnose(_db(db or ctx.obj.get("db")))
    for line in result.lines():
        click.echo(line)
    sys.exit(0 if result.healthy else 1)


# The corrections commands register themselves on `main`.
import tui.cli_corrections  # noqa: E402, F401
