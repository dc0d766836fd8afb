"""One happening, one event: store a report as a new event or merge it into its match.

Where sources disagree on a field, the event keeps one value and `conflicts` keeps them all.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import replace

from store.extract.events import Report
from store.extract.lexicon import lexicon
from store.merge.match import RANK, UNKNOWN_DATE, Resolved, find_match, group_key
from store.merge.wording import exercise_name, summarise

# Later stages of relief win a tie between sources on the same day.
_TYPE_RANK = {"sanctions_lifted": 2, "sanctions_eased": 1}


def _source_row(r: Report, event_id: int, doc_id: int) -> tuple:
    return (event_id, doc_id, r.quote, r.type, r.date, r.precision, r.date_source, r.count)


def _deny(conn: sqlite3.Connection, event_id: int, res: Resolved, doc_id: int) -> int:
    """A source says the people of a reported release were not freed: keep its sentence and
    record the disagreement, source by source."""
    r = res.report
    conn.execute(
        "INSERT OR IGNORE INTO event_sources (event_id, document_id, quote, type, date, precision,"
        " date_source, count) VALUES (?,?,?,?,?,?,?,?)",
        (event_id, doc_id, r.quote, r.type, None, None, "none", None),
    )
    names = ", ".join(res.names.get(a, "?") for a in res.ids("released"))
    others = conn.execute(
        "SELECT DISTINCT document_id FROM event_sources WHERE event_id = ? AND document_id != ?",
        (event_id, doc_id),
    ).fetchall()
    conn.executemany(
        "INSERT OR IGNORE INTO conflicts (event_id, field, value, document_id) VALUES (?,?,?,?)",
        [(event_id, "released", "released", d) for (d,) in others]
        + [(event_id, "released", f"not released: {names}", doc_id)],
    )
    return event_id


def add_report(conn: sqlite3.Connection, res: Resolved,
               doc_id: int) -> tuple[int | None, bool]:
    """Store one report; returns (event id or None, merged into an existing event?)."""
    r = res.report
    key = group_key(res)
    match = find_match(conn, res, key)
    if r.polarity == "denied":
        return (_deny(conn, match, res, doc_id), True) if match is not None else (None, False)
    if match is None:
        summary = summarise(res, r.type, r.count, res.place)
        cur = conn.execute(
            "INSERT INTO events (type, cameo, date, precision, approximate, date_source, sort_date,"
            " summary, place, count, target_id, authority, merge_key)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (r.type, r.cameo, r.date, r.precision, int(r.approximate), r.date_source,
             r.sort_date or UNKNOWN_DATE, summary, res.place, r.count, res.target_id,
             r.authority, key),
        )
        event_id = int(cur.lastrowid)
        merged = False
    else:
        event_id, merged = match, True
    conn.executemany(
        "INSERT OR IGNORE INTO event_actors (event_id, actor_id, role) VALUES (?,?,?)",
        [(event_id, a, role) for a, role in res.actors],
    )
    if merged:
        # One role per actor: a source that names someone's part beats "participant".
        conn.execute(
            "DELETE FROM event_actors WHERE event_id = ? AND role = 'participant' AND actor_id IN"
            " (SELECT actor_id FROM event_actors WHERE event_id = ? AND role != 'participant')",
            (event_id, event_id),
        )
    conn.execute(
        "INSERT OR IGNORE INTO event_sources (event_id, document_id, quote, type, date, precision,"
        " date_source, count) VALUES (?,?,?,?,?,?,?,?)",
        _source_row(r, event_id, doc_id),
    )
    if merged:
        reconcile(conn, event_id, res)
    return event_id, merged


_PRECISION = {"year": 1, "month": 2, "day": 3}


def reconcile(conn: sqlite3.Connection, event_id: int, res: Resolved) -> None:
    """Re-derive the event's fields from all its sources and record disagreements."""
    sources = conn.execute(
        "SELECT document_id, type, date, precision, date_source, count FROM event_sources"
        " WHERE event_id = ? ORDER BY id", (event_id,),
    ).fetchall()
    ev = conn.execute(
        "SELECT type, date, precision, approximate, date_source, count, place, summary"
        " FROM events WHERE id = ?", (event_id,),
    ).fetchone()
    _type, _date, _prec, _approx, ev_src, ev_count, ev_place, old_summary = ev
    stored = (_type, ev_count, ev_place)
    # Type: the most reported; ties go to the later stage (lifted over eased).
    types = Counter(t for _, t, *_ in sources)
    new_type = max(types, key=lambda t: (types[t], _TYPE_RANK.get(t, 0)))
    dated = [(dt, t) for _, t, dt, _p, src, _c in sources if src == "text" and dt
             and t.startswith("sanctions_")]
    last = None
    if dated:
        # A sanction's act is what its latest dated report says it did: "lifting sanctions on
        # potash" on Saturday, a general licence (an easing) on Monday — an easing.
        last = max(dt for dt, _ in dated)
        on_last = Counter(t for dt, t in dated if dt == last)
        new_type = max(on_last, key=lambda t: (on_last[t], types[t], _TYPE_RANK.get(t, 0)))
    if "visit" in types:     # a meeting someone travelled to is a visit
        new_type = "visit"
    # Date: a stated date beats an inferred one; among stated ones the first is kept unless a
    # later one is sharper: a day within the kept month, an exact day for an approximate one.
    r = res.report
    coarser = r.precision == "year" and bool(_date) and _date.startswith(r.date or "-")
    sharper = r.date_source == ev_src == "text" and bool(r.date) and bool(_date) and (
        (_PRECISION.get(r.precision or "", 0) > _PRECISION.get(_prec or "", 0)
         and r.date.startswith(_date) and not r.approximate)
        or (r.date == _date and bool(_approx) and not r.approximate))
    # A sanction's act dates from the report that says what it did: the licence on Monday,
    # not the announcement on Saturday.
    acted = bool(dated) and r.date_source == "text" and r.date == last and \
        r.type == new_type and r.precision == "day" and r.date != _date
    if (RANK[r.date_source] > RANK.get(ev_src, 0) and not coarser) or sharper or acted:
        conn.execute(
            "UPDATE events SET date = ?, precision = ?, approximate = ?, date_source = ?,"
            " sort_date = ? WHERE id = ?",
            (r.date, r.precision, int(r.approximate), r.date_source, r.sort_date or UNKNOWN_DATE,
             event_id),
        )
    if ev_count is None and r.count is not None:
        ev_count = r.count
    place = ev_place or res.place
    # The code follows the type ("a meeting someone travelled to is a visit": 040 → 042);
    # embassy and border codes depend on the direction, which the type does not change.
    cameo = lexicon().cameo.get(new_type) if new_type != _type else None
    if (new_type, ev_count, place) != stored:     # most merged reports change none of them
        conn.execute(
            "UPDATE events SET type = ?, cameo = COALESCE(?, cameo), count = ?, place = ?"
            " WHERE id = ?", (new_type, cameo, ev_count, place, event_id),
        )
    # Summary from everyone the sources name.
    actors = conn.execute(
        "SELECT ea.actor_id, ea.role, a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id"
        " WHERE ea.event_id = ?", (event_id,),
    ).fetchall()
    report = res.report
    if new_type == "exercise" and not report.detail:
        # A later source that does not name the exercise keeps the name an earlier one gave.
        report = replace(report, detail=exercise_name(old_summary or ""))
    whole = Resolved(report, [(a, role) for a, role, _ in actors], res.target_id, place,
                     {a: name for a, _, name in actors} | res.names)
    # Only a changed summary is written: each write re-indexes it in events_fts.
    summary = summarise(whole, new_type, ev_count, place)
    if summary != old_summary:
        conn.execute("UPDATE events SET summary = ? WHERE id = ?", (summary, event_id))
    fields = {
        # Visit vs meeting is one contact told two ways; eased vs lifted is a real disagreement.
        "type": [(t, d) for d, t, *_ in sources if t.startswith("sanctions_")],
        "date": [(dt, d) for d, _t, dt, _p, src, _c in sources if src == "text" and dt],
        "count": [(str(c), d) for d, *_, c in sources if c is not None],
    }
    for name, values in fields.items():
        distinct = {v for v, _ in values}
        if name == "date" and not _dates_disagree(distinct):
            continue
        if len(distinct) > 1:
            conn.execute("DELETE FROM conflicts WHERE event_id = ? AND field = ?", (event_id, name))
            conn.executemany(
                "INSERT OR IGNORE INTO conflicts (event_id, field, value, document_id)"
                " VALUES (?,?,?,?)",
                [(event_id, name, v, d) for v, d in values],
            )


def _dates_disagree(values: set[str]) -> bool:
    """"2025-06" and "2025-06-21" agree (one is finer); "2025-04" and "2025-05" do not."""
    vals = sorted(values)
    return any(not (b.startswith(a) or a.startswith(b)) for i, a in enumerate(vals)
               for b in vals[i + 1:])
