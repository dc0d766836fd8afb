"""`thaw timeline|actors|sanctions|search`: their records (store/read/export.py) as rich tables
on a terminal, and as tab-separated lines when piped: a header line, then one record per line,
nothing to strip."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from store.read.queries import STATUS_ORDER, date_label, status_word, type_name
from tui.safe import safe

Record = dict[str, Any]


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Record], object]


def _field(name: str) -> Column:
    return Column(name, lambda r: "" if r[name] is None else r[name])


def _names(items: list[Any]) -> str:
    """Names in one cell, each once: `Alyaksandr Lukashenka, Keith Kellogg`."""
    return ", ".join(dict.fromkeys(i["name"] if isinstance(i, dict) else i for i in items))


TIMELINE = (
    _field("id"),
    Column("date", lambda r: date_label(r["date"], r["approximate"])),
    Column("type", lambda r: type_name(r["type"])),
    _field("summary"),
    Column("actors", lambda r: _names(r["actors"])),
    _field("sources"),
    Column("conflict", lambda r: "conflict" if r["conflict"] else ""),
)
ACTORS = (_field("id"), _field("name"), _field("kind"), _field("role"), _field("events"))
SEARCH = (_field("id"), _field("name"), _field("kind"), Column("score", lambda r: f"{r['score']:.0f}"),
          Column("aliases", lambda r: _names(r["aliases"])))


def print_records(console: Console, columns: Sequence[Column], records: Iterable[Record],
                  title: str | None = None) -> None:
    """A table on a terminal (none when there are no records); tab-separated lines elsewhere,
    each written as its record is read."""
    rows = ([c.text(r) for c in columns] for r in records)
    headers = [c.header for c in columns]
    if not console.is_terminal:
        for line in itertools.chain([headers], rows):
            # Written as they are: rich would expand the tabs into spaces. Tabs and newlines
            # inside values would break the record structure.
            console.file.write("\t".join(safe(v, one_line=True).replace("\t", " ")
                                         for v in line) + "\n")
        return
    table = Table(*headers, box=box.SIMPLE_HEAD, title=title, title_justify="left")
    for row in rows:
        # Text(), not str: a name like "[/foo]" is a name, not markup.
        table.add_row(*(Text(safe(v, one_line=True)) for v in row))
    if table.row_count:
        console.print(table)


SANCTIONS = (_field("target"), _field("authority"), Column("status", lambda r: status_word(r["status"])),
             _field("since"), _field("confirmed"))


def print_sanctions(console: Console, records: Iterable[Record]) -> None:
    """On a terminal the board: a row per target, a column per authority, `status since` in
    each cell. Piped, a line per target and authority: the same columns whatever the data."""
    if not console.is_terminal:
        print_records(console, SANCTIONS, records)
        return
    records = list(records)
    authorities = sorted({r["authority"] for r in records})
    rows: dict[int, Record] = {}
    for r in records:
        row = rows.setdefault(r["target_id"], {"target": r["target"]})
        row[r["authority"]] = f"{status_word(r['status'])} {r['since'] or ''}".strip()
    columns = [_field("target"), *(Column(a, lambda r, a=a: r.get(a, "")) for a in authorities)]
    print_records(console, columns, list(rows.values()), title="Sanctions")
    for auth in authorities:
        console.print(Text.assemble((safe(auth, one_line=True), "bold"), "  ",
                                    _tally([r["status"] for r in records
                                            if r["authority"] == auth])))


def _tally(statuses: list[str]) -> str:
    """`1 in force, 2 lifted`, in the board's order of statuses."""
    counts = Counter(statuses)
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    return ", ".join(f"{counts[s]} {status_word(s)}"
                     for s in sorted(counts, key=lambda s: (order.get(s, len(order)), s)))
