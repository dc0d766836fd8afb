"""The corrections log: make, list, undo and redo corrections, and replay them over extraction.

A correction is stored as data (kind, stable target key, field, old and new value, note, who and
when) and materialised into the ordinary tables, so every reader sees corrected values. Undo of
any correction, not only the last: take back the later ones newest first, take it back, apply
the later ones again (OpenRefine's history). Each call is one short write transaction.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from store.correct import keys
from store.correct.journal import Journal, revert
from store.correct.kinds import (
    KINDS,
    STATUSES,
    CorrectionError,
    Gone,
    Kind,
    Spec,
    check_event_value,
)

ACTIVE, UNDONE, ORPHANED = "active", "undone", "orphaned"
_COLUMNS = "id, uid, kind, target_key, field, old, new, note, author, created_at, state, reason"


@dataclass(frozen=True, slots=True)
class Correction:
    id: int
    uid: str
    kind: Kind
    target_key: str
    field: str | None
    old: Any
    new: Any
    note: str | None
    author: str | None
    created_at: str
    state: str          # active | undone | orphaned
    reason: str | None

    def describe(self) -> str:
        """One line in plain words: "date 2025-09 → 2025-09-11", "not an event"."""
        label = KINDS[self.kind].label
        if self.kind is Kind.EDIT_EVENT:
            return f"{self.field} {_shown(self.old)} → {_shown(self.new)}"
        if self.kind is Kind.SET_ROLE:
            was = self.old if isinstance(self.old, dict) else {}
            who = was.get("actor") or _shown(self.field)
            return f"role of {who}: {was.get('role') or 'none'} → {self.new or 'removed'}"
        if self.kind is Kind.RENAME_ACTOR:
            return f"renamed {_shown(self.old)} → {_shown(self.new)}"
        if self.kind is Kind.SET_SANCTION:
            return f"board cell {_shown(self.old)} → {_shown(self.new)}"
        if self.kind in (Kind.MERGE_EVENTS, Kind.MERGE_ACTORS, Kind.SPLIT_SPELLING):
            return f"{label}: {_shown(self.old)}"
        return label


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        if "status" in value:
            return f"{value['status'].replace('_', ' ')} since {value.get('since') or '?'}"
        if "date" in value:
            return ("~" if value.get("approximate") else "") + (value.get("date") or "no date")
        return ", ".join(f"{k} {v}" for k, v in value.items())
    if value is None:
        return "—"
    return str(value).removeprefix("name:")


def _row(r: tuple[Any, ...]) -> Correction:
    return Correction(r[0], r[1], Kind(r[2]), r[3], r[4], _load(r[5]), _load(r[6]), r[7], r[8],
                      r[9], r[10], r[11])


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _author() -> str | None:
    try:
        return os.environ.get("THAW_AUTHOR") or getpass.getuser()
    except (KeyError, OSError):
        return None


def new_uid() -> str:
    """A correction's name in every store it is shared with: importing it twice adds nothing."""
    return uuid.uuid4().hex


@contextmanager
def _write(conn: sqlite3.Connection) -> Iterator[None]:
    """One short write transaction; waits (busy timeout) while another process writes."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _apply(conn: sqlite3.Connection, cid: int, spec: Spec, *, strict: bool,
           journal: list[dict[str, Any]] | None = None) -> None:
    """Apply one stored correction and keep its journal; a missing target orphans it (strict)."""
    j = Journal(conn, [])
    try:
        KINDS[spec.kind].apply(conn, j, spec, strict)
    except Gone as gone:
        revert(conn, j.entries)
        conn.execute("UPDATE corrections SET state = ?, reason = ?, journal = NULL WHERE id = ?",
                     (ORPHANED, str(gone), cid))
        return
    entries = _merged(journal or [], j.entries)
    conn.execute("UPDATE corrections SET journal = ? WHERE id = ?", (json.dumps(entries), cid))


def _merged(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A correction applied again after an ingest changed its cell: taking it back must restore
    the value the machine holds now, not the one it held when first applied."""
    cells = {(e["table"], json.dumps(e["key"], sort_keys=True), c): e
             for e in before if e["op"] == "update" for c in e["old"]}
    out = list(before)
    for e in after:
        if e["op"] == "update":
            rest = {}
            for c, v in e["old"].items():
                first = cells.get((e["table"], json.dumps(e["key"], sort_keys=True), c))
                if first is not None:
                    first["old"][c] = v
                else:
                    rest[c] = v
            if rest:
                out.append({**e, "old": rest})
        else:
            out.append(e)
    return out


def _spec(r: tuple[Any, ...]) -> Spec:
    return Spec(Kind(r[0]), r[1], r[2], _load(r[3]))


class Corrections:
    """The analyst's corrections to one store."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # -- making them --------------------------------------------------------------------------

    def _make(self, kind: Kind, target_key: str | None, field: str | None, old: Any, new: Any,
              note: str | None) -> Correction:
        if target_key is None:
            raise CorrectionError("that is no longer in the store (another process changed it)")
        conn = self.conn
        created = datetime.now(UTC).isoformat(timespec="seconds")
        with _write(conn):
            seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM corrections").fetchone()[0]
            cur = conn.execute(
                "INSERT INTO corrections (uid, kind, target_key, field, old, new, note, author,"
                " created_at, state, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (new_uid(), kind.value, target_key, field,
                 json.dumps(old), json.dumps(new), (note or "").strip() or None, _author(),
                 created, ACTIVE, seq))
            cid = int(cur.lastrowid)
            _apply(conn, cid, Spec(kind, target_key, field, new), strict=True)
        return self.get(cid)

    def _event_key(self, event_id: int) -> str | None:
        return keys.event_key(self.conn, event_id)

    def edit_event(self, event_id: int, field: str, value: Any, *, note: str | None = None) -> Correction:
        value = check_event_value(field, value)
        column = "date, approximate" if field == "date" else field
        row = self.conn.execute(f"SELECT {column} FROM events WHERE id = ?", (event_id,)).fetchone()
        old = ({"date": row[0], "approximate": bool(row[1])} if field == "date" else row[0]) if row else None
        return self._make(Kind.EDIT_EVENT, self._event_key(event_id), field, old, value, note)

    def set_role(self, event_id: int, actor_id: int, role: str | None, *,
                 note: str | None = None) -> Correction:
        roles = self.conn.execute("SELECT group_concat(role, ', ') FROM event_actors WHERE event_id = ?"
                                  " AND actor_id = ?", (event_id, actor_id)).fetchone()[0]
        old = {"actor": self._actor_name(actor_id), "role": roles}
        return self._make(Kind.SET_ROLE, self._event_key(event_id),
                          keys.actor_key(self.conn, actor_id), old, (role or "").strip() or None, note)

    def dismiss_event(self, event_id: int, *, note: str | None = None) -> Correction:
        summary = self.conn.execute("SELECT summary FROM events WHERE id = ?", (event_id,)).fetchone()
        return self._make(Kind.DISMISS_EVENT, self._event_key(event_id), None,
                          summary[0] if summary else None, None, note)

    def merge_events(self, keep_id: int, other_id: int, *, note: str | None = None) -> Correction:
        if keep_id == other_id:
            raise CorrectionError("an event cannot be merged with itself")
        other = self.conn.execute("SELECT summary FROM events WHERE id = ?", (other_id,)).fetchone()
        return self._make(Kind.MERGE_EVENTS, self._event_key(keep_id), None,
                          other[0] if other else None, self._needed(self._event_key(other_id)), note)

    def split_report(self, event_id: int, document_id: int, quote: str, *,
                     note: str | None = None) -> Correction:
        n = self.conn.execute("SELECT count(*) FROM event_sources WHERE event_id = ?",
                              (event_id,)).fetchone()[0]
        if n < 2:
            raise CorrectionError("this event has one report only: there is nothing to split off")
        source = self.conn.execute("SELECT id FROM event_sources WHERE event_id = ? AND document_id = ?"
                                   " AND quote = ?", (event_id, document_id, quote)).fetchone()
        report = keys.source_key(self.conn, source[0]) if source else None
        return self._make(Kind.SPLIT_REPORT, self._event_key(event_id), None, quote,
                          self._needed(report), note)

    def rename_actor(self, actor_id: int, name: str, *, note: str | None = None) -> Correction:
        name = " ".join(name.split())
        if not name:
            raise CorrectionError("a name cannot be empty")
        return self._make(Kind.RENAME_ACTOR, keys.actor_key(self.conn, actor_id), None,
                          self._actor_name(actor_id), name, note)

    def merge_actors(self, keep_id: int, other_id: int, *, note: str | None = None) -> Correction:
        if keep_id == other_id:
            raise CorrectionError("an actor cannot be merged with itself")
        return self._make(Kind.MERGE_ACTORS, keys.actor_key(self.conn, keep_id), None,
                          self._actor_name(other_id), self._needed(keys.actor_key(self.conn, other_id)), note)

    def split_spelling(self, actor_id: int, spelling: str, *, note: str | None = None) -> Correction:
        known = self.conn.execute(
            "SELECT 1 FROM aliases WHERE actor_id = ? AND alias = ? UNION"
            " SELECT 1 FROM mentions WHERE actor_id = ? AND surface = ?",
            (actor_id, spelling, actor_id, spelling)).fetchone()
        if not known:
            raise CorrectionError(f"{spelling!r} is not one of this actor's spellings")
        return self._make(Kind.SPLIT_SPELLING, keys.actor_key(self.conn, actor_id), None,
                          spelling, spelling, note)

    def not_an_actor(self, actor_id: int, *, note: str | None = None) -> Correction:
        return self._make(Kind.NOT_AN_ACTOR, keys.actor_key(self.conn, actor_id), None,
                          self._actor_name(actor_id), None, note)

    def set_sanction(self, target_id: int, authority: str, status: str, since: str | None, *,
                     note: str | None = None, evidence: tuple[int, str] | None = None) -> Correction:
        if status not in STATUSES:
            raise CorrectionError(f"{status!r} is not a status; statuses: {', '.join(STATUSES)}")
        check_event_value("date", {"date": since})
        row = self.conn.execute("SELECT status, since FROM sanctions WHERE target_id = ? AND authority = ?",
                                (target_id, authority)).fetchone()
        old = {"status": row[0], "since": row[1]} if row else None
        new: dict[str, Any] = {"status": status, "since": since or None}
        if evidence:
            sha = self.conn.execute("SELECT sha256 FROM documents WHERE id = ?", (evidence[0],)).fetchone()
            if sha:
                new["evidence"] = {"document": sha[0], "quote": evidence[1]}
        return self._make(Kind.SET_SANCTION, keys.sanction_key(self.conn, target_id, authority),
                          None, old, new, note)

    def _needed(self, key: str | None) -> str:
        if key is None:
            raise CorrectionError("the other one is no longer in the store")
        return key

    def _actor_name(self, actor_id: int) -> str | None:
        row = self.conn.execute("SELECT name FROM actors WHERE id = ?", (actor_id,)).fetchone()
        return row[0] if row else None

    # -- reading them -------------------------------------------------------------------------

    def get(self, correction_id: int) -> Correction:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM corrections WHERE id = ?",
                                (correction_id,)).fetchone()
        if row is None:
            raise CorrectionError(f"there is no correction {correction_id}")
        return _row(row)

    def log(self, *, text: str | None = None, state: str | None = None) -> list[Correction]:
        """Newest first; `text` matches the kind, field, values, note or author."""
        rows = [_row(r) for r in self.conn.execute(
            f"SELECT {_COLUMNS} FROM corrections ORDER BY created_at DESC, id DESC")]
        if state:
            rows = [c for c in rows if c.state == state]
        if text and text.strip():
            needle = text.strip().casefold()
            rows = [c for c in rows if needle in " ".join(
                map(str, (c.kind, c.describe(), c.note or "", c.author or "", c.state, c.reason or "")
                    )).casefold()]
        return rows

    def on_event(self, event_id: int) -> dict[str, Correction]:
        """Active corrections on one event by field ("dismissed", "merged", actor keys for roles)."""
        key = keys.event_key(self.conn, event_id)
        reports = keys.event_reports(self.conn, event_id)
        out: dict[str, Correction] = {}
        for c in self._active(target="event"):
            if c.target_key == key or c.target_key in reports or (
                    c.kind in (Kind.MERGE_EVENTS, Kind.SPLIT_REPORT) and c.new in reports):
                out[c.field or c.kind.value] = c
        return out

    def on_actor(self, actor_id: int) -> dict[str, Correction]:
        key = keys.actor_key(self.conn, actor_id)
        name = self._actor_name(actor_id)
        out: dict[str, Correction] = {}
        for c in self._active(target="actor"):
            if c.target_key == key or (c.kind is Kind.RENAME_ACTOR and c.new == name
                                       and keys.find_actor(self.conn, c.target_key) in (None, actor_id)):
                out["name" if c.kind is Kind.RENAME_ACTOR else c.kind.value] = c
        return out

    def on_sanction(self, target_id: int, authority: str) -> dict[str, Correction]:
        key = keys.sanction_key(self.conn, target_id, authority)
        found = [c for c in self._active(target="sanction") if c.target_key == key]
        return {"status": found[-1]} if found else {}

    def spellings(self, actor_id: int) -> list[str]:
        """Every spelling of an actor: seen in text or known (the ones a split can take off)."""
        return [r[0] for r in self.conn.execute(
            "SELECT surface FROM mentions WHERE actor_id = ? UNION"
            " SELECT alias FROM aliases WHERE actor_id = ? ORDER BY 1", (actor_id, actor_id))]

    def corrected_cells(self) -> set[tuple[int, str]]:
        """(target id, authority) of every board cell an active correction sets."""
        found = (keys.find_sanction(self.conn, c.target_key) for c in self._active(target="sanction"))
        return {cell for cell in found if cell is not None}

    def _active(self, *, target: str) -> list[Correction]:
        kinds = [k.value for k, spec in KINDS.items() if spec.target == target]
        return [_row(r) for r in self.conn.execute(
            f"SELECT {_COLUMNS} FROM corrections WHERE state = 'active' AND kind IN"
            f" ({','.join('?' * len(kinds))}) ORDER BY seq", kinds)]

    # -- undo and redo ------------------------------------------------------------------------

    def undo(self, correction_id: int) -> Correction:
        c = self.get(correction_id)
        if c.state != ACTIVE:
            raise CorrectionError(f"correction {correction_id} is {c.state}, not applied: nothing to undo")
        conn = self.conn
        with _write(conn):
            seq = conn.execute("SELECT seq FROM corrections WHERE id = ?", (correction_id,)).fetchone()[0]
            later = conn.execute(
                "SELECT id, kind, target_key, field, new, journal FROM corrections"
                " WHERE state = 'active' AND seq > ? ORDER BY seq", (seq,)).fetchall()
            for r in reversed(later):
                revert(conn, _load(r[5]) or [])
            revert(conn, _load(conn.execute("SELECT journal FROM corrections WHERE id = ?",
                                            (correction_id,)).fetchone()[0]) or [])
            conn.execute("UPDATE corrections SET state = ?, journal = NULL WHERE id = ?",
                         (UNDONE, correction_id))
            for r in later:
                _apply(conn, r[0], _spec(r[1:5]), strict=False)
        return self.get(correction_id)

    def redo(self, correction_id: int) -> Correction:
        c = self.get(correction_id)
        if c.state == ACTIVE:
            raise CorrectionError(f"correction {correction_id} is applied already")
        conn = self.conn
        with _write(conn):
            seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM corrections").fetchone()[0]
            conn.execute("UPDATE corrections SET state = ?, reason = NULL, seq = ? WHERE id = ?",
                         (ACTIVE, seq, correction_id))
            _apply(conn, correction_id, Spec(c.kind, c.target_key, c.field, c.new), strict=True)
        return self.get(correction_id)


def has_corrections(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM corrections WHERE state = 'active' LIMIT 1").fetchone() is not None


def replay(conn: sqlite3.Connection, *, rebuilt: bool = False) -> tuple[int, int]:
    """Apply every active correction again, in order, inside the caller's transaction.

    After an ingest batch (`rebuilt` False) an applied correction that changes nothing costs a
    few reads; after `thaw reextract` (`rebuilt` True) every row is new, old journals mean
    nothing, and a target that cannot be found orphans its correction. Returns (applied, orphaned).
    """
    rows = conn.execute("SELECT id, kind, target_key, field, new, journal FROM corrections"
                        " WHERE state = 'active' ORDER BY seq").fetchall()
    for r in rows:
        _apply(conn, r[0], _spec(r[1:5]), strict=rebuilt, journal=None if rebuilt else _load(r[5]))
    orphaned = conn.execute("SELECT count(*) FROM corrections WHERE state = 'orphaned' AND id IN"
                            f" ({','.join(str(r[0]) for r in rows) or 'NULL'})").fetchone()[0]
    return len(rows) - orphaned, orphaned
