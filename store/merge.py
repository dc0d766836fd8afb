"""One happening, one event: match a new report to an existing event or make a new one.

Reports whose date the source states are matched on overlapping dates; reports dated only by
context or by publication are matched to an earlier event with the same participants.
Where sources disagree on a field, the event keeps one value and `conflicts` keeps them all.
"""

from __future__ import annotations

import calendar
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from store.events import Report

# Later stages of relief win a tie between sources on the same day.
_TYPE_RANK = {"sanctions_lifted": 2, "sanctions_eased": 1}
_STATUS_RANK = {"in_force": 0, "proposed": 1, "eased": 2, "lifted": 3}
_LONG = timedelta(days=5 * 366)      # how far back an undated mention of a named happening reaches
_SHORT = timedelta(days=60)
_HISTORY = timedelta(days=15 * 366)  # … of something told as history ("when Pompeo visited")
_KEYED = ("sanctions", "embassy", "border", "appointment", "statement")
UNKNOWN_DATE = "9999-12-31"


@dataclass
class Resolved:
    report: Report
    actors: list[tuple[int, str]]          # (actor id, role)
    target_id: int | None = None
    place: str | None = None
    names: dict[int, str] = field(default_factory=dict)

    def ids(self, *roles: str) -> set[int]:
        return {a for a, r in self.actors if not roles or r in roles}


def group_key(res: Resolved) -> str:
    r = res.report
    if r.type in ("visit", "meeting"):
        return "contact"       # a meeting someone travelled to is the visit
    if r.type.startswith("sanctions_"):
        stage = "relief" if r.type in ("sanctions_eased", "sanctions_lifted") else r.type[10:]
        return f"sanctions|{stage}|{r.authority}|{res.target_id}"
    if r.type in ("embassy", "border"):
        owner = min(res.ids("actor"), default=0)
        return f"{r.type}|{r.polarity}|{owner}"
    if r.type == "appointment":
        return f"appointment|{min(res.ids(), default=0)}"
    if r.type == "statement":
        return f"statement|{min(res.ids(), default=0)}|{(r.detail or '')[:60].lower()}"
    return r.type


@lru_cache(maxsize=4096)  # pure, and merge asks for the same stored dates over and over
def interval(value: str | None, precision: str | None, approximate: bool) -> tuple[date, date]:
    if not value:
        return date.min, date.max
    parts = [int(p) for p in value.split("-")]
    if precision == "year" or len(parts) == 1:
        lo, hi = date(parts[0], 1, 1), date(parts[0], 12, 31)
    elif precision == "month" or len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        lo, hi = date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    else:
        lo = hi = date(parts[0], parts[1], parts[2])
    if approximate:
        lo, hi = lo - timedelta(days=10), hi + timedelta(days=10)
    return lo, hi


def _shift(d: date, delta: timedelta) -> date:
    try:
        return d + delta
    except OverflowError:
        return date.max if delta.days > 0 else date.min


def _participants_match(res: Resolved, ev_actors: list[tuple[int, str]], ev_count: int | None,
                        ev_detail: str | None) -> int:
    """0 = different happenings; otherwise a score (higher = more shared)."""
    r = res.report
    mine = res.ids()
    theirs = {a for a, _ in ev_actors}
    shared = len(mine & theirs)
    if any(r.type.startswith(k) for k in _KEYED):
        return 1 + shared
    if r.type in ("visit", "meeting", "call"):
        my_vis = res.ids("visitor")
        their_vis = {a for a, role in ev_actors if role == "visitor"}
        if my_vis and their_vis and not my_vis & their_vis:
            return 0
        return shared
    if r.type in ("release", "arrest"):
        objs = res.ids("released", "arrested")
        their_objs = {a for a, role in ev_actors if role in ("released", "arrested")}
        if objs & their_objs:
            return 2 + len(objs & their_objs)
        return 1 if r.count is not None and r.count == ev_count else 0
    if r.type == "exercise":
        if r.detail and ev_detail:
            return 2 if r.detail.lower() == ev_detail.lower() else 0
        return 1 + shared
    return shared


# How much a date is worth: stated in the sentence, carried from the sentences before, or
# only bounded by the publication date.
RANK = {"text": 3, "context": 2, "published": 1, "none": 0}


def find_match(conn: sqlite3.Connection, res: Resolved, key: str) -> int | None:
    r = res.report
    # Envoys come back; a person is freed, an embassy closed, a sanction imposed once.
    once = bool(res.ids("released", "arrested", "appointee", "actor")) or \
        any(r.type.startswith(k) for k in _KEYED)
    reach = _HISTORY if r.background else _LONG if once else _SHORT
    if RANK[r.date_source] >= 2:
        lo, hi = interval(r.date, r.precision, r.approximate)
        year_slack = r.type.startswith(("sanctions", "embassy"))
        q_lo = _shift(lo, -timedelta(days=366 if year_slack else 12))
        q_hi = _shift(hi, timedelta(days=366 if year_slack else 12))
        # Events dated only by their article sit after the happening they mention.
        rows = _candidates(conn, res, key, q_lo, q_hi, inferred_until=_shift(hi, reach))
        hit = _best(conn, res, rows, lo, hi, stated=True)
        if hit is not None or r.date_source == "text" or not r.published:
            return hit
        # A date carried from earlier sentences may belong to something else: fall back to
        # what the publication date allows.
        lo, hi = interval(r.published, "day", False)
        rows = _candidates(conn, res, key, _shift(lo, -reach), _shift(hi, timedelta(days=3)))
        hit = _best(conn, res, rows, lo, hi, stated=False)
        if hit is not None:
            # The carried date was someone else's: this report only says "before publication".
            r.date, r.precision, r.approximate = r.published, "day", True
            r.sort_date, r.date_source = r.published, "published"
        return hit
    elif r.date:
        lo, hi = interval(r.date, r.precision, r.approximate)
    else:
        lo, hi = date.min, date.max
    rows = _candidates(conn, res, key, _shift(lo, -reach), _shift(hi, timedelta(days=3)))
    return _best(conn, res, rows, lo, hi, stated=False)


def _candidates(conn: sqlite3.Connection, res: Resolved, key: str, lo: date, hi: date,
                inferred_until: date | None = None) -> list[tuple]:
    """Events that could be this report's happening: same group, in the date window — and,
    up to `inferred_until`, events dated only by their article. For the broad groups
    (contacts, releases, letters …) only those sharing a participant, or for a release known
    by its count the same count, so the work per report stays flat as the store grows."""
    cols = "id, date, precision, approximate, date_source, sort_date, count, place, summary"
    r = res.report
    where, params = "", []
    if not (key.split("|")[0] in ("sanctions", "embassy", "border", "appointment", "statement")
            or r.type == "exercise"):
        people = sorted(res.ids())
        alts = []
        if people:
            alts.append("EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = events.id"
                        f" AND ea.actor_id IN ({','.join('?' * len(people))}))")
            params.extend(people)
        if r.count is not None and r.type in ("release", "arrest"):
            alts.append("count = ?")
            params.append(r.count)
        if not alts:
            return []
        where = f" AND ({' OR '.join(alts)})"
    rows = conn.execute(
        f"SELECT {cols} FROM events WHERE merge_key = ? AND sort_date BETWEEN ? AND ?{where}"
        " ORDER BY sort_date LIMIT 200", (key, lo.isoformat(), hi.isoformat(), *params),
    ).fetchall()
    if inferred_until is not None and inferred_until > hi:
        rows += conn.execute(
            f"SELECT {cols} FROM events WHERE merge_key = ? AND sort_date > ? AND sort_date <= ?"
            f" AND date_source IN ('published', 'none'){where} ORDER BY sort_date LIMIT 200",
            (key, hi.isoformat(), inferred_until.isoformat(), *params),
        ).fetchall()
    return rows


def _best(conn: sqlite3.Connection, res: Resolved, rows: list, lo: date, hi: date, *,
          stated: bool) -> int | None:
    r = res.report
    # Date checks first (pure Python), then every survivor's participants in one query: one
    # query per candidate made ingest time grow with the store (profiled at 1k documents).
    kept = []
    for row in rows:
        ev_id, ev_date, ev_prec, ev_approx, ev_src, ev_sort = row[:6]
        if stated and r.date_source == "context" and RANK.get(ev_src, 0) < 2 and \
                date.fromisoformat(ev_sort) > hi + timedelta(days=31):
            continue    # a carried date months before the article's: probably another's date
        if stated and RANK.get(ev_src, 0) >= 2:
            e_lo, e_hi = interval(ev_date, ev_prec, bool(ev_approx))
            slack = timedelta(days=2)
            if "year" in (ev_prec, r.precision) and r.type.startswith(("sanctions", "embassy")):
                slack = timedelta(days=366)
            if e_hi + slack < lo or hi + slack < e_lo:
                continue
        kept.append(row)
    if not kept:
        return None
    by_event: dict[int, list[tuple[int, str]]] = {row[0]: [] for row in kept}
    ids = list(by_event)
    for chunk in range(0, len(ids), 500):   # under SQLite's bound-parameter limit
        part = ids[chunk:chunk + 500]
        for ev_id, actor_id, role in conn.execute(
            "SELECT event_id, actor_id, role FROM event_actors"
            f" WHERE event_id IN ({','.join('?' * len(part))})", part,
        ):
            by_event[ev_id].append((actor_id, role))
    # Equal evidence: the happening nearest in time ("his second visit this year" is the recent
    # one, not the one in May).
    fine = r.precision in ("day", "month") and r.sort_date
    anchor = date.fromisoformat((r.sort_date if fine else r.published or r.sort_date) or "2000-01-01")
    best: tuple[int, int, int] | None = None
    for ev_id, *_dates, ev_count, _place, _summary in kept:
        detail = None
        if r.type == "exercise":
            detail = _summary
        score = _participants_match(res, by_event[ev_id], ev_count,
                                    detail and _exercise_name(detail))
        if not score:
            continue
        gap = abs((date.fromisoformat(_dates[-1]) - anchor).days)
        if best is None or (score, -gap) > (best[0], -best[2]):
            best = (score, ev_id, gap)
    return best[1] if best else None


def _exercise_name(summary: str) -> str | None:
    words = summary.split()
    return words[2] if len(words) > 2 and summary.startswith("Military exercise") else None


def summarise(res: Resolved, event_type: str, count: int | None, place: str | None) -> str:
    r = res.report
    n = res.names

    def who(*roles: str) -> list[str]:
        return [n[a] for a, role in res.actors if role in roles and a in n]

    def join(names: list[str]) -> str:
        names = list(dict.fromkeys(names))
        if not names:
            return "unnamed"
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    if event_type == "visit":
        vis, hosts = who("visitor"), who("host")
        if not place:
            return f"Visit by {join(vis)}" + (f", hosted by {join(hosts)}" if hosts else "")
        s = f"{join(vis)} visits {place}"
        return s + (f", hosted by {join(hosts)}" if hosts else "")
    if event_type in ("meeting", "call"):
        parts = who("participant", "visitor", "host")
        label = "Meeting" if event_type == "meeting" else "Phone call"
        return f"{label}: {join(parts)}" + (f" in {place}" if place and event_type == "meeting" else "")
    if event_type == "letter":
        snd, rcp = who("sender"), who("recipient")
        return "Letter" + (f" from {join(snd)}" if snd else "") + (f" to {join(rcp)}" if rcp else "")
    if event_type in ("release", "arrest"):
        objs = who("released", "arrested")
        agents = who("releasing", "arresting")
        noun = "Release" if event_type == "release" else "Arrest"
        s = f"{noun} of {count} people" if count else f"{noun} of {join(objs)}"
        if count and objs:
            s += f", including {join(objs[:3])}"
        return s + (f" by {agents[0]}" if agents else "")
    if event_type.startswith("sanctions_"):
        verb = {"sanctions_imposed": "imposes", "sanctions_extended": "extends",
                "sanctions_proposed": "proposes", "sanctions_eased": "eases",
                "sanctions_lifted": "lifts"}[event_type]
        target = n.get(res.target_id or 0, "a target")
        return f"{r.authority} {verb} sanctions on {target}"
    if event_type == "embassy":
        owner = join(who("actor")) or "An"
        what = {"close": "operations suspended", "intent": "intention to reopen announced",
                "open": "reopened"}.get(r.polarity or "", "change")
        return f"{owner} embassy" + (f" in {place}" if place else "") + f": {what}"
    if event_type == "border":
        owner = join(who("actor")) or "A country"
        other = who("counterpart")
        verb = "closes" if r.polarity == "close" else "reopens"
        return f"{owner} {verb} its border" + (f" with {other[0]}" if other else "")
    if event_type == "exercise":
        parts = who("participant")
        return f"Military exercise {r.detail or ''}".rstrip() + (f" ({join(parts)})" if parts else "")
    if event_type == "appointment":
        return f"{join(who('appointee'))} appointed"
    if event_type == "statement":
        quote = (r.detail or "").replace("\n", " ")
        quote = quote if len(quote) <= 110 else quote[:107].rstrip() + "…"
        return f"{join(who('speaker'))}: “{quote}”"
    return event_type


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


def reconcile(conn: sqlite3.Connection, event_id: int, res: Resolved) -> None:
    """Re-derive the event's fields from all its sources and record disagreements."""
    sources = conn.execute(
        "SELECT document_id, type, date, precision, date_source, count FROM event_sources"
        " WHERE event_id = ? ORDER BY id", (event_id,),
    ).fetchall()
    ev = conn.execute(
        "SELECT type, date, precision, approximate, date_source, count, place FROM events"
        " WHERE id = ?", (event_id,),
    ).fetchone()
    _type, _date, _prec, _approx, ev_src, ev_count, ev_place = ev
    # Type: the most reported; ties go to the later stage (lifted over eased).
    types = Counter(t for _, t, *_ in sources)
    new_type = max(types, key=lambda t: (types[t], _TYPE_RANK.get(t, 0)))
    if "visit" in types:     # a meeting someone travelled to is a visit
        new_type = "visit"
    # Date: a stated date beats an inferred one; the first stated one is kept.
    r = res.report
    coarser = r.precision == "year" and bool(_date) and _date.startswith(r.date or "-")
    if RANK[r.date_source] > RANK.get(ev_src, 0) and not coarser:   # "in 2025" adds nothing
        conn.execute(
            "UPDATE events SET date = ?, precision = ?, approximate = ?, date_source = ?,"
            " sort_date = ? WHERE id = ?",
            (r.date, r.precision, int(r.approximate), r.date_source, r.sort_date or UNKNOWN_DATE,
             event_id),
        )
    if ev_count is None and r.count is not None:
        ev_count = r.count
    place = ev_place or res.place
    conn.execute(
        "UPDATE events SET type = ?, cameo = COALESCE((SELECT cameo FROM events WHERE id = ?), cameo),"
        " count = ?, place = ? WHERE id = ?",
        (new_type, event_id, ev_count, place, event_id),
    )
    # Summary from everyone the sources name.
    actors = conn.execute(
        "SELECT ea.actor_id, ea.role, a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id"
        " WHERE ea.event_id = ?", (event_id,),
    ).fetchall()
    whole = Resolved(res.report, [(a, role) for a, role, _ in actors], res.target_id, place,
                     {a: name for a, _, name in actors} | res.names)
    conn.execute("UPDATE events SET summary = ? WHERE id = ?",
                 (summarise(whole, new_type, ev_count, place), event_id))
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
