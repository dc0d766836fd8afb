"""The click group behind `thaw`: its subcommands, `--help`, `--version`, argument checks.

`tui.cli.main` (the script) opens the dashboard without importing this module when the command
line asks for nothing else; everything else comes here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from store.db.connect import StoreError, connect, default_db_path
from tui.cli import CannotOpen, dashboard, store_trouble

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

DB_OPTION = click.option(
    "--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Store file (default: $THAW_DB, else the user data directory).",
)


def _db(db: Path | None) -> Path:
    return db or default_db_path()


def _open(db: Path | None):
    """A store to read. A --db file that does not exist is a typo, not a new store: one
    sentence says so. Only the default store is built from the bundled seeds on first use."""
    try:
        if db is not None:
            if not db.exists():
                raise click.ClickException(
                    f"no store at {db}: check the name, or create it with `thaw ingest --db {db} PATH`")
            return connect(db, create=False)
        path = default_db_path()
        if not path.exists() or _is_empty(path):
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
        except (StoreError, CannotOpen) as exc:
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
        followed = followed_feeds(_db(db or _root_db(ctx)))
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
        removed = remove_feed(_db(db or _root_db(ctx)), url)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    shown = safe(url.strip(), one_line=True)
    if not removed:
        raise click.ClickException(f"not following {shown}")
    click.echo(f"no longer following {shown}")


def _root_db(ctx: click.Context) -> Path | None:
    """`thaw --db FILE feeds …`: the option given before the group."""
    root = ctx.find_root()
    return root.obj.get("db") if root.obj else None


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="JSON: write this file. CSV: write one file per table into this folder.")
@click.pass_context
def export(ctx: click.Context, db: Path | None, fmt: str, out: Path | None) -> None:
    """Everything in the store: documents, actors, events, sanctions, corrections."""
    from store.read.export import export_data, to_csv, to_json, write_csv_tables

    conn = _open(db or ctx.obj.get("db"))
    try:
        data = export_data(conn)
    finally:
        conn.close()
    if fmt == "csv" and out is not None:
        if out.exists() and not out.is_dir():
            raise click.ClickException(f"{out} is a file: --format csv --out takes a folder")
        written = write_csv_tables(data, out)
        click.echo(f"{len(written)} CSV files written to {out}: {', '.join(p.name for p in written)}")
        return
    text = to_json(data) if fmt == "json" else to_csv(data)
    if out:
        if out.is_dir():
            raise click.ClickException(f"{out} is a folder: --out takes a file for JSON")
        out.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


@main.command()
@click.argument("query")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.pass_context
def search(ctx: click.Context, query: str, db: Path | None, as_json: bool, limit: int) -> None:
    """Actors matching QUERY in any spelling or script, best first."""
    from store.read.export import search_results

    conn = _open(db or ctx.obj.get("db"))
    try:
        hits = search_results(conn, query, limit)
    finally:
        conn.close()
    if as_json:
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
    else:
        from tui.report import emit, stdout_console

        emit(stdout_console(), ["score", "name", "kind", "aliases"],
             ((f"{h['score']:.0f}", h["name"], h["kind"], ", ".join(h["aliases"][:4])) for h in hits),
             title=None)
    _nothing_found(not hits, "no matching actors")


def _nothing_found(empty: bool, message: str) -> None:
    """Scripts can test for it: exit status 1 when nothing matched, with a line on stderr."""
    if empty:
        click.echo(message, err=True)
        sys.exit(1)


JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
SINCE_OPTION = click.option("--since", metavar="DATE", help="From this date on: 2025, 2025-09, 2025-09-11.")
UNTIL_OPTION = click.option("--until", metavar="DATE", help="Up to this date, inclusive.")
ACTOR_OPTION = click.option("--actor", metavar="NAME", help="An actor, in any spelling or script.")


def _date_option(value: str | None, name: str) -> str | None:
    from store.read.queries import iso_prefix

    if value is None:
        return None
    found = iso_prefix(value)
    if found is None:
        raise click.BadParameter(f"{value!r} is not a date: write 2025, 2025-09 or 2025-09-11",
                                 param_hint=name)
    return found


def _actor_id(conn, name: str | None) -> int | None:  # type: ignore[no-untyped-def]
    """The one actor NAME means; a name matching nobody, or several equally, is an error."""
    if name is None:
        return None
    from store.read.queries import Queries

    hits = Queries(conn).search_actors(name, limit=5)
    if not hits:
        raise click.BadParameter(f"no actor matches {name!r} (`thaw search` lists spellings)",
                                 param_hint="--actor")
    tied = [h for h in hits if h.score >= hits[0].score and h.actor_id != hits[0].actor_id]
    if tied:
        names = ", ".join(dict.fromkeys(h.name for h in [hits[0], *tied]))
        raise click.BadParameter(f"{name!r} could be {names}: be more precise", param_hint="--actor")
    return hits[0].actor_id


def _print(conn, as_json: bool, rows: list[dict[str, object]], key: str,  # type: ignore[no-untyped-def]
           table: Callable[[], None]) -> None:
    if as_json:
        click.echo(json.dumps({key: rows}, ensure_ascii=False, indent=2))
    elif rows:
        table()


@main.command()
@DB_OPTION
@JSON_OPTION
@SINCE_OPTION
@UNTIL_OPTION
@click.option("--type", "etype", metavar="TYPE", help="One event type: release, visit, …")
@ACTOR_OPTION
@click.pass_context
def timeline(ctx: click.Context, db: Path | None, as_json: bool, since: str | None,
             until: str | None, etype: str | None, actor: str | None) -> None:
    """Events in date order (a table; tab-separated when piped). Exit status 1: none matched."""
    from store.read.queries import Filters, Queries
    from tui import report

    conn = _open(db or ctx.obj.get("db"))
    try:
        q = Queries(conn)
        if etype is not None and etype not in q.event_types():
            raise click.BadParameter(f"{etype!r} is not an event type here: {', '.join(q.event_types())}",
                                     param_hint="--type")
        filters = Filters(type=etype, actor_id=_actor_id(conn, actor),
                          since=_date_option(since, "--since"), until=_date_option(until, "--until"))
        rows = report.timeline_records(q, filters)
        _print(conn, as_json, rows, "events", lambda: report.print_timeline(rows, report.stdout_console()))
    finally:
        conn.close()
    _nothing_found(not rows, "no events match")


@main.command()
@DB_OPTION
@JSON_OPTION
@click.option("--type", "kind", metavar="KIND", help="One kind: person, country, organisation, …")
@ACTOR_OPTION
@click.pass_context
def actors(ctx: click.Context, db: Path | None, as_json: bool, kind: str | None,
           actor: str | None) -> None:
    """Actors, most events first (or those NAME matches). Exit status 1: none matched."""
    from store.read.queries import Queries
    from tui import report

    conn = _open(db or ctx.obj.get("db"))
    try:
        rows = report.actor_records(Queries(conn), actor, kind)
        _print(conn, as_json, rows, "actors", lambda: report.print_actors(rows, report.stdout_console()))
    finally:
        conn.close()
    _nothing_found(not rows, "no actors match")


@main.command()
@DB_OPTION
@JSON_OPTION
@SINCE_OPTION
@UNTIL_OPTION
@ACTOR_OPTION
@click.pass_context
def sanctions(ctx: click.Context, db: Path | None, as_json: bool, since: str | None,
              until: str | None, actor: str | None) -> None:
    """The sanctions board: each target's status under each authority. --since/--until keep
    the cells whose status was set in that span. Exit status 1: none matched."""
    from store.read.queries import Queries
    from tui import report

    conn = _open(db or ctx.obj.get("db"))
    try:
        board = Queries(conn).sanctions_board()
        rows = report.sanction_records(board, _actor_id(conn, actor), _date_option(since, "--since"),
                                       _date_option(until, "--until"))
        if as_json:
            click.echo(json.dumps({"authorities": board.authorities, "targets": rows},
                                  ensure_ascii=False, indent=2))
        elif rows:
            report.print_sanctions(board, rows, report.stdout_console())
    finally:
        conn.close()
    _nothing_found(not rows, "no sanctions match")


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
