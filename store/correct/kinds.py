"""The kinds of correction as data: each names what it is about and how it is applied.

One engine (store.correct.log) replays them all; an apply function changes rows only through
the Journal, finds its targets by stable key, and is idempotent: applied twice it changes
nothing the second time, so it can be replayed after every ingest batch. `strict` is a replay
over a rebuilt store (`thaw reextract`): a target that cannot be found there is gone, and the
correction is orphaned with the reason.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from store.correct import keys
from store.correct.journal import Journal
from store.extract.lexicon import lexicon
from store.merge.match import UNKNOWN_DATE


class Kind(StrEnum):
    EDIT_EVENT = "edit_event"
    SET_ROLE = "set_role"
    DISMISS_EVENT = "dismiss_event"
    MERGE_EVENTS = "merge_events"
    SPLIT_REPORT = "split_report"
    RENAME_ACTOR = "rename_actor"
    MERGE_ACTORS = "merge_actors"
    SPLIT_SPELLING = "split_spelling"
    NOT_AN_ACTOR = "not_an_actor"
    SET_SANCTION = "set_sanction"


class CorrectionError(ValueError):
    """A correction that cannot be made; the message is one sentence for the analyst."""


class Gone(LookupError):
    """The correction's target is not in the store (its message says which)."""


@dataclass(frozen=True, slots=True)
class Spec:
    """What a correction asks for, as stored: target key, field, new value (decoded JSON)."""

    kind: Kind
    target_key: str
    field: str | None
    new: Any


EVENT_FIELDS = ("type", "date", "count", "place", "summary")
STATUSES = ("proposed", "in_force", "eased", "lifted")
_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_PRECISION = {4: "year", 7: "month", 10: "day"}
_T = TypeVar("_T")


def _required(found: _T | None, strict: bool, why: str) -> _T | None:
    """What a key found, or None; on a strict replay, a target not found is Gone (`why`)."""
    if found is None and strict:
        raise Gone(why)
    return found


def _event(conn: sqlite3.Connection, key: str, strict: bool, what: str = "event") -> int | None:
    return _required(keys.find_event(conn, key), strict,
                     f"the {what} is no longer found: its report left the store")


def _actor(conn: sqlite3.Connection, key: str, strict: bool) -> int | None:
    return _required(keys.find_actor(conn, key), strict,
                     f"the actor {key.removeprefix('name:')!r} is no longer in the store")


# -- events -------------------------------------------------------------------------------------

def edit_event(conn: sqlite3.Connection, j: Journal, s: Spec, strict: bool) -> None:
    event_id = _event(conn, s.target_key, strict)
    if event_id is None:
        return
    j.update("events", {"id": event_id}, event_values(s.field or "", s.new))


def event_values(field: str, value: Any) -> dict[str, Any]:
    """The event columns one edited field sets (a date sets its precision and order too)."""
    if field == "date":
        iso, approx = (value or {}).get("date"), bool((value or {}).get("approximate"))
        if not iso:
            return {"date": None, "precision": None, "approximate": 0, "sort_date": UNKNOWN_DATE}
        return {"date": iso, "precision": _PRECISION[len(iso)], "approximate": int(approx),
                "date_source": "text", "sort_date": (iso + "-01-01")[:10]}
    if field == "type":
        return {"type": value, "cameo": lexicon().cameo.get(value, "")}
    return {field: value}


def check_event_value(field: str, value: Any) -> Any:
    """The value an analyst typed, checked; raises CorrectionError with one sentence."""
    if field not in EVENT_FIELDS:
        raise CorrectionError(f"an event has no field {field!r}; fields: {', '.join(EVENT_FIELDS)}")
    if field == "type":
        if value not in lexicon().cameo:
            types = ", ".join(sorted(lexicon().cameo))
            raise CorrectionError(f"{value!r} is not an event type; types: {types}")
    elif field == "date":
        iso = (value or {}).get("date")
        if iso and not (_ISO.fullmatch(iso) and _valid_iso(iso)):
            raise CorrectionError(f"{iso!r} is not a date: write 2025, 2025-09 or 2025-09-11")
    elif field == "count":
        if value is not None and (not isinstance(value, int) or value < 0):
            raise CorrectionError("a count is a whole number of people, 0 or more")
    elif field == "summary" and not (value or "").strip():
        raise CorrectionError("a summary cannot be empty")
    return value


def _valid_iso(iso: str) -> bool:
    from datetime import date
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def set_role(conn: sqlite3.Connection, j: Journal, s: Spec, strict: bool) -> None:
    event_id = _event(conn, s.target_key, strict)
    actor_id = _actor(conn, s.field or "", strict)
    if event_id is None or actor_id is None:
        return
    roles = {r for (r,) in conn.execute(
        "SELECT role FROM event_actors WHERE event_id = ? AND actor_id = ?", (event_id, actor_id))}
    if roles == ({s.new} if s.new else set()):
        return
    j.delete("event_actors", "event_id = ? AND actor_id = ?", [event_id, actor_id])
    if s.new:
        j.insert("event_actors", {"event_id": event_id, "actor_id": actor_id, "role": s.new})


def dismiss_event(conn: sqlite3.Connection, j: Journal, s: Spec, strict: bool) -> None:
    event_id = _event(conn, s.target_key, strict)
    if event_id is not None:
        _remove_event(conn, j, event_id)


def _remove_event(conn: sqlite3.Connection, j: Journal, event_id: int) -> None:
    """An event and everything hanging from it; the board cells it set are decided again."""
    cells = [c for (c,) in conn.execute(
        "SELECT DISTINCT sanction_id FROM sanction_history WHERE event_id = ?", (event_id,))]
    j.delete("sanction_history", "event_id = ?", [event_id])
    for table in ("event_actors", "event_sources", "conflicts"):
        j.delete(table, "event_id = ?", [event_id])
    j.delete("events", "id = ?", [event_id])
    _refresh_cells(conn, j, cells)


def _refresh_cells(conn: sqlite3.Connection, j: Journal, cells: list[int]) -> None:
    from store.merge.history import refresh_status
    for cell in cells:
        if conn.execute("SELECT 1 FROM sanction_history WHERE sanction_id = ?", (cell,)).fetchone():
            j.track("sanctions", {"id": cell})
            refresh_status(conn, cell)
        else:       # its only evidence is gone: no status to show
            j.delete("sanctions", "id = ?", [cell])


def merge_events(conn: sqlite3.Connection, j: Journal, s: Spec, strict: bool) -> None:
    keep = _event(conn, s.target_key, strict)
    other = _event(conn, s.new, strict, "other event")
    if keep is None or other is None or keep == other:
        return
    told = set(conn.execute("SELECT document_id, quote FROM event_sources WHERE event_id = ?", (keep,)))
    for source_id, doc_id, quote in conn.execute(
            "SELECT id, document_id, quote FROM event_sources WHERE event_id = ?", (other,)).fetchall():
        if (doc_id, quote) in told:     # the same sentence reported for both: one source
            j.delete("event_sources", "id = ?", [source_id])
        else:
            j.update("event_sources", {"id": source_id}, {"event_id": keep})
    have = set(conn.execute("SELECT actor_id, role FROM event_actors WHERE event_id = ?", (keep,)))
    for actor_id, role in conn.execute(
            "SELECT actor_id, role FROM event_actors WHERE event_id = ?", (other,)).fetchall():
        if (actor_id, role) not in have:
            j.insert("event_actors", {"event_id": keep, "actor_id": actor_id, "role": role})
    for (row_id,) in conn.execute("SELECT id FROM sanction_history WHERE event_id = ?", (other,)).fetchall():
        j.update("sanction_history", {"id": row_id}, {"event_id": keep})
    _remove_event(conn, j, other)


def split_report(conn: sqlite3.Connection, j: Journal, s: Spec, strict: bool) -> None:
    found = _required(keys.find_report(conn, s.new), strict,
                      "the report to split off is no longer in the store")
    if found is None:
        return
    event_id, doc_id, quote = found
    n = conn.execute("SELECT count(*) FROM event_sources WHERE event_id = ?", (event_id,)).fetchone()[0]
    if n < 2:
        return      # already an event of its own
    source_id, type_, date, precision, date_source, count = conn.execute(
        "SELECT id, type, date, precision, date_source, count FROM event_sources"
        " WHERE event_id = ? AND document_id = ? AND quote = ?", (event_id, doc_id, quote)).fetchone()
    ev = conn.execute("SELECT summary, place, target_id, authority, merge_key FROM events WHERE id = ?",
                      (event_id,)).fetchone()
    new_id = j.insert("events", {
        "type": type_, "cameo": lexicon().cameo.get(type_, ""), "date": date,
        "precision": precision, "approximate": 0, "date_source": date_source,
        "sort_date": (date + "-01-01")[:10] if date else UNKNOWN_DATE, "summary": ev[0],
        "place": ev[1], "count": count, "target_id": ev[2], "authority": ev[3], "merge_key": ev[4]})
    j.update("event_sources", {"id": source_id}, {"event_id": new_id})
    for actor_id, role in conn.execute(
            "SELECT actor_id, role FROM event_actors WHERE event_id = ?", (event_id,)).fetchall():
        j.insert("event_actors", {"event_id": new_id, "actor_id": actor_id, "role": role})


# -- actors -------------------------------------------------------------------------------------

def rename_actor(conn: sqlite3.Connection, j: Journal, s: Spec, strict: bool) -> None:
    actor_id = _actor(conn, s.target_key, strict)
    if actor_id is None:
        return
    old = conn.execute("SELECT name FROM actors WHERE id = ?", (actor_id,)).fetchone()[0]
    if old == s.new:
        return
    j.update("actors", {"id": actor_id}, {"name": s.new})
    # The machine's name stays findable: people search for the spelling they read.
    if not conn.execute("SELECT 1 FROM aliases WHERE actor_id = ? AND alias = ?", (actor_id, old)).fetchone():
        j.insert("aliases", {"actor_id": actor_id, "alias": old, "origin": "seen"})


def merge_actors(conn: sqlite3.Connection, j: Journal, s: Spec, strict: bool) -> None:
    keep = _actor(conn, s.target_key, strict)
    other = _actor(conn, s.new, strict)
    if keep is None or other is None or keep == other:
        return
    _move_actor_rows(conn, j, other, keep)
    name = conn.execute("SELECT name FROM actors WHERE id = ?", (other,)).fetchone()[0]
    j.delete("aliases", "actor_id = ?", [other])
    j.delete("actor_roles", "actor_id = ?", [other])
    j.delete("actors", "id = ?", [other])
    if not conn.execute("SELECT 1 FROM aliases WHERE actor_id = ? AND alias = ?", (keep, name)).fetchone():
        j.insert("aliases", {"actor_id": keep, "alias": name, "origin": "seen"})


def _move_actor_rows(conn: sqlite3.Connection, j: Journal, src: int, dst: int) -> None:
    """Mentions, spellings, roles in events and the events it is the target of: src's become dst's."""
    for (row_id,) in conn.execute("SELECT id FROM mentions WHERE actor_id = ?", (src,)).fetchall():
        j.update("mentions", {"id": row_id}, {"actor_id": dst})
    have = {a for (a,) in conn.execute("SELECT alias FROM aliases WHERE actor_id = ?", (dst,))}
    spellings = conn.execute("SELECT alias, origin FROM aliases WHERE actor_id = ?", (src,)).fetchall()
    for alias, origin in spellings:
        if alias not in have:
            j.insert("aliases", {"actor_id": dst, "alias": alias, "origin": origin})
    for event_id, role in conn.execute(
            "SELECT event_id, role FROM event_actors WHERE actor_id = ?", (src,)).fetchall():
        j.delete("event_actors", "event_id = ? AND actor_id = ? AND role = ?", [event_id, src, role])
        if not conn.execute("SELECT 1 FROM event_actors WHERE event_id = ? AND actor_id = ? AND role = ?",
                            (event_id, dst, role)).fetchone():
            j.insert("event_actors", {"event_id": event_id, "actor_id": dst, "role": role})
    for (event_id,) in conn.execute("SELECT id FROM events WHERE target_id = ?", (src,)).fetchall():
        j.update("events", {"id": event_id}, {"target_id": dst})
    _move_board_cells(conn, j, src, dst)


def _move_board_cells(conn: sqlite3.Connection, j: Journal, src: int, dst: int) -> None:
    """src's board cells become dst's; where dst has a cell under the same authority, the two
    histories become one and decide its status together."""
    for cell, authority in conn.execute(
            "SELECT id, authority FROM sanctions WHERE target_id = ?", (src,)).fetchall():
        mine = conn.execute("SELECT id FROM sanctions WHERE target_id = ? AND authority = ?",
                            (dst, authority)).fetchone()
        if mine is None:
            j.update("sanctions", {"id": cell}, {"target_id": dst})
            continue
        for row_id, status, date, doc, quote in conn.execute(
                "SELECT id, status, date, document_id, quote FROM sanction_history"
                " WHERE sanction_id = ?", (cell,)).fetchall():
            told = conn.execute(
                "SELECT 1 FROM sanction_history WHERE sanction_id = ? AND status = ? AND date IS ?"
                " AND document_id = ? AND quote = ?", (mine[0], status, date, doc, quote)).fetchone()
            if told:
                j.delete("sanction_history", "id = ?", [row_id])
            else:
                j.update("sanction_history", {"id": row_id}, {"sanction_id": mine[0]})
        j.delete("sanctions", "id = ?", [cell])
        _refresh_cells(conn, j, [mine[0]])


def split_spelling(conn: sqlite3.Connection, j: Journal, s: Spec, strict: bool) -> None:
    actor_id = _actor(conn, s.target_key, strict)
    if actor_id is None:
        return
    spelling = str(s.new)
    mentions = conn.execute("SELECT id, sentence FROM mentions WHERE actor_id = ? AND surface = ?",
                            (actor_id, spelling)).fetchall()
    alias = conn.execute("SELECT id FROM aliases WHERE actor_id = ? AND alias = ?",
                         (actor_id, spelling)).fetchone()
    if not mentions and alias is None:
        if strict:
            raise Gone(f"no source spells the actor {spelling!r} any more")
        return
    kind = conn.execute("SELECT kind FROM actors WHERE id = ?", (actor_id,)).fetchone()[0]
    new_id = _actor(conn, f"name:{keys.normalise(spelling)}", False) or j.insert(
        "actors", {"name": spelling, "kind": kind, "discovered": 1})
    if alias is not None:
        j.delete("aliases", "id = ?", [alias[0]])
    for row_id, _ in mentions:
        j.update("mentions", {"id": row_id}, {"actor_id": new_id})
    # Events told only in sentences with this spelling are the new actor's.
    sentences = {sentence for _, sentence in mentions}
    for event_id, role in conn.execute(
            "SELECT event_id, role FROM event_actors WHERE actor_id = ?", (actor_id,)).fetchall():
        quotes = {q for (q,) in conn.execute(
            "SELECT quote FROM event_sources WHERE event_id = ?", (event_id,))}
        if quotes and quotes <= sentences:
            j.delete("event_actors", "event_id = ? AND actor_id = ? AND role = ?", [event_id, actor_id, role])
            j.insert("event_actors", {"event_id": event_id, "actor_id": new_id, "role": role})


def not_an_actor(conn: sqlite3.Connection, j: Journal, s: Spec, strict: bool) -> None:
    actor_id = _actor(conn, s.target_key, strict)
    if actor_id is None:
        return
    for (event_id,) in conn.execute("SELECT id FROM events WHERE target_id = ?", (actor_id,)).fetchall():
        j.update("events", {"id": event_id}, {"target_id": None})
    for table in ("event_actors", "mentions", "aliases", "actor_roles"):
        j.delete(table, "actor_id = ?", [actor_id])
    cells = [c for (c,) in conn.execute("SELECT id FROM sanctions WHERE target_id = ?", (actor_id,))]
    for cell in cells:
        j.delete("sanction_history", "sanction_id = ?", [cell])
    j.delete("sanctions", "target_id = ?", [actor_id])
    j.delete("actors", "id = ?", [actor_id])


# -- sanctions board ----------------------------------------------------------------------------

def set_sanction(conn: sqlite3.Connection, j: Journal, s: Spec, strict: bool) -> None:
    found = _required(keys.find_sanction(conn, s.target_key), strict,
                      "the sanctioned target is no longer in the store")
    if found is None:
        return
    target_id, authority = found
    row = conn.execute("SELECT id FROM sanctions WHERE target_id = ? AND authority = ?",
                       (target_id, authority)).fetchone()
    if row is None:
        j.insert("sanctions", {"target_id": target_id, "authority": authority,
                               "status": s.new["status"], "since": s.new.get("since")})
    else:
        j.update("sanctions", {"id": row[0]}, {"status": s.new["status"], "since": s.new.get("since")})


@dataclass(frozen=True, slots=True)
class KindSpec:
    target: str                         # event | actor | sanction
    apply: Callable[[sqlite3.Connection, Journal, Spec, bool], None]
    label: str                          # how the log names it


KINDS: dict[Kind, KindSpec] = {
    Kind.EDIT_EVENT: KindSpec("event", edit_event, "edited"),
    Kind.SET_ROLE: KindSpec("event", set_role, "role"),
    Kind.DISMISS_EVENT: KindSpec("event", dismiss_event, "not an event"),
    Kind.MERGE_EVENTS: KindSpec("event", merge_events, "merged events"),
    Kind.SPLIT_REPORT: KindSpec("event", split_report, "split off a report"),
    Kind.RENAME_ACTOR: KindSpec("actor", rename_actor, "renamed"),
    Kind.MERGE_ACTORS: KindSpec("actor", merge_actors, "merged actors"),
    Kind.SPLIT_SPELLING: KindSpec("actor", split_spelling, "split off a spelling"),
    Kind.NOT_AN_ACTOR: KindSpec("actor", not_an_actor, "not an actor"),
    Kind.SET_SANCTION: KindSpec("sanction", set_sanction, "board cell"),
}
