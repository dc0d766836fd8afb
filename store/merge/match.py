"""Which stored event a new report is: the same group, overlapping dates, shared participants.

Reports whose date the source states are matched on overlapping dates; reports dated only by
context or by publication are matched to an earlier event with the same participants.
"""

from __future__ import annotations

import calendar
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from store.db.schema import LOOSE
from store.extract.events import Report
from store.merge.wording import exercise_name

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
        return f"sanctions|{stage}|{r.authority}"      # one act may name several targets
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
    if r.type.startswith("sanctions"):
        targets = res.ids("target") & {a for a, role in ev_actors if role == "target"}
        return 1 + len(targets) if targets else 0
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
        slack = timedelta(days=366 if year_slack and r.precision == "year" else 2)
        near = Near(_shift(lo, -slack), _shift(hi, slack), _shift(lo, -timedelta(days=2)))
        # Events dated only by their article sit after the happening they mention.
        rows = _candidates(conn, res, key, q_lo, q_hi, inferred_until=_shift(hi, reach),
                           near=near)
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
    if not r.date:
        return _best(conn, res, _unplaced_candidates(conn, res, key), date.min, date.max,
                     stated=False)
    lo, hi = interval(r.date, r.precision, r.approximate)
    rows = _candidates(conn, res, key, _shift(lo, -reach), _shift(hi, timedelta(days=3)))
    return _best(conn, res, rows, lo, hi, stated=False)


# The roles a stored event must share with a report to score at all (_participants_match):
# a release is known by whom it freed, a sanction by its target. None: any participant.
_SHARED_ROLES: dict[str, tuple[str, ...]] = {
    "release": ("released", "arrested"), "arrest": ("released", "arrested"),
    "sanctions": ("target",),
}
_CANDIDATE_COLS = "id, date, precision, approximate, date_source, sort_date, count, place, summary"


class Sharing(NamedTuple):
    """SQL for a report's candidates: `shared`, how many of the report's participants (in the
    roles that count) an event has; `where`, the condition an event must meet to score; and
    `by_people`, whether the query reads those participants' events instead of walking the
    group's date window."""
    shared: str
    shared_params: list[object]
    where: str
    where_params: list[object]
    by_people: bool = False


# Participants in fewer stored events than this (a person freed, a company designated) are
# cheaper to look up by their events than by the window, which grows as the store fills.
_FEW_EVENTS = 200


def _few_events(conn: sqlite3.Connection, people: list[int]) -> bool:
    """Are `people` together in fewer than _FEW_EVENTS events (counted on the actor index,
    stopping at the bound)?"""
    return conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM event_actors"
        f" WHERE actor_id IN ({','.join('?' * len(people))}) LIMIT ?)", (*people, _FEW_EVENTS),
    ).fetchone()[0] < _FEW_EVENTS


# How many of the latest events an undated report is compared with.
_UNPLACED = 200


def _unplaced_candidates(conn: sqlite3.Connection, res: Resolved, key: str) -> list[tuple]:
    """A report nothing places in time (no date, no publication date) could be any event of
    its group in the store's whole span. It is compared with the last _UNPLACED events stored
    in its group that hold its most telling participant (the one in the fewest events: an
    envoy, not the head of state he met; someone in none is someone new, and the report a new
    event) or, known by its count alone, that freed as many: what the feed has been telling
    lately, not the whole store. Keyed groups name their owner: all of it."""
    c = _counted(res, key)
    if c.keyed:
        return _candidates(conn, res, key, date.min, date.max)
    latest: list[str] = []
    args: list[object] = [*c.params]
    if (rarest := _rarest(conn, c.people)) is not None:
        latest.append("SELECT DISTINCT ea.event_id FROM event_actors ea JOIN events e"
                      f" ON e.id = ea.event_id WHERE ea.actor_id = ?{c.role_test}"
                      " AND e.merge_key = ? ORDER BY ea.event_id DESC LIMIT ?")
        args += [rarest, *c.roles, key, _UNPLACED]
    if res.report.count is not None and c.group in ("release", "arrest"):
        latest.append("SELECT id FROM events WHERE merge_key = ? AND count = ?"
                      " ORDER BY id DESC LIMIT ?")
        args += [key, res.report.count, _UNPLACED]
    if not latest:
        return []
    ids = " UNION ".join(f"SELECT * FROM ({part})" for part in latest)
    return conn.execute(f"SELECT {_CANDIDATE_COLS}, {c.expr} AS shared FROM events"
                        f" WHERE id IN ({ids}) ORDER BY sort_date, id", args).fetchall()


def _rarest(conn: sqlite3.Connection, people: list[int]) -> int | None:
    """Of `people`, the one in the fewest stored events (the lowest id among equals)."""
    counts = {p: conn.execute("SELECT count(*) FROM event_actors WHERE actor_id = ?",
                              (p,)).fetchone()[0] for p in people}
    return min(counts, key=lambda p: (counts[p], p), default=None)


class Counted(NamedTuple):
    """A report's participants in the roles a match needs (_SHARED_ROLES), and `expr`, SQL
    counting how many of them an event row has (with `params`). Keyed groups and exercises keep
    every event of their group: the key names the owner, or the name decides."""
    group: str
    people: list[int]
    roles: tuple[str, ...]
    role_test: str      # the roles' condition on `ea`, or ""
    expr: str
    params: list[object]
    keyed: bool


def _counted(res: Resolved, key: str) -> Counted:
    group = key.split("|")[0]
    roles = _SHARED_ROLES.get(group, ())
    people = sorted(res.ids(*roles))
    role_test = f" AND ea.role IN ({','.join('?' * len(roles))})" if roles else ""
    # A probe of the event's own participants (the primary key) per event in the window.
    expr = (f"(SELECT count(*) FROM event_actors ea WHERE ea.event_id = events.id AND"
            f" ea.actor_id IN ({','.join('?' * len(people))}){role_test})") if people else "0"
    keyed = group in ("embassy", "border", "appointment", "statement") or \
        res.report.type == "exercise"
    return Counted(group, people, roles, role_test, expr, [*people, *roles] if people else [], keyed)


def _sharing(conn: sqlite3.Connection, res: Resolved, key: str) -> Sharing | None:
    """How the candidates are counted and kept, or None when no event can score."""
    r = res.report
    c = _counted(res, key)
    if c.keyed:
        return Sharing(c.expr, c.params, "", [])
    alts: list[str] = []
    params: list[object] = []
    few = bool(c.people) and _few_events(conn, c.people)
    if few:     # their events listed once per query, not a probe per event of the window
        alts.append("id IN (SELECT event_id FROM event_actors ea WHERE ea.actor_id IN"
                    f" ({','.join('?' * len(c.people))}){c.role_test})")
        params.extend(c.params)
    elif c.people:
        alts.append("shared > 0")
    if r.count is not None and c.group in ("release", "arrest"):
        alts.append("count = ?")
        params.append(r.count)
    if not alts:
        return None
    return Sharing(c.expr, c.params, f" AND ({' OR '.join(alts)})", params,
                   by_people=few and len(alts) == 1)


class Near(NamedTuple):
    """Where _best can match a stated report: events stated to the day between `lo` and `hi`,
    events dated by their article from `published_from` on."""
    lo: date
    hi: date
    published_from: date


# What _best keeps of a stated report's window, said in SQL so the rest never leaves SQLite: an
# event stated to the day is near the report's dates; one dated by its article is not older.
_NEAR = (" AND NOT (date_source IN ('text', 'context') AND precision = 'day' AND NOT approximate"
         " AND sort_date NOT BETWEEN ? AND ?) AND NOT (date_source = 'published' AND sort_date < ?)")


def _candidates(conn: sqlite3.Connection, res: Resolved, key: str, lo: date, hi: date,
                inferred_until: date | None = None,
                near: Near | None = None) -> list[tuple]:
    """Events that could be this report's happening: same group, in the date window — and,
    up to `inferred_until`, events dated only by their article — that share the participant
    the match needs (_sharing). Each query walks an index over its window only (the partial
    indexes of schema.MERGE_INDEXES for coarse and inferred dates) and has no row limit, so
    the right event is never cut off and the work per report follows the window, not the
    store."""
    sharing = _sharing(conn, res, key)
    if sharing is None:
        return []
    where, params = sharing.where, sharing.where_params
    if near is not None:    # the plain date tests before the participant probes
        where = _NEAR + where
        params = [*(d.isoformat() for d in near), *params]
    # A unary + keeps SQLite off the group's date index, so it reads the people's events.
    group, when = ("+merge_key", "+sort_date") if sharing.by_people else ("merge_key", "sort_date")
    # One statement (a statement per part cost more than its rows), its parts in order: the
    # window; events told before only by their month or year ("came to Minsk in 2020") whose
    # span may hold this date however far their sort date lies from the window; events dated
    # only by their article.
    select = f"SELECT {_CANDIDATE_COLS}, {sharing.shared} AS shared, ? AS part FROM events" \
        f" WHERE {group} = ?"
    counted = sharing.shared_params
    if near is None or sharing.by_people:
        parts = [f"{select} AND {when} BETWEEN ? AND ?{where}"]
        args = [*counted, 0, key, lo.isoformat(), hi.isoformat(), *params]
    else:
        # A stated report's window in two ranges: any event near its dates, and farther out
        # only the events whose own dates are loose (the partial index idx_events_loose).
        parts = [f"{select} AND sort_date BETWEEN ? AND ?{where}",
                 f"{select} AND sort_date BETWEEN ? AND ? AND NOT sort_date BETWEEN ? AND ?"
                 f" AND ({LOOSE}){where}"]
        args = [*counted, 0, key, near.lo.isoformat(), near.hi.isoformat(), *params,
                *counted, 0, key, lo.isoformat(), hi.isoformat(), near.lo.isoformat(),
                near.hi.isoformat(), *params]
    parts.append(f"{select} AND {when} BETWEEN ? AND ? AND precision IN ('year', 'month')"
                 f" AND NOT sort_date BETWEEN ? AND ?{where}")
    args += [*counted, 1, key, f"{lo.year:04d}-01-01", f"{hi.year:04d}-12-31", lo.isoformat(),
             hi.isoformat(), *params]
    if inferred_until is not None and inferred_until > hi:
        parts.append(f"{select} AND {when} > ? AND {when} <= ?"
                     f" AND date_source IN ('published', 'none'){where}")
        args += [*counted, 2, key, hi.isoformat(), inferred_until.isoformat(), *params]
    rows = conn.execute(" UNION ALL ".join(parts) + " ORDER BY part, sort_date, id",
                        args).fetchall()
    return [row[:-1] for row in rows]


def _dates_fit(r: Report, row: tuple, lo: date, hi: date) -> bool:
    """Can a stored event (a candidate row) be the happening a report dates to lo … hi?"""
    _id, ev_date, ev_prec, ev_approx, ev_src, ev_sort = row[:6]
    if r.date_source == "context" and RANK.get(ev_src, 0) < 2 and \
            date.fromisoformat(ev_sort) > hi + timedelta(days=31):
        return False    # a carried date months before the article's: probably another's date
    if RANK.get(ev_src, 0) == 1 and lo > date.fromisoformat(ev_sort) + timedelta(days=2):
        return False    # dated by its article, it happened by then; this happened later
    if RANK.get(ev_src, 0) >= 2:
        e_lo, e_hi = interval(ev_date, ev_prec, bool(ev_approx))
        slack = timedelta(days=2)
        if "year" in (ev_prec, r.precision) and r.type.startswith(("sanctions", "embassy")):
            slack = timedelta(days=366)
        if e_hi + slack < lo or hi + slack < e_lo:
            return False
    return True


def _bound(r: Report, shared: int) -> int:
    """The highest score _participants_match can give an event with `shared` of the report's
    participants (in the roles _SHARED_ROLES counts)."""
    if r.type in ("release", "arrest"):
        return 2 + shared if shared else 1     # by whom it freed, else by its count alone
    if r.type == "exercise":
        return 2 + shared
    return shared + 1 if any(r.type.startswith(k) for k in _KEYED) else shared


_LOOKUP = 16    # candidates whose participants are read at a time


def _participants(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    by_event: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}
    for ev_id, actor_id, role in conn.execute(
        "SELECT event_id, actor_id, role FROM event_actors"
        f" WHERE event_id IN ({','.join('?' * len(ids))})", ids,
    ):
        by_event[ev_id].append((actor_id, role))
    return by_event


def _best(conn: sqlite3.Connection, res: Resolved, rows: list, lo: date, hi: date, *,
          stated: bool) -> int | None:
    """The candidate with the highest score (_participants_match); among equals the nearest
    in time ("his second visit this year" is the recent one, not the one in May), then the
    first listed."""
    r = res.report
    kept = [row for row in rows if not stated or _dates_fit(r, row, lo, hi)]
    fine = r.precision in ("day", "month") and r.sort_date
    # A report nothing places in time is taken to be about the latest such happening.
    anchor = date.fromisoformat((r.sort_date if fine else r.published or r.sort_date)
                                or UNKNOWN_DATE)
    # (best possible score, gap, position): most shared first, so once no later candidate can
    # beat the best scored, the rest of a crowded window is never looked at.
    order = sorted(((_bound(r, row[-1]), abs((date.fromisoformat(row[5]) - anchor).days), pos, row)
                    for pos, row in enumerate(kept)), key=lambda c: (-c[0], c[1], c[2]))
    best: tuple[int, int, int, int] | None = None      # (score, gap, position, event id)
    for start in range(0, len(order), _LOOKUP):
        part = order[start:start + _LOOKUP]
        actors = _participants(conn, [row[0] for *_, row in part])
        for bound, gap, pos, row in part:
            if best is not None and (bound, -gap, -pos) < (best[0], -best[1], -best[2]):
                return best[3]
            detail = exercise_name(row[8]) if r.type == "exercise" and row[8] else None
            score = _participants_match(res, actors[row[0]], row[6], detail)
            if score and (best is None or (score, -gap, -pos) > (best[0], -best[1], -best[2])):
                best = (score, gap, pos, row[0])
    return best[3] if best else None
