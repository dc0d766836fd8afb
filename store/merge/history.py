"""The sanctions board: each target and authority's status history, and its status now."""

from __future__ import annotations

import sqlite3

from store.extract.events import Report
from store.merge.match import UNKNOWN_DATE

_STATUS_RANK = {"in_force": 0, "proposed": 1, "eased": 2, "lifted": 3}


def record_sanction(conn: sqlite3.Connection, target_id: int, authority: str, status: str,
                    event_id: int | None, doc_id: int, r: Report) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO sanctions (target_id, authority, status) VALUES (?,?,?)",
        (target_id, authority, status),
    )
    sanction_id = conn.execute(
        "SELECT id FROM sanctions WHERE target_id = ? AND authority = ?", (target_id, authority)
    ).fetchone()[0]
    when, sort = r.date, r.sort_date
    if event_id is not None and r.date_source != "text":
        # An undated report of a change happened when the merged event did.
        when, sort = conn.execute(
            "SELECT date, sort_date FROM events WHERE id = ?", (event_id,)
        ).fetchone()
    conn.execute(
        "INSERT OR IGNORE INTO sanction_history (sanction_id, status, date, sort_date, event_id,"
        " document_id, quote) VALUES (?,?,?,?,?,?,?)",
        (sanction_id, status, when, sort or UNKNOWN_DATE, event_id, doc_id, r.quote),
    )
    refresh_status(conn, sanction_id)


def refresh_status(conn: sqlite3.Connection, sanction_id: int) -> None:
    rows = conn.execute(
        "SELECT status, date, sort_date FROM sanction_history WHERE sanction_id = ?",
        (sanction_id,),
    ).fetchall()
    rows.sort(key=lambda x: (x[2], _STATUS_RANK.get(x[0], 0)))
    status = rows[-1][0]
    since = rows[-1][1]
    for st, d, _ in reversed(rows):
        if st != status:
            break
        since = d
    conn.execute("UPDATE sanctions SET status = ?, since = ? WHERE id = ?",
                 (status, since, sanction_id))
