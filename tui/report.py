"""`thaw timeline|actors|sanctions|search`: records (the --json shape), shown as rich tables on a
terminal and as tab-separated lines when piped (scripts get one record per line, nothing to strip)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from store.read.queries import Filters, Queries, date_label, status_word, until_bound
from store.read.records import SanctionsBoard
from tui.safe import safe

PAGE = 1000
Record = dict[str, Any]


def stdout_console() -> Console:
    return Console(highlight=False)


def emit(console: Console, headers: Sequence[str], rows: Iterable[Sequence[object]],
         title: str | None = None) -> None:
    if not console.is_terminal:
        # Written past rich, which would expand the tabs to spaces. Tabs and newlines inside
        # values would break the record structure.
        console.file.write("\t".join(headers) + "\n")
        for row in rows:
            console.file.write("\t".join(safe(v, one_line=True).replace("\t", " ") for v in row) + "\n")
        return
    table = Table(*headers, box=box.SIMPLE_HEAD, title=title, title_justify="left")
    for row in rows:
        table.add_row(*(Text(safe(v, one_line=True)) for v in row))
    console.print(table)


# -- timeline -------------------------------------------------------------------------------------

def timeline_records(q: Queries, filters: Filters) -> list[Record]:
    """Every event the filters let through, in date order."""
    out: list[Record] = []
    offset = 0
    while page := q.timeline_page(offset, PAGE, filters):
        out += [{"id": r.id, "date": r.date, "precision": r.precision,
                 "approximate": r.approximate, "type": r.type, "summary": r.summary,
                 "actors": r.actors, "sources": r.n_sources, "conflict": r.has_conflict}
                for r in page]
        offset += len(page)
    return out


def print_timeline(rows: list[Record], console: Console) -> None:
    emit(console, ["id", "date", "type", "summary", "actors", "sources", "conflict"],
         ((r["id"], date_label(r["date"], r["approximate"]), r["type"], r["summary"], r["actors"],
           r["sources"], "conflict" if r["conflict"] else "") for r in rows), title="Timeline")


# -- actors ---------------------------------------------------------------------------------------

def actor_records(q: Queries, name: str | None, kind: str | None) -> list[Record]:
    """The actors a name matches in any spelling (best first), else all by number of events."""
    if name:
        ids = list(dict.fromkeys(h.actor_id for h in q.search_actors(name, limit=50)))
        rows = q.actors_list(ids)
    else:
        rows = q.top_actors(limit=1_000_000)
    return [{"id": r.id, "name": r.name, "kind": r.kind, "role": r.role, "events": r.n_events}
            for r in rows if kind is None or r.kind == kind]


def print_actors(rows: list[Record], console: Console) -> None:
    emit(console, ["id", "name", "kind", "role", "events"],
         ((r["id"], r["name"], r["kind"], r["role"] or "", r["events"]) for r in rows), title="Actors")


# -- sanctions ------------------------------------------------------------------------------------

def sanction_records(board: SanctionsBoard, target: int | None, since: str | None,
                     until: str | None) -> list[Record]:
    """Targets with their cells by authority; a date span keeps the cells set within it."""
    def kept(cell_since: str | None) -> bool:
        if since is None and until is None:
            return True
        if cell_since is None:
            return False
        return (since is None or cell_since >= since) and \
            (until is None or cell_since <= until_bound(until))

    out: list[Record] = []
    for target_id, name, kind in board.targets:
        if target is not None and target_id != target:
            continue
        cells = {auth: {"status": cell.status, "since": cell.since}
                 for auth in board.authorities
                 if (cell := board.cells.get((target_id, auth))) is not None and kept(cell.since)}
        if cells:
            out.append({"id": target_id, "name": name, "kind": kind, "cells": cells})
    return out


def print_sanctions(board: SanctionsBoard, rows: list[Record], console: Console) -> None:
    def cell(c: Record | None) -> str:
        return f"{status_word(c['status'])} {c['since'] or ''}".strip() if c else ""

    emit(console, ["target", *board.authorities],
         ((r["name"], *(cell(r["cells"].get(a)) for a in board.authorities)) for r in rows),
         title="Sanctions")
    if console.is_terminal:
        for auth in board.authorities:
            console.print(Text.assemble((safe(auth, one_line=True), "bold"), "  ",
                                        safe(board.summaries.get(auth, ""))))
