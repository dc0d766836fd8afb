"""The sanctions board: each target and authority's status history, and its status now."""

from __future__ import annotations

import sqlite3

from store.extract.events import Report
from store.merge.match import UNKNOWN_DATE

_STATUS_RANK = {"in_force": 0, "proposed": 1, "eased": 2, "lifted": 3}


def record_sanction(conn: sqlite3.Connection, target_id: int, authority: str, status: str,
                    event_id: int | None, doc_id: int, r: Report, *,
                    sector: int | None = None, members: tuple[int, ...] = ()) -> set[int]:
    """One report of a status into the target's history. A company's row also holds what its
    authority did to the company's `sector` (it inherits that history when first made); a
    sector's report also goes to its `members`' rows for this authority, where they exist.

    Returns the sanctions whose history grew: the caller refreshes their status
    (refresh_status) once before it commits, not once per report — a busy target's history
    is long, and re-reading it per report made ingest slower as the store grew."""
    created = conn.execute(
        "INSERT OR IGNORE INTO sanctions (target_id, authority, status) VALUES (?,?,?)",
        (target_id, authority, status),
    ).rowcount
    sanction_id = _sanction_id(conn, target_id, authority)
    assert sanction_id is not None      # inserted just above
    if created and sector is not None:
        parent = _sanction_id(conn, sector, authority)
        if parent is not None:
            conn.execute(
                "INSERT OR IGNORE INTO sanction_history (sanction_id, status, date, sort_date,"
                " event_id, document_id, quote) SELECT ?, status, date, sort_date, event_id,"
                " document_id, quote FROM sanction_history WHERE sanction_id = ?",
                (sanction_id, parent))
    grown = {sanction_id}
    _add_history(conn, sanction_id, status, event_id, doc_id, r)
    for member in members:
        member_id = _sanction_id(conn, member, authority)
        if member_id is not None:
            _add_history(conn, member_id, status, event_id, doc_id, r)
            grown.add(member_id)
    return grown


def _sanction_id(conn: sqlite3.Connection, target_id: int, authority: str) -> int | None:
    row = conn.execute("SELECT id FROM sanctions WHERE target_id = ? AND authority = ?",
                       (target_id, authority)).fetchone()
    return row[0] if row else None


def _add_history(conn: sqlite3.Connection, sanction_id: int, status: str,
                 event_id: int | None, doc_id: int, r: Report) -> None:
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


# The status an event's (reconciled) type sets.
_STATUS_OF = {"sanctions_imposed": "in_force", "sanctions_extended": "in_force",
              "sanctions_proposed": "proposed", "sanctions_eased": "eased",
              "sanctions_lifted": "lifted"}


def _order(row: tuple) -> tuple:
    """Rows by date, then by how far along the status is; the other fields only make the order
    total, so a history read in any order (whole, or latest first) gives one answer."""
    status, when, sort, event = row[:4]
    return sort, _STATUS_RANK.get(status, 0), when or "", status, event or 0


def current_status(rows: list[tuple[str, str | None, str, int | None]],
                   bound: str | None = None) -> tuple[str, str | None] | None:
    """(status, since) from a history of (status, date, sort_date, event id) rows.

    Dated changes (rows tied to an event: a designation, licence, delisting, extension) decide:
    the latest one's status holds, and `since` is the date of the change that began the current
    run ("in force since 2004", through later extensions). Evidence ("remains in place") never
    overrides a change; alone, it gives the status with `since` unknown.

    With a `bound`, `rows` are only the latest part of the history: every row dated after it
    (and every row of their events). Then the answer, or None when the older rows could still
    change it: the current run does not begin after the bound."""
    changes = sorted({r for r in rows if r[3] is not None}, key=_order)
    if not changes:
        if bound is not None:
            return None
        return max(rows, key=_order)[0], None
    status, since = changes[-1][0], changes[-1][1]
    for st, d, sort, _ in reversed(changes):
        if st != status:
            # Every older change unread is dated at or before the bound: it precedes this one.
            return (status, since) if bound is None or sort > bound else None
        since = d
    return (status, since) if bound is None else None


def per_event(rows: list[tuple]) -> list[tuple[str, str | None, str, int | None]]:
    """Evidence rows as they are; one change per event for this target, with the status the
    event now has — when a report about this target says so; a target only one source names
    ("eased sanctions on Belarus, allowing Belavia …") keeps what that source said — dated by
    its latest report of that status (a delisting told on several days is one change)."""
    out: list[tuple[str, str | None, str, int | None]] = []
    by_event: dict[int, list[tuple]] = {}
    for row in rows:
        if row[3] is None:
            out.append(row[:4])
        else:
            by_event.setdefault(row[3], []).append(row)
    for ev_id, mine in by_event.items():
        ev_status = _STATUS_OF.get(mine[0][4])
        said = [r for r in mine if r[0] == ev_status] or \
            [r for r in mine if r[0] == max(mine, key=_order)[0]]
        latest = max(said, key=_order)
        out.append((latest[0], latest[1], latest[2], ev_id))
    return out


# A target's history is read latest first, this many rows to begin with: a feed that runs for
# years makes it long, and its latest changes decide its status.
_FIRST_PAGE = 64
_EVENTS_AT_ONCE = 500     # well below SQLite's limit on a statement's parameters
_HISTORY_ROWS = ("SELECT h.status, h.date, h.sort_date, h.event_id, e.type"
                 " FROM sanction_history h LEFT JOIN events e ON e.id = h.event_id"
                 " WHERE h.sanction_id = ?")


def latest_history(conn: sqlite3.Connection, sanction_id: int,
                   n: int) -> tuple[list[tuple], str | None]:
    """The history rows dated after the `n` latest rows' bound, with every row of their
    events, and that bound (None: the whole history)."""
    row = conn.execute("SELECT sort_date FROM sanction_history WHERE sanction_id = ?"
                       " ORDER BY sort_date DESC LIMIT 1 OFFSET ?", (sanction_id, n)).fetchone()
    if row is None:
        return conn.execute(_HISTORY_ROWS, (sanction_id,)).fetchall(), None
    bound = row[0]
    rows = conn.execute(f"{_HISTORY_ROWS} AND h.sort_date > ?", (sanction_id, bound)).fetchall()
    events = sorted({r[3] for r in rows if r[3] is not None})
    # An event's older reports too (per_event weighs all of them), a bounded list at a time:
    # through idx_history_by_event (the unary + keeps the planner off the older rows).
    for start in range(0, len(events), _EVENTS_AT_ONCE):
        part = events[start:start + _EVENTS_AT_ONCE]
        rows += conn.execute(
            f"{_HISTORY_ROWS} AND h.event_id IN ({','.join('?' * len(part))})"
            " AND +h.sort_date <= ?", (sanction_id, *part, bound)).fetchall()
    return rows, bound


def refresh_status(conn: sqlite3.Connection, sanction_id: int) -> None:
    # One change per event, as the event now stands: its sources agree on a type ("lifting"
    # said of a licence is an easing) and a date that later reports may have refined. The
    # latest rows are read first, more only while the current run may begin before them.
    n = _FIRST_PAGE
    while True:
        rows, bound = latest_history(conn, sanction_id, n)
        if not rows and bound is None:
            return      # made by a document that was rolled back: the row is gone with it
        settled = current_status(per_event(rows), bound) if rows else None
        if settled is not None:
            break
        n *= 4
    conn.execute("UPDATE sanctions SET status = ?, since = ? WHERE id = ?",
                 (*settled, sanction_id))
