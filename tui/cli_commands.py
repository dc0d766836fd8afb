"""The click group behind `thaw`: its subcommands, `--help`, `--version`, argument checks.

`tui.cli.main` (the script) opens the dashboard without importing this module when the command
line asks for nothing else; everything else comes here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from store.db.connect import StoreError, connect, default_db_path
from tui.cli import dashboard, store_trouble

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
    """An existing store, built from the bundled seeds on first use."""
    path = _db(db)
    try:
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
        except StoreError as exc:
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
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of standard output.")
@click.pass_context
def export(ctx: click.Context, db: Path | None, fmt: str, out: Path | None) -> None:
    """Everything in the store: documents, actors, events, sanctions."""
    from store.read.export import export_data, to_csv, to_json

    conn = _open(db or ctx.obj.get("db"))
    try:
        data = export_data(conn)
    finally:
        conn.close()
    text = to_json(data) if fmt == "json" else to_csv(data)
    if out:
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
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from tui.safe import safe

    table = Table("score", "name", "kind", "aliases", box=None)
    for h in hits:
        # Text(), not str: a name like "[/foo]" is a name, not markup.
        table.add_row(f"{h['score']:.0f}", Text(safe(h["name"], one_line=True)), Text(h["kind"]),
                      Text(safe(", ".join(h["aliases"][:4]), one_line=True)))
    Console(highlight=False).print(table) if hits else click.echo("no matching actors")


def _report(name: str):
    @DB_OPTION
    @click.pass_context
    def command(ctx: click.Context, db: Path | None) -> None:
        from rich.console import Console

        from tui import report

        conn = _open(db or ctx.obj.get("db"))
        try:
            getattr(report, f"print_{name}")(conn, Console(highlight=False))
        finally:
            conn.close()

    command.__name__ = name
    command.__doc__ = f"Print the {name} as a table (plain text when piped)."
    return main.command(name=name)(command)


for _name in ("timeline", "actors", "sanctions"):
    _report(_name)


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
