"""`thaw export`: the whole store as JSON (the documented contract) or CSV tables."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections import defaultdict
from typing import Any


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


def to_csv(data: dict[str, list[dict[str, Any]]]) -> str:
    """One CSV section per table; nested lists are JSON-encoded in their cell."""
    out = io.StringIO()
    for table, rows in data.items():
        out.write(f"# {table}\n")
        if not rows:
            out.write("\n")
            continue
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict)
                             else v for k, v in row.items()})
        out.write("\n")
    return out.getvalue()


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
