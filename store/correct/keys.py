"""Stable names for what a correction is about, independent of row ids, so a correction finds
its target again after `thaw reextract` rebuilt every row.

- a report: the document's content hash and a hash of its quote;
- an event: its earliest report (after a rebuild, the event holding that report);
- an actor: its gazetteer slug, or its name for an actor found in text;
- a sanctions cell: its target's key and the authority.
"""

from __future__ import annotations

import hashlib
import sqlite3

from store.identity.names import normalise


def quote_hash(quote: str) -> str:
    return hashlib.sha1(quote.encode()).hexdigest()[:16]


def _what(type_: str, date: str | None, count: int | None) -> str:
    """What a report says: one sentence can tell two happenings ("freed 14 in June and 52 in
    September"), each its own report of its own event."""
    return hashlib.sha1(f"{type_}|{date}|{count}".encode()).hexdigest()[:8]


def report_key(sha256: str, quote: str, type_: str, date: str | None, count: int | None) -> str:
    return f"{sha256}:{quote_hash(quote)}~{_what(type_, date, count)}"


_REPORT = ("SELECT d.sha256, s.quote, s.type, s.date, s.count FROM event_sources s"
           " JOIN documents d ON d.id = s.document_id")


def event_key(conn: sqlite3.Connection, event_id: int) -> str | None:
    row = conn.execute(f"{_REPORT} WHERE s.event_id = ? ORDER BY s.id LIMIT 1", (event_id,)).fetchone()
    return report_key(*row) if row else None


def source_key(conn: sqlite3.Connection, source_id: int) -> str | None:
    """The key of one event_sources row (a report)."""
    row = conn.execute(f"{_REPORT} WHERE s.id = ?", (source_id,)).fetchone()
    return report_key(*row) if row else None


def event_reports(conn: sqlite3.Connection, event_id: int) -> set[str]:
    return {report_key(*row) for row in conn.execute(f"{_REPORT} WHERE s.event_id = ?", (event_id,))}


def find_report(conn: sqlite3.Connection, key: str) -> tuple[int, int, str] | None:
    """(event id, document id, quote) of the report a key names, if it is stored. When new
    rules read the sentence differently (another date), the sentence's only report is it."""
    sha, _, rest = key.partition(":")
    qhash, _, what = rest.partition("~")
    same_sentence = [(event_id, doc_id, quote, t, d, c) for event_id, doc_id, quote, t, d, c in conn.execute(
        "SELECT s.event_id, s.document_id, s.quote, s.type, s.date, s.count FROM event_sources s"
        " JOIN documents d ON d.id = s.document_id WHERE d.sha256 = ? ORDER BY s.id", (sha,))
        if quote_hash(quote) == qhash]
    exact = [r for r in same_sentence if _what(*r[3:]) == what]
    found = exact or (same_sentence if len(same_sentence) == 1 else [])
    return found[0][:3] if found else None


def find_event(conn: sqlite3.Connection, key: str) -> int | None:
    found = find_report(conn, key)
    return found[0] if found else None


def actor_key(conn: sqlite3.Connection, actor_id: int) -> str | None:
    row = conn.execute("SELECT slug, name FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    slug, name = row
    return slug or f"name:{normalise(name)}"


def find_actor(conn: sqlite3.Connection, key: str) -> int | None:
    if not key.startswith("name:"):
        row = conn.execute("SELECT id FROM actors WHERE slug = ?", (key,)).fetchone()
        return row[0] if row else None
    wanted = key[5:]
    for actor_id, name in conn.execute("SELECT id, name FROM actors WHERE slug IS NULL"):
        if normalise(name) == wanted:
            return actor_id
    return None


def sanction_key(conn: sqlite3.Connection, target_id: int, authority: str) -> str | None:
    target = actor_key(conn, target_id)
    return f"{target}|{authority}" if target else None


def find_sanction(conn: sqlite3.Connection, key: str) -> tuple[int, str] | None:
    target, _, authority = key.rpartition("|")
    actor = find_actor(conn, target)
    return (actor, authority) if actor is not None else None
