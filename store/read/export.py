"""The store as data for scripts: `thaw export` (the whole store as JSON, the documented
contract, or CSV tables) and the records of `thaw timeline|actors|sanctions|search --json`."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from store.read.queries import Filters, Queries, TimelineRow

PAGE = 1000


def _rows(conn: sqlite3.Connection, sql: str, *args: Any) -> list[dict[str, Any]]:
    # sqlite-utils does the row → dict work; imported here so the dashboard never pays for it.
    import sqlite_utils

    return list(sqlite_utils.Database(conn).query(sql, args))


def export_data(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    docs = [
        {"id": r["id"], "title": r["title"], "source": r["source"], "published": r["published"],
         "path": r["path"]}
        for r in _rows(conn, "SELECT * FROM documents ORDER BY id")
    ]
    aliases: dict[int, list[str]] = defaultdict(list)
    for r in _rows(conn, "SELECT actor_id, alias FROM aliases ORDER BY id"):
        aliases[r["actor_id"]].append(r["alias"])
    roles: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(conn, 'SELECT actor_id, role, start, "end" FROM actor_roles ORDER BY id'):
        roles[r["actor_id"]].append({"role": r["role"], "start": r["start"], "end": r["end"]})
    actors = [
        {"id": r["id"], "name": r["name"], "kind": r["kind"], "aliases": aliases[r["id"]],
         "roles": roles[r["id"]], "discovered": bool(r["discovered"])}
        for r in _rows(conn, "SELECT * FROM actors ORDER BY id")
    ]
    ev_actors: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(conn, "SELECT ea.event_id, ea.actor_id, ea.role, a.name FROM event_actors ea"
                         " JOIN actors a ON a.id = ea.actor_id ORDER BY ea.rowid"):
        ev_actors[r["event_id"]].append({"id": r["actor_id"], "name": r["name"], "role": r["role"]})
    ev_sources: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(conn, "SELECT event_id, document_id, quote FROM event_sources ORDER BY id"):
        ev_sources[r["event_id"]].append({"document": r["document_id"], "quote": r["quote"]})
    conflicts: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(dict)
    for r in _rows(conn, "SELECT event_id, field, value, document_id FROM conflicts ORDER BY id"):
        conflicts[r["event_id"]].setdefault(r["field"], []).append(
            {"value": r["value"], "document": r["document_id"]})
    events = [
        {"id": r["id"], "type": r["type"], "cameo": r["cameo"], "date": r["date"],
         "precision": r["precision"], "approximate": bool(r["approximate"]),
         "summary": r["summary"], "place": r["place"], "count": r["count"],
         "actors": ev_actors[r["id"]], "sources": ev_sources[r["id"]],
         "conflicts": [{"field": f, "values": v} for f, v in conflicts[r["id"]].items()]}
        for r in _rows(conn, "SELECT * FROM events ORDER BY sort_date, id")
    ]
    history: dict[int, list[dict[str, Any]]] = defaultdict(list)
    sanction_sources: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(conn, "SELECT * FROM sanction_history ORDER BY sort_date, id"):
        src = {"document": r["document_id"], "quote": r["quote"]}
        history[r["sanction_id"]].append(
            {"status": r["status"], "date": r["date"], "event": r["event_id"], "sources": [src]})
        sanction_sources[r["sanction_id"]].append(src)
    sanctions = [
        {"target": r["name"], "target_aliases": aliases[r["target_id"]], "target_kind": r["kind"],
         "authority": r["authority"], "status": r["status"], "since": r["since"],
         "history": history[r["id"]], "sources": sanction_sources[r["id"]]}
        for r in _rows(conn, "SELECT s.*, a.name, a.kind FROM sanctions s"
                             " JOIN actors a ON a.id = s.target_id ORDER BY a.name, s.authority")
    ]
    from store.correct.share import export_log

    return {"documents": docs, "actors": actors, "events": events, "sanctions": sanctions,
            "corrections": export_log(conn)["corrections"]}


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


# The CSV export: a file per table, a list inside a record (an event's actors, sources and
# conflicts; a sanction's history) a table of its own with a row per item, so each file is a
# plain sheet. Dates stay ISO text at their precision (2025, 2025-09, 2025-09-11), never widened
# to a day no source gave.
CSV_TABLES: dict[str, tuple[str, ...]] = {
    "documents": ("id", "title", "source", "published", "path"),
    "actors": ("id", "name", "kind", "discovered", "aliases"),
    "actor_roles": ("actor_id", "role", "start", "end"),
    "events": ("id", "date", "precision", "approximate", "type", "cameo", "summary", "place",
               "count", "actors"),
    "event_actors": ("event_id", "actor_id", "actor", "role"),
    "event_sources": ("event_id", "document_id", "quote"),
    "event_conflicts": ("event_id", "field", "value", "document_id"),
    "sanctions": ("target", "target_kind", "authority", "status", "since"),
    "sanction_history": ("target", "authority", "status", "date", "event_id", "document_id",
                         "quote"),
    "corrections": ("uid", "kind", "target_key", "field", "old", "new", "note", "author",
                    "created_at", "state", "reason"),
}
LIST_SEPARATOR = "; "   # names in one cell: a comma is too common inside a name


def csv_rows(data: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The rows of each CSV_TABLES table, from `export_data`."""
    events, sanctions = data["events"], data["sanctions"]
    return {
        "documents": data["documents"],
        "actors": [{**a, "aliases": LIST_SEPARATOR.join(a["aliases"])} for a in data["actors"]],
        "actor_roles": [{"actor_id": a["id"], **r} for a in data["actors"] for r in a["roles"]],
        "events": [{**e, "actors": LIST_SEPARATOR.join(dict.fromkeys(x["name"]
                                                                    for x in e["actors"]))}
                   for e in events],
        "event_actors": [{"event_id": e["id"], "actor_id": x["id"], "actor": x["name"],
                          "role": x["role"]} for e in events for x in e["actors"]],
        "event_sources": [{"event_id": e["id"], "document_id": s["document"],
                           "quote": s["quote"]} for e in events for s in e["sources"]],
        "event_conflicts": [{"event_id": e["id"], "field": c["field"], "value": v["value"],
                             "document_id": v["document"]}
                            for e in events for c in e["conflicts"] for v in c["values"]],
        "sanctions": sanctions,
        "sanction_history": [{**h, "target": s["target"], "authority": s["authority"],
                              "event_id": h["event"], "document_id": src["document"],
                              "quote": src["quote"]}
                             for s in sanctions for h in s["history"] for src in h["sources"]],
        "corrections": [{**c, "old": json.dumps(c["old"], ensure_ascii=False),
                         "new": json.dumps(c["new"], ensure_ascii=False)}
                        for c in data.get("corrections", [])],
    }


def _as_text(value: Any) -> Any:
    """Article text a spreadsheet would run as a formula (=, +, -, @ first) stays text: a
    leading apostrophe is how spreadsheets mark a cell as text. Numbers are left alone."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not value[1:2].isdigit():
        return "'" + value
    return value


def write_csv(data: dict[str, list[dict[str, Any]]], folder: Path) -> list[Path]:
    """One `TABLE.csv` per table in `folder` (made if missing); the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table, rows in csv_rows(data).items():
        path = folder / f"{table}.csv"
        # UTF-8 with a byte-order mark: Excel reads a CSV without one in the ANSI code page
        # (Cyrillic names become mojibake); LibreOffice and Python's csv read the mark as UTF-8
        # too. newline="": csv ends records with \r\n (RFC 4180) and quotes a cell holding a
        # newline, so a multi-line quote stays one cell.
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=CSV_TABLES[table], extrasaction="ignore")
            writer.writeheader()
            writer.writerows({k: _as_text(v) for k, v in row.items()} for row in rows)
        written.append(path)
    return written


def search_results(conn: sqlite3.Connection, query: str, limit: int) -> list[dict[str, Any]]:
    """`thaw search --json`: ranked actors with their spellings."""
    from store.identity.search import load_index

    hits = load_index(conn).search(query, limit=limit)
    out = []
    for h in hits:
        aliases = [r[0] for r in conn.execute(
            "SELECT alias FROM aliases WHERE actor_id = ? ORDER BY id", (h.actor_id,))]
        out.append({"id": h.actor_id, "name": h.name, "kind": h.kind, "aliases": aliases,
                    "score": round(float(h.score), 1)})
    return out


def _pages(q: Queries, filters: Filters) -> Iterator[list[TimelineRow]]:
    """The filtered timeline, oldest first, a page at a time."""
    offset = 0
    while page := q.timeline_page(offset, PAGE, filters):
        yield page
        offset += len(page)


def timeline_records(q: Queries, filters: Filters) -> Iterator[dict[str, Any]]:
    """`thaw timeline --json`: the events the filters keep, oldest first, read a page at a
    time (100,000 events are printed without holding them all)."""
    for page in _pages(q, filters):
        actors: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for r in _rows(q.conn, "SELECT ea.event_id, a.id, a.name, ea.role FROM event_actors ea"
                               " JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id IN"
                               " (SELECT value FROM json_each(?)) ORDER BY ea.rowid",
                       json.dumps([e.id for e in page])):
            actors[r["event_id"]].append({"id": r["id"], "name": r["name"], "role": r["role"]})
        yield from ({"id": e.id, "date": e.date, "precision": e.precision,
                     "approximate": e.approximate, "type": e.type, "summary": e.summary,
                     "actors": actors[e.id], "sources": e.n_sources,
                     "conflict": e.has_conflict} for e in page)


def actor_records(q: Queries, filters: Filters) -> list[dict[str, Any]]:
    """`thaw actors --json`: every actor, most events first; with filters, the actors of the
    events they keep, `events` counting those events only."""
    if not filters.active:
        rows = q.top_actors(limit=q.stats().actors)
        return [{"id": a.id, "name": a.name, "kind": a.kind, "role": a.role,
                 "events": a.n_events} for a in rows]
    events = [e.id for page in _pages(q, filters) for e in page]
    counts = {r["actor_id"]: r["n"] for r in _rows(
        q.conn, "SELECT actor_id, count(DISTINCT event_id) AS n FROM event_actors"
                " WHERE event_id IN (SELECT value FROM json_each(?))"
                " GROUP BY actor_id ORDER BY n DESC, actor_id", json.dumps(events))}
    return [{"id": a.id, "name": a.name, "kind": a.kind, "role": a.role,
             "events": counts[a.id]} for a in q.actors_list(list(counts))]


def sanction_records(q: Queries, filters: Filters) -> list[dict[str, Any]]:
    """`thaw sanctions --json`: a record per target and authority, by target name; the filters'
    actor is the target, their dates bound the change that set the status (`since`)."""
    from store.read.filters import in_range

    board = q.sanctions_board()
    return [
        {"target": name, "target_id": target_id, "target_kind": kind, "authority": auth,
         "status": cell.status, "since": cell.since, "confirmed": cell.confirmed}
        for target_id, name, kind in board.targets
        if filters.actor_id in (None, target_id)
        for auth in board.authorities
        if (cell := board.cells.get((target_id, auth)))
        and in_range(cell.since, filters.since, filters.until)
    ]
