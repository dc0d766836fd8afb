"""The read API behind the dashboard and the print commands. All SQL the UI needs lives here.

One connection shared by the UI's worker threads, serialised by a lock: reads are short, and a
single connection keeps `PRAGMA data_version` meaningful (it counts commits by *other*
connections since this one last looked).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.identity.search import ActorIndex, Hit
    from store.read.records import (
        ActorProfile,
        ActorRow,
        EventDetail,
        HistoryEntry,
        SanctionCell,
        SanctionsBoard,
    )

UNKNOWN_SORT_DATE = "9999-12-31"
# Longest a read waits while another thread holds the store (Queries.hold): a safety net only.
HOLD_LIMIT_S = 5.0


@dataclass(frozen=True, slots=True)
class Filters:
    """What the timeline shows; an empty Filters shows everything."""

    type: str | None = None
    actor_id: int | None = None
    text: str | None = None   # summary, quotes, place, date, or an actor in any spelling
    since: str | None = None  # ISO prefix (2025, 2025-09, 2025-09-11), inclusive
    until: str | None = None  # ISO prefix, inclusive: 2025-09 means through 2025-09-30

    @property
    def active(self) -> bool:
        return bool(self.type or self.actor_id is not None or (self.text or "").strip()
                    or self.since or self.until)


_ISO_PREFIX = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def iso_prefix(text: str) -> str | None:
    """`2025`, `2025-09` or `2025-09-11` when it is a real year, month or day; else None."""
    text = text.strip()
    if not _ISO_PREFIX.fullmatch(text):
        return None
    parts = [int(p) for p in text.split("-")]
    try:
        date(parts[0], *(parts[1:] + [1, 1])[:2])
    except ValueError:
        return None
    return text


def parse_date_range(text: str) -> tuple[str | None, str | None] | None:
    """`2025-09` → (2025-09, 2025-09); `2025-09-11..2025-10-31`, `2025..`, `..2025-06` → the
    two ends (None: open). None when the text is not a date range, or ends before it starts."""
    first, sep, second = text.strip().partition("..")
    if not sep:
        one = iso_prefix(first)
        return (one, one) if one else None
    since = iso_prefix(first) if first.strip() else None
    until = iso_prefix(second) if second.strip() else None
    if (first.strip() and since is None) or (second.strip() and until is None):
        return None
    if since is None and until is None:
        return None
    if since and until and since > until_bound(until):
        return None
    return since, until


def until_bound(until: str) -> str:
    """An inclusive ISO-prefix end as the largest full date it covers, for string comparison:
    `2025-09~` sorts after every day of September 2025 and before October."""
    return until + "~"


class Order(Enum):
    """How the timeline is sorted: a name, the SQL sort keys (ties by date, then id), and the
    join they need. Sources are counted in one pass over event_sources, not once per event."""

    DATE = ("date", ("e.sort_date", "e.id"), "")
    TYPE = ("type", ("e.type", "e.sort_date", "e.id"), "")
    SOURCES = ("most sources", ("-coalesce(src.n, 0)", "e.sort_date", "e.id"),
               " LEFT JOIN (SELECT event_id, count(DISTINCT document_id) AS n"
               " FROM event_sources GROUP BY event_id) src ON src.event_id = e.id")

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def keys(self) -> tuple[str, ...]:
        return self.value[1]

    @property
    def join(self) -> str:
        return self.value[2]

    def next(self) -> Order:
        members = list(Order)
        return members[(members.index(self) + 1) % len(members)]


@dataclass(frozen=True, slots=True)
class Stats:
    documents: int
    events: int
    actors: int
    newest_article: str | None
    last_updated: str | None = None     # UTC ISO: the last document stored or feed checked


@dataclass(frozen=True, slots=True)
class TimelineRow:
    id: int
    date: str | None
    precision: str | None
    approximate: bool
    type: str
    summary: str
    actors: str
    n_sources: int
    has_conflict: bool


@dataclass(frozen=True, slots=True)
class MonthCount:
    month: str  # YYYY-MM
    events: int
    released: int
    released_total: int  # running total of prisoners released up to and including this month
    uncounted: int = 0   # releases this month that give no number of people


# The detail views' records live in store.read.records, created on first use (a faster start);
# `from store.read.queries import EventDetail` still works through this module __getattr__.
_RECORDS = frozenset({
    "ActorProfile", "ActorRow", "CoActor", "ConflictValue", "EventActor", "EventDetail",
    "EventSource", "HistoryEntry", "Role", "SanctionCell", "SanctionsBoard", "Spelling",
    "Statement",
})


def __getattr__(name: str) -> Any:
    if name in _RECORDS:
        from store.read import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


STATUS_ORDER = ("in_force", "proposed", "eased", "lifted")


def status_word(status: str) -> str:
    return status.replace("_", " ")


# The widest type name (`sanctions proposed`): the type column of every list, so none is cut.
TYPE_NAME_WIDTH = 18


def type_name(etype: str) -> str:
    """How an event type is named wherever it is shown (timeline, type list, profile, event,
    palette): `sanctions_lifted` → `sanctions lifted`."""
    return etype.replace("_", " ")


_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)
# The timeline's text filter also finds the events of the actors it names: search hits at
# least this good (a typed prefix of a name scores 70-95, a weak fuzzy neighbour below 80).
ACTOR_MIN_SCORE = 80.0
ACTOR_MIN_CHARS = 3
ACTOR_HITS = 10
QUOTE_WORDS = 8
QUOTE_WORD_MIN = 3
TEXT_CACHE = 64  # texts whose matching events are kept: a typed word and its prefixes


def _like(text: str) -> str:
    """A LIKE pattern for text anywhere, its own % and _ taken literally."""
    return "%" + re.sub(r"([%_\\])", r"\\\1", text) + "%"


def fts_query(text: str) -> str | None:
    """User text as an FTS5 query that cannot be a syntax error: words only, each quoted.

    The last word is a prefix match so the list narrows as the user types.
    """
    words = _FTS_TOKEN.findall(text)
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


# Per-row columns of the timeline; correlated subqueries hit the event_id indexes, so a page
# costs the same on 100 or 100,000 events.
_ROW_SQL = """
SELECT e.id, e.date, e.precision, e.approximate, e.type, e.summary,
  (SELECT group_concat(name, ', ') FROM (
      SELECT DISTINCT a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
      WHERE ea.event_id = e.id ORDER BY ea.rowid)) AS actors,
  (SELECT count(DISTINCT s.document_id) FROM event_sources s WHERE s.event_id = e.id),
  EXISTS (SELECT 1 FROM conflicts c WHERE c.event_id = e.id)
FROM events e
"""


def _row(r: tuple[Any, ...]) -> TimelineRow:
    return TimelineRow(
        id=r[0], date=r[1], precision=r[2], approximate=bool(r[3]), type=r[4],
        summary=r[5], actors=r[6] or "", n_sources=r[7] or 0, has_conflict=bool(r[8]),
    )


class Queries:
    """Read-only questions about one store. Safe to call from any thread."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._lock = threading.RLock()
        self._version: int | None = None
        self._counts: dict[Filters, int] = {}
        self._months: dict[Filters, list[MonthCount]] = {}
        self._texts: dict[str, str] = {}
        self._index: ActorIndex | None = None
        self._open = threading.Event()  # cleared by hold(): other threads' reads wait
        self._open.set()
        self._holder: int | None = None

    # -- plumbing ---------------------------------------------------------------------------

    def hold(self) -> None:
        """Until `release()`, the scans behind the chart and the type list (monthly counts,
        event types) asked from other threads wait, at most HOLD_LIMIT_S; other reads do not.

        The dashboard holds them until its first frame is on screen: at 100,000 events the
        monthly counts alone take ~0.1 s of CPU that drawing that frame would share.
        """
        self._holder = threading.get_ident()
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    def _wait_if_held(self) -> None:
        if not self._open.is_set() and threading.get_ident() != self._holder:
            self._open.wait(HOLD_LIMIT_S)

    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self.conn.execute(sql, tuple(params)).fetchall()

    def _one(self, sql: str, params: Iterable[Any] = ()) -> tuple[Any, ...] | None:
        with self._lock:
            return self.conn.execute(sql, tuple(params)).fetchone()

    def data_version(self) -> int:
        """Changes whenever another connection commits; drops caches when it does."""
        with self._lock:
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
            if version != self._version:
                self._version = version
                self._counts.clear()
                self._months.clear()
                self._texts.clear()
                self._index = None
            return version

    def _where(self, filters: Filters) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if filters.type:
            clauses.append("e.type = ?")
            params.append(filters.type)
        if filters.actor_id is not None:
            clauses.append("e.id IN (SELECT event_id FROM event_actors WHERE actor_id = ?)")
            params.append(filters.actor_id)
        if filters.since or filters.until:
            clauses.append("e.date IS NOT NULL")  # an undated event is in no range
        if filters.since:
            clauses.append("e.sort_date >= ?")
            params.append(filters.since)
        if filters.until:
            clauses.append("e.sort_date <= ?")
            params.append(until_bound(filters.until))
        if (filters.text or "").strip():
            clause, more = self._text_clause(filters.text or "")
            clauses.append(clause)
            params += more
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _text_clause(self, text: str) -> tuple[str, list[Any]]:
        """Events whose summary, a quote, place or date holds the text, or that have an actor
        the text names in any spelling or script (the one actor search)."""
        if not fts_query(text):
            return "0", []  # only punctuation typed: nothing can match
        return "e.id IN (SELECT value FROM json_each(?))", [self._text_ids(text)]

    def _text_ids(self, text: str) -> str:
        """The events the text matches, as a JSON array, found once per text and store version:
        the count, each page and the chart of one keystroke share it. At 100,000 events the
        summary is an FTS lookup, quotes and places one plain scan each (~12 ms), actors an
        index lookup."""
        key = text.strip()
        found = self._texts.get(key)
        if found is not None:
            return found
        # Distinct words, a few: a pasted paragraph must not make an expression tree too deep;
        # words of one or two letters match inside too many quotes to mean anything.
        words = [w for w in dict.fromkeys(w.lower() for w in _FTS_TOKEN.findall(key))
                 if len(w) >= QUOTE_WORD_MIN][:QUOTE_WORDS]
        parts = ["SELECT rowid FROM events_fts WHERE events_fts MATCH ?",
                 "SELECT id FROM events WHERE place LIKE ? ESCAPE '\\' OR date LIKE ?"]
        day = iso_prefix(key)
        params: list[Any] = [fts_query(key), _like(key), f"{day}%" if day else ""]
        if words:
            parts.append("SELECT event_id FROM event_sources WHERE "
                         + " AND ".join(["quote LIKE ? ESCAPE '\\'"] * len(words)))
            params += [_like(w) for w in words]
        actor_ids = self._actors_named(key)
        if actor_ids:
            parts.append("SELECT event_id FROM event_actors WHERE actor_id IN "
                         f"({','.join('?' * len(actor_ids))})")
            params += actor_ids
        ids = [r[0] for r in self._all(" UNION ".join(parts), params)]
        found = json.dumps(ids)
        if len(self._texts) >= TEXT_CACHE:
            self._texts.pop(next(iter(self._texts)))
        self._texts[key] = found
        return found

    def _actors_named(self, text: str) -> list[int]:
        """The actors the text confidently names (a near spelling or a typed prefix), not
        every weak fuzzy neighbour: "Cole" is John Coale, not Maria Kalesnikava."""
        if len(text.strip()) < ACTOR_MIN_CHARS:
            return []
        return sorted({h.actor_id for h in self.search_actors(text, limit=ACTOR_HITS)
                       if h.score >= ACTOR_MIN_SCORE})

    # -- header -----------------------------------------------------------------------------

    def stats(self) -> Stats:
        # max(rowid)-style counts would drift after deletes; count(*) on these tables is cheap.
        r = self._one(
            """SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events),
                      (SELECT count(*) FROM actors), (SELECT max(published) FROM documents),
                      (SELECT max(ingested_at) FROM documents), (SELECT max(checked_at) FROM feeds)"""
        )
        assert r is not None
        updated = max((t for t in r[4:] if t), default=None)
        return Stats(documents=r[0], events=r[1], actors=r[2], newest_article=r[3],
                     last_updated=updated)

    def is_empty(self) -> bool:
        return self._one("SELECT 1 FROM documents LIMIT 1") is None

    def event_types(self) -> list[str]:
        self._wait_if_held()
        return [r[0] for r in self._all("SELECT DISTINCT type FROM events ORDER BY type")]

    # -- timeline ---------------------------------------------------------------------------

    def timeline_count(self, filters: Filters = Filters()) -> int:
        self.data_version()
        cached = self._counts.get(filters)
        if cached is not None:
            return cached
        where, params = self._where(filters)
        r = self._one(f"SELECT count(*) FROM events e{where}", params)
        count = r[0] if r else 0
        self._counts[filters] = count
        return count

    def timeline_page(
        self, offset: int, limit: int, filters: Filters = Filters(), order: Order | None = None
    ) -> list[TimelineRow]:
        where, params = self._where(filters)
        order = order or Order.DATE
        keys = ", ".join(f"{k} AS k{i}" for i, k in enumerate(order.keys))
        page_order = ", ".join(f"page.k{i}" for i in range(len(order.keys)))
        # Page the ids first: the per-row subqueries then run for `limit` rows only, even
        # when the planner has to sort (FTS matches come out in rowid order).
        rows = self._all(
            f"""WITH page AS (SELECT e.id, {keys} FROM events e{order.join}{where}
                              ORDER BY {', '.join(order.keys)} LIMIT ? OFFSET ?)
                {_ROW_SQL} JOIN page ON page.id = e.id ORDER BY {page_order}""",
            [*params, limit, offset],
        )
        return [_row(r) for r in rows]

    def timeline_index_of(self, event_id: int, filters: Filters = Filters(),
                          order: Order | None = None) -> int | None:
        """Position of an event in the filtered timeline, or None when it is filtered out."""
        where, params = self._where(filters)
        order = order or Order.DATE
        keys = order.keys
        target = self._one(f"SELECT {', '.join(keys)} FROM events e{order.join} WHERE e.id = ?",
                           [event_id])
        if target is None:
            return None
        inside = self._one(
            f"SELECT 1 FROM events e{where}{' AND' if where else ' WHERE'} e.id = ?",
            [*params, event_id],
        )
        if inside is None:
            return None
        marks = ", ".join("?" * len(keys))
        r = self._one(
            f"SELECT count(*) FROM events e{order.join}{where}{' AND' if where else ' WHERE'} "
            f"({', '.join(keys)}) < ({marks})",
            [*params, *target],
        )
        return r[0] if r else None

    def timeline_index_of_date(self, day: str, filters: Filters = Filters()) -> int:
        """Where `day` (an ISO prefix) falls in the filtered timeline in date order: the index
        of the first event on or after it."""
        where, params = self._where(filters)
        r = self._one(
            f"SELECT count(*) FROM events e{where}{' AND' if where else ' WHERE'} e.sort_date < ?",
            [*params, day],
        )
        return r[0] if r else 0

    def monthly_counts(self, filters: Filters = Filters()) -> list[MonthCount]:
        """Events and prisoners released per month (dated to the month or day), gaps filled."""
        self._wait_if_held()
        self.data_version()
        cached = self._months.get(filters)
        if cached is not None:
            return cached
        where, params = self._where(filters)
        dated = "e.precision IN ('day', 'month')"
        where = f"{where} AND {dated}" if where else f" WHERE {dated}"
        rows = self._all(
            f"""SELECT substr(e.sort_date, 1, 7) AS month, count(*),
                       coalesce(sum(CASE WHEN e.type = 'release' THEN e.count END), 0),
                       sum(e.type = 'release' AND e.count IS NULL)
                FROM events e{where} GROUP BY month ORDER BY month""",
            params,
        )
        by_month = {r[0]: (r[1], r[2], r[3]) for r in rows}
        result: list[MonthCount] = []
        total = 0
        months = _month_range(rows[0][0], rows[-1][0]) if rows else []
        if len(months) > 1200:  # a stray far-off date would make a century of empty months
            months = [r[0] for r in rows]
        for month in months:
            events, released, uncounted = by_month.get(month, (0, 0, 0))
            total += released
            result.append(MonthCount(month, events, released, total, uncounted))
        self._months[filters] = result
        return result

    def coarse_count(self, filters: Filters = Filters()) -> int:
        """Events of the filters the monthly chart cannot place: dated to the year only, or
        not dated."""
        where, params = self._where(filters)
        coarse = "(e.precision IS NULL OR e.precision NOT IN ('day', 'month'))"
        where = f"{where} AND {coarse}" if where else f" WHERE {coarse}"
        r = self._one(f"SELECT count(*) FROM events e{where}", params)
        return r[0] if r else 0

    # -- one event --------------------------------------------------------------------------

    def event(self, event_id: int) -> EventDetail | None:
        from store.read.records import ConflictValue, EventActor, EventDetail, EventSource

        r = self._one(
            """SELECT e.id, e.type, e.cameo, e.date, e.precision, e.approximate, e.date_source,
                      e.summary, e.place, e.count, t.name, e.authority
               FROM events e LEFT JOIN actors t ON t.id = e.target_id WHERE e.id = ?""",
            [event_id],
        )
        if r is None:
            return None
        actors = [
            EventActor(*a)
            for a in self._all(
                """SELECT a.id, a.name, a.kind, ea.role FROM event_actors ea
                   JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = ?
                   ORDER BY ea.rowid""",
                [event_id],
            )
        ]
        sources = [
            EventSource(*s)
            for s in self._all(
                """SELECT d.id, d.title, d.source, d.published, d.url, s.quote
                   FROM event_sources s JOIN documents d ON d.id = s.document_id
                   WHERE s.event_id = ? ORDER BY d.published, d.id, s.id""",
                [event_id],
            )
        ]
        conflicts: dict[str, list[ConflictValue]] = {}
        for f, value, doc_id, title, source in self._all(
            """SELECT c.field, c.value, d.id, d.title, d.source FROM conflicts c
               JOIN documents d ON d.id = c.document_id WHERE c.event_id = ?
               ORDER BY c.field, d.published, d.id""",
            [event_id],
        ):
            conflicts.setdefault(f, []).append(ConflictValue(value, doc_id, title, source))
        return EventDetail(
            id=r[0], type=r[1], cameo=r[2], date=r[3], precision=r[4], approximate=bool(r[5]),
            date_source=r[6], summary=r[7], place=r[8], count=r[9], target=r[10],
            authority=r[11],
            actors=actors, sources=sources, conflicts=conflicts,
        )

    # -- actors -----------------------------------------------------------------------------

    def actor(self, actor_id: int, *, events_limit: int = 50) -> ActorProfile | None:
        from store.read.records import ActorProfile, CoActor, Role, Spelling, Statement

        r = self._one(
            """SELECT a.id, a.name, a.kind, coalesce(af.name, a.affiliation), a.description,
                      a.discovered
               FROM actors a LEFT JOIN actors af ON af.slug = a.affiliation WHERE a.id = ?""",
            [actor_id],
        )
        if r is None:
            return None
        spellings: dict[str, list[str]] = {}
        for (alias,) in self._all(
            "SELECT alias FROM aliases WHERE actor_id = ? AND origin = 'seen' ORDER BY id",
            [actor_id],
        ):
            spellings.setdefault(alias, [])
        for surface, doc in self._all(
            """SELECT DISTINCT m.surface, coalesce(d.title, d.source, d.path)
               FROM mentions m JOIN documents d ON d.id = m.document_id
               WHERE m.actor_id = ? ORDER BY m.surface, d.published""",
            [actor_id],
        ):
            docs = spellings.setdefault(surface, [])
            if doc and doc not in docs:
                docs.append(doc)
        roles = [
            Role(*x)
            for x in self._all(
                'SELECT role, start, "end" FROM actor_roles WHERE actor_id = ? ORDER BY start, id',
                [actor_id],
            )
        ]
        event_roles = [
            (x[0], x[1])
            for x in self._all(
                """SELECT role, count(*) FROM event_actors WHERE actor_id = ?
                   GROUP BY role ORDER BY count(*) DESC, role""",
                [actor_id],
            )
        ]
        n_events = self.timeline_count(Filters(actor_id=actor_id))
        events = self.timeline_page(0, events_limit, Filters(actor_id=actor_id))
        statements = [
            Statement(*x)
            for x in self._all(
                """SELECT e.id, e.date, s.quote, d.title, d.source, e.approximate, d.id
                   FROM event_actors ea JOIN events e ON e.id = ea.event_id
                   JOIN event_sources s ON s.event_id = e.id
                   JOIN documents d ON d.id = s.document_id
                   WHERE ea.actor_id = ? AND ea.role = 'speaker' AND e.type = 'statement'
                   ORDER BY e.sort_date, e.id, s.id LIMIT 50""",
                [actor_id],
            )
        ]
        co_actors = [
            CoActor(*x)
            for x in self._all(
                """SELECT a.id, a.name, count(DISTINCT other.event_id) AS n
                   FROM event_actors mine
                   JOIN event_actors other
                     ON other.event_id = mine.event_id AND other.actor_id != mine.actor_id
                   JOIN actors a ON a.id = other.actor_id
                   WHERE mine.actor_id = ? GROUP BY a.id ORDER BY n DESC, a.name LIMIT 8""",
                [actor_id],
            )
        ]
        return ActorProfile(
            id=r[0], name=r[1], kind=r[2], affiliation=r[3], description=r[4],
            discovered=bool(r[5]), spellings=[Spelling(k, v) for k, v in spellings.items()],
            roles=roles, event_roles=event_roles, events=events, n_events=n_events,
            statements=statements, co_actors=co_actors,
        )

    _ACTOR_ROW_SQL = """
    SELECT a.id, a.name, a.kind,
      coalesce(
        (SELECT role FROM actor_roles r WHERE r.actor_id = a.id ORDER BY r.start DESC LIMIT 1),
        (SELECT role FROM event_actors ea WHERE ea.actor_id = a.id
           GROUP BY role ORDER BY count(*) DESC LIMIT 1)),
      (SELECT count(DISTINCT event_id) FROM event_actors ea WHERE ea.actor_id = a.id) AS n
    FROM actors a
    """

    def actors_list(self, ids: list[int]) -> list[ActorRow]:
        """Rows for these actors, in the order given (search rank)."""
        from store.read.records import ActorRow

        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {
            r[0]: ActorRow(*r)
            for r in self._all(f"{self._ACTOR_ROW_SQL} WHERE a.id IN ({marks})", ids)
        }
        return [rows[i] for i in ids if i in rows]

    def top_actors(self, limit: int = 100) -> list[ActorRow]:
        """The actors with most events: what the Actors pane lists before anything is typed."""
        ids = [
            r[0]
            for r in self._all(
                """SELECT actor_id FROM event_actors GROUP BY actor_id
                   ORDER BY count(DISTINCT event_id) DESC, actor_id LIMIT ?""",
                [limit],
            )
        ]
        if len(ids) < limit:
            marks = ",".join("?" * len(ids)) or "NULL"
            ids += [
                r[0]
                for r in self._all(
                    f"SELECT id FROM actors WHERE id NOT IN ({marks}) ORDER BY name LIMIT ?",
                    [*ids, limit - len(ids)],
                )
            ]
        return self.actors_list(ids)

    def search_actors(self, query: str, limit: int = 20) -> list[Hit]:
        """The one actor search (store.identity.search), index loaded once per store version."""
        self.data_version()
        index = self._index
        if index is None:
            from store.identity.search import load_index

            with self._lock:
                index = self._index = load_index(self.conn)
        return index.search(query, limit=limit)

    def actor_name(self, actor_id: int) -> str | None:
        r = self._one("SELECT name FROM actors WHERE id = ?", [actor_id])
        return r[0] if r else None

    # -- sanctions --------------------------------------------------------------------------

    def sanctions_board(self) -> SanctionsBoard:
        from store.read.records import SanctionCell, SanctionsBoard

        rows = self._all(
            f"""SELECT s.target_id, a.name, a.kind, s.authority, s.status, s.since,
                      {_CONFIRMED_SQL}
               FROM sanctions s JOIN actors a ON a.id = s.target_id
               ORDER BY a.name, s.authority"""
        )
        targets: dict[int, tuple[int, str, str]] = {}
        authorities: list[str] = []
        cells: dict[tuple[int, str], SanctionCell] = {}
        tally: dict[str, dict[str, int]] = {}
        for target_id, name, kind, authority, status, since, confirmed in rows:
            targets.setdefault(target_id, (target_id, name, kind))
            if authority not in authorities:
                authorities.append(authority)
            cells[(target_id, authority)] = SanctionCell(status, since, confirmed)
            counts = tally.setdefault(authority, {})
            counts[status] = counts.get(status, 0) + 1
        summaries = {
            auth: ", ".join(
                f"{counts[s]} {status_word(s)}"
                for s in sorted(counts, key=lambda s: (_status_rank(s), s))
            )
            for auth, counts in tally.items()
        }
        authorities.sort()
        return SanctionsBoard(list(targets.values()), authorities, cells, summaries)

    def sanction_history(self, target_id: int, authority: str) -> list[HistoryEntry]:
        from store.read.records import HistoryEntry

        return [
            HistoryEntry(*r)
            for r in self._all(
                """SELECT h.status, h.date, h.event_id, e.summary, d.title, d.source, h.quote,
                          coalesce(e.approximate AND e.date = h.date, 0), d.id
                   FROM sanctions s JOIN sanction_history h ON h.sanction_id = s.id
                   JOIN documents d ON d.id = h.document_id
                   LEFT JOIN events e ON e.id = h.event_id
                   WHERE s.target_id = ? AND s.authority = ?
                   ORDER BY h.sort_date, h.id""",
                [target_id, authority],
            )
        ]

    def sanction_cell(self, target_id: int, authority: str) -> tuple[str, SanctionCell] | None:
        from store.read.records import SanctionCell

        r = self._one(
            f"""SELECT a.name, s.status, s.since, {_CONFIRMED_SQL} FROM sanctions s JOIN actors a
               ON a.id = s.target_id WHERE s.target_id = ? AND s.authority = ?""",
            [target_id, authority],
        )
        return (r[0], SanctionCell(r[1], r[2], r[3])) if r else None


# The last date a source gave the current status of sanction `s` (a renewal, "remains in place").
_CONFIRMED_SQL = """(SELECT h.date FROM sanction_history h
    WHERE h.sanction_id = s.id AND h.status = s.status AND h.date IS NOT NULL
    ORDER BY h.sort_date DESC LIMIT 1)"""


def _status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def _month_range(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (y, m) <= end:
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def updated_label(iso: str | None) -> str:
    """When the store last changed, in UTC (the store's clock, whatever the terminal's zone)."""
    return f"{iso[:10]} {iso[11:16]} UTC" if iso and len(iso) >= 16 else "never"


def date_label(date: str | None, approximate: bool = False) -> str:
    """An event date at its precision: `2025-06-21`, `2025-06`, `2025`, `~2025-04`, `?`."""
    if not date:
        return "?"
    return ("~" if approximate else "") + date

