"""`thaw reextract` and `thaw corrections …`: the corrections log from the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click

from store.correct import CorrectionError, Corrections
from store.db.connect import StoreError, connect
from tui.cli_commands import DB_OPTION, _existing_db, main
from tui.safe import safe


def _existing(ctx: click.Context, db: Path | None) -> Path:
    try:
        path = _existing_db(db or ctx.find_root().obj.get("db"))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    if not path.exists():
        raise click.ClickException(f"no store at {path} yet: `thaw` builds it on first use")
    return path


def _writer(ctx: click.Context, db: Path | None) -> sqlite3.Connection:
    return connect(_existing(ctx, db), write=True)


@main.command()
@DB_OPTION
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for extraction.")
@click.pass_context
def reextract(ctx: click.Context, db: Path | None, jobs: int) -> None:
    """Extract every stored document again with today's rules, then re-apply the corrections.

    One transaction: interrupted, the store stays as it was.
    """
    from store.ingest.reextract import reextract as run

    report = run(_existing(ctx, db), jobs=jobs)
    click.echo(f"{report.documents} documents extracted again: {report.added} events added, "
               f"{report.removed} removed, {report.changed} changed; "
               f"{len(report.cells_changed)} board cells changed.")
    for cell in report.cells_changed:
        click.echo(f"  {safe(cell, one_line=True)}")
    click.echo(f"{report.reapplied} corrections re-applied, {report.orphaned} orphaned"
               " (their target is gone: `thaw corrections list --orphaned`).")
    for error in report.errors:
        click.echo(f"error: {safe(error, one_line=True)}", err=True)


@main.group()
def corrections() -> None:
    """The analyst's corrections: list, undo, redo, share."""


@corrections.command("list")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--orphaned", is_flag=True, help="Only those whose target is gone.")
@click.option("--grep", "text", default=None, help="Only those mentioning TEXT.")
@click.pass_context
def list_(ctx: click.Context, db: Path | None, as_json: bool, orphaned: bool, text: str | None) -> None:
    """Every correction, newest first."""
    conn = connect(_existing(ctx, db))
    try:
        log = Corrections(conn).log(text=text, state="orphaned" if orphaned else None)
    finally:
        conn.close()
    if as_json:
        from store.correct.share import FORMAT
        click.echo(json.dumps({"thaw_corrections": FORMAT, "corrections": [
            {"id": c.id, "uid": c.uid, "kind": c.kind.value, "target_key": c.target_key,
             "field": c.field, "old": c.old, "new": c.new, "note": c.note, "author": c.author,
             "created_at": c.created_at, "state": c.state, "reason": c.reason} for c in log]},
            ensure_ascii=False, indent=2))
        return
    if not log:
        click.echo("no corrections")
        return
    for c in log:
        why = f" — {c.note}" if c.note else ""
        gone = f" ({c.reason})" if c.reason else ""
        click.echo(safe(f"{c.id:>4}  {c.created_at}  {c.author or '?'}  {c.state:<8}  "
                        f"{c.describe()}{why}{gone}", one_line=True))


def _change(ctx: click.Context, db: Path | None, correction_id: int, undo: bool) -> None:
    conn = _writer(ctx, db)
    try:
        log = Corrections(conn)
        c = log.undo(correction_id) if undo else log.redo(correction_id)
    except CorrectionError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        conn.close()
    click.echo(safe(f"{'undone' if undo else 'redone'}: {c.describe()} ({c.state})", one_line=True))


@corrections.command()
@click.argument("correction_id", type=int)
@DB_OPTION
@click.pass_context
def undo(ctx: click.Context, correction_id: int, db: Path | None) -> None:
    """Take back correction ID (any one, not only the last)."""
    _change(ctx, db, correction_id, undo=True)


@corrections.command()
@click.argument("correction_id", type=int)
@DB_OPTION
@click.pass_context
def redo(ctx: click.Context, correction_id: int, db: Path | None) -> None:
    """Apply an undone correction ID again."""
    _change(ctx, db, correction_id, undo=False)


@corrections.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@DB_OPTION
@click.pass_context
def export_(ctx: click.Context, file: Path, db: Path | None) -> None:
    """Write every correction to FILE (JSON) for another store."""
    from store.correct.share import export_log

    conn = connect(_existing(ctx, db))
    try:
        data = export_log(conn)
    finally:
        conn.close()
    file.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    click.echo(f"{len(data['corrections'])} corrections written to {file}")


@corrections.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DB_OPTION
@click.pass_context
def import_(ctx: click.Context, file: Path, db: Path | None) -> None:
    """Add the corrections in FILE that this store lacks, and apply them."""
    from store.correct.share import import_log, parse

    try:
        items = parse(file.read_text(encoding="utf-8", errors="replace"))
    except CorrectionError as exc:
        raise click.ClickException(f"{file}: {exc}") from exc
    conn = _writer(ctx, db)
    try:
        added, known, orphaned = import_log(conn, items)
    finally:
        conn.close()
    click.echo(f"{added} corrections added ({orphaned} orphaned: not in this store), "
               f"{known} already here")
