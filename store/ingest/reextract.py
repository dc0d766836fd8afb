"""`thaw reextract`: every stored document through today's rules, then the corrections again.

One transaction: a crash or a SIGKILL half-way leaves the store exactly as it was. Documents,
feeds and the corrections log are kept; everything derived from text (actors, mentions, events,
sanctions) is rebuilt, then every active correction is replayed onto the new rows by its stable
key, and one whose target is gone is kept in the log as orphaned, with the reason.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from store.correct import replay
from store.correct.keys import event_key
from store.db.connect import connect
from store.ingest.documents import Document
from store.ingest.run import _extract_all
from store.ingest.writer import FileResult, Writer

# What extraction derives from a document, emptied before the rebuild (children first).
_DERIVED = ("event_actors", "event_sources", "conflicts", "sanction_history", "sanctions",
            "events", "mentions", "aliases", "actor_roles", "actors")

Fields = tuple[str, str | None, int | None, str | None, str]


@dataclass
class ReextractReport:
    documents: int = 0
    added: int = 0                  # events only the new rules find
    removed: int = 0                # events the new rules no longer find
    changed: int = 0                # events found by both with another type, date, count or place
    cells_changed: list[str] = field(default_factory=list)     # "Belavia / US: in force → lifted"
    reapplied: int = 0
    orphaned: int = 0
    errors: list[str] = field(default_factory=list)


def _events(conn: sqlite3.Connection) -> dict[str, Fields]:
    """Every event by its stable key (its earliest report) with the fields a reader sees."""
    out: dict[str, Fields] = {}
    for event_id, *fields in conn.execute("SELECT id, type, date, count, place, summary FROM events"):
        key = event_key(conn, event_id)
        if key:
            out[key] = tuple(fields)  # type: ignore[assignment]
    return out


def _board(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    return {(name, authority): f"{status.replace('_', ' ')} since {since or '?'}"
            for name, authority, status, since in conn.execute(
                "SELECT a.name, s.authority, s.status, s.since FROM sanctions s"
                " JOIN actors a ON a.id = s.target_id")}


def _stored_documents(conn: sqlite3.Connection) -> list[tuple[int, Document]]:
    docs = []
    for doc_id, sha, path, title, source, author, url, published, how, text in conn.execute(
            "SELECT id, sha256, path, title, source, author, url, published, published_how, text"
            " FROM documents ORDER BY id"):
        docs.append((doc_id, Document(path or "", text, text, title, source, author, url,
                                      date.fromisoformat(published) if published else None,
                                      how or "none", sha)))
    return docs


def reextract(db_path: str | Path, *, jobs: int = 1) -> ReextractReport:
    conn = connect(db_path, write=True)
    try:
        return _rebuild(conn, jobs)
    finally:
        conn.close()


def _rebuild(conn: sqlite3.Connection, jobs: int) -> ReextractReport:
    report = ReextractReport()
    docs = _stored_documents(conn)
    # Extraction is pure: done before the write lock is taken, so readers are not held up.
    extractions = list(_extract_all([d for _, d in docs], jobs))
    conn.execute("BEGIN IMMEDIATE")
    try:
        before, board_before = _events(conn), _board(conn)
        for table in _DERIVED:
            conn.execute(f"DELETE FROM {table}")
        writer = Writer(conn)
        for (doc_id, doc), ex in zip(docs, extractions, strict=True):
            report.documents += 1
            if isinstance(ex, BaseException):
                report.errors.append(f"{doc.path or doc.title}: could not be read again ({ex})")
                continue
            conn.execute("SAVEPOINT doc")
            try:
                writer.extraction(doc_id, ex, FileResult(doc.path, "new"), [])
            except (sqlite3.IntegrityError, ValueError, KeyError) as exc:
                conn.execute("ROLLBACK TO doc")
                report.errors.append(f"{doc.path or doc.title}: {exc}")
            conn.execute("RELEASE doc")
        writer.refresh_board()
        report.reapplied, report.orphaned = replay(conn, rebuilt=True)
        after, board_after = _events(conn), _board(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    report.added = len(after.keys() - before.keys())
    report.removed = len(before.keys() - after.keys())
    report.changed = sum(before[k][:4] != after[k][:4] for k in before.keys() & after.keys())
    report.cells_changed = [
        f"{name} / {authority}: {board_before.get((name, authority), 'none')} → "
        f"{board_after.get((name, authority), 'none')}"
        for name, authority in sorted(board_before.keys() | board_after.keys())
        if board_before.get((name, authority)) != board_after.get((name, authority))]
    return report
