"""`thaw timeline|actors|sanctions`: the dashboard's content as rich tables on a terminal, and
as tab-separated lines when piped (scripts get one record per line, nothing to strip)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from store.read.queries import Filters, Queries, date_label, status_word
from tui.safe import safe

PAGE = 1000


def _emit(console: Console, headers: Sequence[str], rows: Iterable[Sequence[object]],
          title: str | None = None) -> None:
    if not console.is_terminal:
        # Tabs and newlines inside values would break the record structure.
        console.print("\t".join(headers), markup=False, highlight=False, soft_wrap=True)
        for row in rows:
            console.print("\t".join(safe(v, one_line=True).replace("\t", " ") for v in row),
                          markup=False, highlight=False, soft_wrap=True)
        return
    table = Table(*headers, box=box.SIMPLE_HEAD, title=title, title_justify="left")
    for row in rows:
        table.add_row(*(Text(safe(v, one_line=True)) for v in row))
    console.print(table)


def _timeline_rows(q: Queries, filters: Filters) -> Iterable[tuple[object, ...]]:
    offset = 0
    while page := q.timeline_page(offset, PAGE, filters):
        for r in page:
            yield (r.id, date_label(r.date, r.approximate), r.type, r.summary, r.actors,
                   r.n_sources, "conflict" if r.has_conflict else "")
        offset += len(page)


def print_timeline(conn: sqlite3.Connection, console: Console,
                   filters: Filters | None = None) -> None:
    q = Queries(conn)
    _emit(console, ["id", "date", "type", "summary", "actors", "sources", "conflict"],
          _timeline_rows(q, filters or Filters()), title="Timeline")


def print_actors(conn: sqlite3.Connection, console: Console, query: str | None = None) -> None:
    q = Queries(conn)
    if query:
        ids = list(dict.fromkeys(h.actor_id for h in q.search_actors(query, limit=50)))
        rows = q.actors_list(ids)
    else:
        rows = q.top_actors(limit=1_000_000)
    _emit(console, ["id", "name", "kind", "role", "events"],
          ((r.id, r.name, r.kind, r.role or "", r.n_events) for r in rows), title="Actors")


def print_sanctions(conn: sqlite3.Connection, console: Console) -> None:
    board = Queries(conn).sanctions_board()
    rows = []
    for target_id, name, _kind in board.targets:
        cells = []
        for auth in board.authorities:
            cell = board.cells.get((target_id, auth))
            cells.append(f"{status_word(cell.status)} {cell.since or ''}".strip() if cell
                         else "")
        rows.append((name, *cells))
    _emit(console, ["target", *board.authorities], rows, title="Sanctions")
    if console.is_terminal:
        for auth in board.authorities:
            console.print(Text.assemble((safe(auth, one_line=True), "bold"), "  ",
                                        safe(board.summaries.get(auth, ""))))
