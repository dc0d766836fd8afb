"""What a correction changed, row by row, so it can be taken back exactly (OpenRefine's history).

Apply functions write through a Journal; `revert` undoes its entries in reverse order. Entries are
plain JSON: the journal is stored in the correction's row and survives a restart.
"""

from __future__ import annotations

import sqlite3
from typing import Any

# Tables a correction may change, with their key columns (event_actors has a composite key).
_KEYS: dict[str, tuple[str, ...]] = {
    "events": ("id",), "event_actors": ("event_id", "actor_id", "role"),
    "event_sources": ("id",), "conflicts": ("id",), "actors": ("id",), "aliases": ("id",),
    "mentions": ("id",), "actor_roles": ("id",), "sanctions": ("id",),
    "sanction_history": ("id",),
}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


class Journal:
    """Row changes recorded with their inverse. A second write to the same cell keeps the first
    old value: taking the correction back restores what was there before it."""

    def __init__(self, conn: sqlite3.Connection, entries: list[dict[str, Any]] | None = None) -> None:
        self.conn = conn
        self.entries: list[dict[str, Any]] = entries or []

    def update(self, table: str, key: dict[str, Any], values: dict[str, Any]) -> None:
        where, params = _where(key)
        row = self.conn.execute(
            f"SELECT {', '.join(_quoted(values))} FROM {table} WHERE {where}", params).fetchone()
        if row is None:
            return
        changed = {c: v for (c, v), old in zip(values.items(), row, strict=True) if old != v}
        if not changed:
            return
        old = {c: o for c, o in zip(values, row, strict=True) if c in changed}
        self.entries.append({"op": "update", "table": table, "key": key, "old": old})
        sets = ", ".join(f'"{c}" = ?' for c in changed)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE {where}", [*changed.values(), *params])

    def insert(self, table: str, row: dict[str, Any]) -> int:
        cols = list(row)
        cur = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(_quoted(cols))}) VALUES ({', '.join('?' * len(cols))})",
            list(row.values()))
        rowid = int(cur.lastrowid)
        key = {"id": rowid} if _KEYS[table] == ("id",) else {k: row[k] for k in _KEYS[table]}
        self.entries.append({"op": "insert", "table": table, "key": key})
        return rowid

    def delete(self, table: str, where: str, params: list[Any]) -> int:
        """Delete matching rows, keeping them whole for the way back."""
        cols = _columns(self.conn, table)
        rows = self.conn.execute(
            f"SELECT {', '.join(_quoted(cols))} FROM {table} WHERE {where}", params).fetchall()
        for row in rows:
            self.entries.append({"op": "delete", "table": table, "row": dict(zip(cols, row, strict=True))})
        if rows:
            self.conn.execute(f"DELETE FROM {table} WHERE {where}", params)
        return len(rows)

    def track(self, table: str, key: dict[str, Any]) -> None:
        """Remember a row as it is before code outside the journal rewrites it (the board)."""
        cols = [c for c in _columns(self.conn, table) if c not in key]
        where, params = _where(key)
        row = self.conn.execute(
            f"SELECT {', '.join(_quoted(cols))} FROM {table} WHERE {where}", params).fetchone()
        if row is not None:
            self.entries.append({"op": "update", "table": table, "key": key,
                                 "old": dict(zip(cols, row, strict=True))})


def revert(conn: sqlite3.Connection, entries: list[dict[str, Any]]) -> None:
    """Undo journal entries, newest first."""
    for e in reversed(entries):
        table = e["table"]
        if e["op"] == "update":
            where, params = _where(e["key"])
            sets = ", ".join(f'"{c}" = ?' for c in e["old"])
            conn.execute(f"UPDATE {table} SET {sets} WHERE {where}", [*e["old"].values(), *params])
        elif e["op"] == "insert":
            where, params = _where(e["key"])
            conn.execute(f"DELETE FROM {table} WHERE {where}", params)
        else:
            row = e["row"]
            conn.execute(
                f"INSERT OR IGNORE INTO {table} ({', '.join(_quoted(row))})"
                f" VALUES ({', '.join('?' * len(row))})", list(row.values()))


def _quoted(cols: Any) -> list[str]:
    return [f'"{c}"' for c in cols]


def _where(key: dict[str, Any]) -> tuple[str, list[Any]]:
    return " AND ".join(f'"{c}" = ?' for c in key), list(key.values())
