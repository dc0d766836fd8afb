"""A corrections file a team passes around: review once, apply everywhere.

    {"thaw_corrections": 1, "corrections": [{"uid", "kind", "target_key", "field", "old",
      "new", "note", "author", "created_at", "state"}, ...]}

Targets are named by stable keys (document content hash + quote hash, gazetteer slug, actor
name), so a file made on one store applies to another holding the same articles. Importing
the same file twice adds nothing: a correction is known by its uid.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from store.correct.kinds import CorrectionError, Kind, Spec
from store.correct.log import ACTIVE, ORPHANED, UNDONE, Corrections, _apply, _write

FORMAT = 1


def export_log(conn: sqlite3.Connection) -> dict[str, Any]:
    """The whole log, oldest first, in the file format."""
    log = reversed(Corrections(conn).log())
    return {"thaw_corrections": FORMAT, "corrections": [
        {"uid": c.uid, "kind": c.kind.value, "target_key": c.target_key, "field": c.field,
         "old": c.old, "new": c.new, "note": c.note, "author": c.author,
         "created_at": c.created_at, "state": c.state, "reason": c.reason} for c in log]}


def parse(text: str) -> list[dict[str, Any]]:
    """The corrections in a file's text; CorrectionError says in one sentence what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorrectionError(f"not a corrections file: invalid JSON at line {exc.lineno}") from exc
    if not isinstance(data, dict) or data.get("thaw_corrections") != FORMAT:
        raise CorrectionError(f"not a corrections file (it needs \"thaw_corrections\": {FORMAT})")
    items = data.get("corrections")
    if not isinstance(items, list):
        raise CorrectionError("not a corrections file: \"corrections\" must be a list")
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict) or any(k not in item for k in ("uid", "kind", "target_key")):
            raise CorrectionError(f"correction {i} lacks its uid, kind or target_key")
        if item["kind"] not in Kind._value2member_map_:
            raise CorrectionError(f"correction {i} has an unknown kind {item['kind']!r}")
    return items


def import_log(conn: sqlite3.Connection, items: list[dict[str, Any]]) -> tuple[int, int, int]:
    """Add the corrections this store lacks and apply the active ones, in the file's order.
    Returns (added, already here, orphaned: their target is not in this store)."""
    added = known = orphaned = 0
    with _write(conn):
        for item in items:
            if conn.execute("SELECT 1 FROM corrections WHERE uid = ?", (item["uid"],)).fetchone():
                known += 1
                continue
            seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM corrections").fetchone()[0]
            state = UNDONE if item.get("state") == UNDONE else ACTIVE
            cur = conn.execute(
                "INSERT INTO corrections (uid, kind, target_key, field, old, new, note, author,"
                " created_at, state, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (item["uid"], item["kind"], item["target_key"], item.get("field"),
                 json.dumps(item.get("old")), json.dumps(item.get("new")), item.get("note"),
                 item.get("author"), item.get("created_at") or "", state, seq))
            added += 1
            if state == ACTIVE:
                cid = int(cur.lastrowid)
                _apply(conn, cid, Spec(Kind(item["kind"]), item["target_key"], item.get("field"),
                                       item.get("new")), strict=True)
                orphaned += conn.execute("SELECT state = ? FROM corrections WHERE id = ?",
                                         (ORPHANED, cid)).fetchone()[0]
    return added, known, orphaned
