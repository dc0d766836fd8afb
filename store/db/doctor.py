"""`thaw doctor`: is this store healthy? Integrity, schema, FTS indexes, orphans — in plain words.

Never changes the store (the one write-looking check, FTS5's integrity-check, runs inside a
transaction that is rolled back), so it is safe on a store the dashboard has open.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from store.db.connect import _open_readonly, _writable
from store.db.schema import FTS, SCHEMA_VERSION, TABLES, store_version

_HEADER = b"SQLite format 3\x00"
_SHOWN = 5   # integrity messages quoted before "and N more"


@dataclass
class Diagnosis:
    path: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)     # fine, but worth saying

    @property
    def healthy(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        out = [f"store: {self.path}"]
        out += [f"  ok: {n}" for n in self.notes]
        out += [f"  problem: {p}" for p in self.problems]
        out.append("healthy" if self.healthy else
                   f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} found")
        return out


def _expected_layout() -> dict[str, set[str]]:
    mem = sqlite3.connect(":memory:")
    try:
        mem.executescript(TABLES + FTS)
        return _layout(mem)
    finally:
        mem.close()


def _layout(conn: sqlite3.Connection) -> dict[str, set[str]]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE '%_fts_%'")]
    return {n: {r[1] for r in conn.execute(f'PRAGMA table_info("{n}")')} for n in names}


# (what is wrong, in words; SQL counting the rows it applies to)
_ORPHANS = [
    ("mention(s) point to a missing document",
     "SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)"),
    ("mention(s) point to a missing actor",
     "SELECT count(*) FROM mentions WHERE actor_id NOT IN (SELECT id FROM actors)"),
    ("event source(s) point to a missing document",
     "SELECT count(*) FROM event_sources WHERE document_id NOT IN (SELECT id FROM documents)"),
    ("event source(s) point to a missing event",
     "SELECT count(*) FROM event_sources WHERE event_id NOT IN (SELECT id FROM events)"),
    ("event(s) have no source sentence",
     "SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_sources)"),
    ("event participant row(s) point to a missing event or actor",
     "SELECT count(*) FROM event_actors WHERE event_id NOT IN (SELECT id FROM events)"
     " OR actor_id NOT IN (SELECT id FROM actors)"),
    ("spelling(s) belong to a missing actor",
     "SELECT count(*) FROM aliases WHERE actor_id NOT IN (SELECT id FROM actors)"),
    ("conflict value(s) point to a missing event or document",
     "SELECT count(*) FROM conflicts WHERE event_id NOT IN (SELECT id FROM events)"
     " OR document_id NOT IN (SELECT id FROM documents)"),
    ("sanction status(es) point to a missing target",
     "SELECT count(*) FROM sanctions WHERE target_id NOT IN (SELECT id FROM actors)"),
    ("sanction history entr(ies) point to a missing sanction, document or event",
     "SELECT count(*) FROM sanction_history WHERE sanction_id NOT IN (SELECT id FROM sanctions)"
     " OR document_id NOT IN (SELECT id FROM documents)"
     " OR (event_id IS NOT NULL AND event_id NOT IN (SELECT id FROM events))"),
]

# (FTS table, content table): external-content indexes kept in step by triggers.
_FTS = [("documents_fts", "documents"), ("events_fts", "events")]


def diagnose(path: str | Path) -> Diagnosis:
    path = Path(path)
    d = Diagnosis(path)
    if not path.exists():
        d.problems.append("there is no file here (`thaw` builds the default store on first use; "
                          "`thaw ingest FILES --db FILE` makes any other)")
        return d
    if path.is_dir():
        d.problems.append("this is a folder, not a store file")
        return d
    try:
        with path.open("rb") as f:
            header = f.read(len(_HEADER))
    except OSError as exc:
        d.problems.append(f"the file cannot be read ({exc.strerror or exc})")
        return d
    if not header:
        d.problems.append("the file is empty: not a store yet (ingest or the dashboard fills it)")
        return d
    if header != _HEADER:
        d.problems.append("this is not a SQLite file at all (wrong --db path, or a damaged file)")
        return d
    try:
        conn = sqlite3.connect(path, timeout=30) if _writable(path) else _open_readonly(path)
    except sqlite3.Error as exc:
        d.problems.append(f"SQLite cannot open the file ({exc})")
        return d
    try:
        _check(conn, d)
    except sqlite3.DatabaseError as exc:
        d.problems.append(f"the file is damaged: SQLite stopped reading it ({exc}); restore a "
                          "backup or re-ingest the articles into a new store")
    finally:
        conn.close()
    return d


def _check(conn: sqlite3.Connection, d: Diagnosis) -> None:
    # Integrity first: every later query may trip over a damaged page.
    messages = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if messages != ["ok"]:
        more = f" and {len(messages) - _SHOWN} more" if len(messages) > _SHOWN else ""
        d.problems.append("the file is damaged (SQLite integrity check: "
                          + "; ".join(messages[:_SHOWN]) + more + "); restore a backup or "
                          "re-ingest the articles into a new store")
        return
    d.notes.append("SQLite integrity check passed")

    version, is_thaw = store_version(conn)
    if not is_thaw:
        d.problems.append("this SQLite file is not a thaw store (it holds other tables)")
        return
    if version > SCHEMA_VERSION:
        d.problems.append(f"schema version {version} is newer than this thaw understands "
                          f"({SCHEMA_VERSION}): upgrade thaw")
        return
    if version == 0 and not _layout(conn):
        d.problems.append("the file holds no tables: not a store yet")
        return
    if version < SCHEMA_VERSION:
        d.notes.append(f"schema version {version} is older than {SCHEMA_VERSION}: the next "
                       "ingest or dashboard start upgrades it, keeping its data")
    else:
        d.notes.append(f"schema version {version} (current)")

    layout, expected = _layout(conn), _expected_layout()
    missing = sorted(set(expected) - set(layout))
    if missing and version == SCHEMA_VERSION:
        d.problems.append("missing table(s): " + ", ".join(missing))
    for table in sorted(set(expected) & set(layout)):
        cols = sorted(expected[table] - layout[table])
        if cols and version == SCHEMA_VERSION:
            d.problems.append(f"table {table} lacks column(s): {', '.join(cols)}")
    if version < SCHEMA_VERSION or d.problems:
        return   # the checks below assume the current layout

    counts = conn.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events),"
        " (SELECT count(*) FROM actors), (SELECT count(*) FROM sanctions)").fetchone()
    d.notes.append(f"{counts[0]} documents, {counts[1]} events, {counts[2]} actors, "
                   f"{counts[3]} sanction statuses")

    found = 0
    for words, sql in _ORPHANS:
        n = conn.execute(sql).fetchone()[0]
        if n:
            found += 1
            d.problems.append(f"{n} {words}")
    if not found:
        d.notes.append("no orphaned rows (every mention, source and history entry has its "
                       "document, event and actor)")
    _check_fts(conn, d)


def _check_fts(conn: sqlite3.Connection, d: Diagnosis) -> None:
    broken: list[str] = []
    for fts, content in _FTS:
        # Rows indexed vs rows stored: `<fts>_docsize` has one row per indexed row.
        unindexed = conn.execute(
            f"SELECT count(*) FROM {content} WHERE id NOT IN (SELECT id FROM {fts}_docsize)"
        ).fetchone()[0]
        stale = conn.execute(
            f"SELECT count(*) FROM {fts}_docsize WHERE id NOT IN (SELECT id FROM {content})"
        ).fetchone()[0]
        if unindexed or stale:
            broken.append(f"{fts}: {unindexed} {content} row(s) not indexed, {stale} index "
                          "entr(ies) for deleted rows")
            continue
        try:
            # Compares every indexed token with the content table; reads only, but SQLite
            # wants a write transaction for it, so roll back to be sure nothing changes.
            conn.execute("BEGIN")
            conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc):
                broken.append(f"{fts}: the index does not match the text ({exc})")
        except sqlite3.DatabaseError as exc:
            broken.append(f"{fts}: the index does not match the text ({exc})")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    if broken:
        d.problems.append("search index out of step with the data (" + "; ".join(broken)
                          + "); rebuild it with: sqlite3 STORE \"INSERT INTO events_fts(events_fts)"
                          " VALUES('rebuild'); INSERT INTO documents_fts(documents_fts)"
                          " VALUES('rebuild')\"")
    else:
        d.notes.append("full-text indexes match the documents and events")
