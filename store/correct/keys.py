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


def report_key(sha256: str, quote: str) -> str:
    return f"{sha256}:{quote_hash(quote)}"


def event_key(conn: sqlite3.Connection, event_id: int) -> str | None:
    row = conn.execute(
        "SELECT d.sha256, s.quote FROM event_sources s JOIN documents d ON d.id = s.document_id"
        " WHERE s.event_id = ? ORDER BY s.id LIMIT 1", (event_id,)).fetchone()
    return report_key(*row) if row else None


def find_report(conn: sqlite3.Connection, key: str) -> tuple[int, int, str] | None:
    """(event id, document id, quote) of the report a key names, if it is stored."""
    sha, _, qhash = key.partition(":")
    for event_id, doc_id, quote in conn.execute(
            "SELECT s.event_id, s.document_id, s.quote FROM event_sources s"
            " JOIN documents d ON d.id = s.document_id WHERE d.sha256 = ?", (sha,)):
        if quote_hash(quote) == qhash:
            return event_id, doc_id, quote
    return None


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
