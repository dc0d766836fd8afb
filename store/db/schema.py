"""The store's tables. Plain tables so sqlite-utils and Datasette open them as they are."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 3

# One statement per table; ids are INTEGER PRIMARY KEY so rowid lookups stay cheap.
TABLES = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,      -- content hash: the same content twice adds nothing
    path TEXT,
    title TEXT,
    source TEXT,
    author TEXT,
    url TEXT,
    published TEXT,                   -- ISO date, NULL when unknown
    published_how TEXT,               -- front_matter | date_line | numeric | dateline | headline_date | none
    text TEXT NOT NULL,               -- cleaned body the extractor read
    ingested_at TEXT NOT NULL,
    fetched_url TEXT,                 -- where thaw fetched it (a page, a feed item's link)
    canonical_url TEXT                -- the page's own URL for itself: one document, many routes
);
CREATE TABLE IF NOT EXISTS actors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,               -- canonical name
    kind TEXT NOT NULL,               -- person | organisation | country | place | company | sector
    affiliation TEXT,
    description TEXT,
    discovered INTEGER NOT NULL DEFAULT 0,  -- 1 = found in text, not in the gazetteer
    slug TEXT UNIQUE                  -- gazetteer id; NULL for discovered actors
);
CREATE TABLE IF NOT EXISTS aliases (
    id INTEGER PRIMARY KEY,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    alias TEXT NOT NULL,
    origin TEXT NOT NULL,             -- gazetteer | seen
    UNIQUE (actor_id, alias)
);
CREATE TABLE IF NOT EXISTS actor_roles (
    id INTEGER PRIMARY KEY,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    role TEXT NOT NULL,
    start TEXT,
    "end" TEXT
);
CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    surface TEXT NOT NULL,            -- the spelling as written ("seen as")
    sentence TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    cameo TEXT NOT NULL,
    date TEXT,                        -- ISO prefix at its precision: 2025 | 2025-06 | 2025-06-21
    precision TEXT,                   -- day | month | year | NULL (unknown)
    approximate INTEGER NOT NULL DEFAULT 0,
    date_source TEXT NOT NULL,        -- text (stated) | context | published (inferred) | none
    sort_date TEXT NOT NULL,          -- full ISO date for ordering ('9999-12-31' when unknown)
    summary TEXT NOT NULL,
    place TEXT,
    count INTEGER,
    target_id INTEGER REFERENCES actors(id),   -- sanctions events: what is sanctioned
    authority TEXT,                             -- sanctions events: US, EU, ...
    merge_key TEXT NOT NULL           -- type group + principal participants, for de-duplication
);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id),
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    role TEXT NOT NULL,
    PRIMARY KEY (event_id, actor_id, role)
);
CREATE TABLE IF NOT EXISTS event_sources (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    quote TEXT NOT NULL,              -- the exact sentence
    type TEXT NOT NULL,               -- what this source says, field by field (for conflicts)
    date TEXT,
    precision TEXT,
    date_source TEXT NOT NULL,
    count INTEGER,
    UNIQUE (event_id, document_id, quote)
);
CREATE TABLE IF NOT EXISTS conflicts (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id),
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    UNIQUE (event_id, field, value, document_id)
);
CREATE TABLE IF NOT EXISTS sanctions (
    id INTEGER PRIMARY KEY,
    target_id INTEGER NOT NULL REFERENCES actors(id),
    authority TEXT NOT NULL,
    status TEXT NOT NULL,             -- proposed | in_force | eased | lifted
    since TEXT,                       -- ISO prefix
    UNIQUE (target_id, authority)
);
CREATE TABLE IF NOT EXISTS sanction_history (
    id INTEGER PRIMARY KEY,
    sanction_id INTEGER NOT NULL REFERENCES sanctions(id),
    status TEXT NOT NULL,
    date TEXT,                        -- ISO prefix
    sort_date TEXT NOT NULL,
    event_id INTEGER REFERENCES events(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    quote TEXT NOT NULL,
    UNIQUE (sanction_id, status, date, document_id, quote)
);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,             -- a followed feed (`thaw feeds add`)
    title TEXT,
    added_at TEXT NOT NULL,
    checked_at TEXT,                  -- last `thaw update` that reached it
    error TEXT                        -- what went wrong then, NULL when it worked
);
CREATE TABLE IF NOT EXISTS http_cache (
    url TEXT PRIMARY KEY,             -- a page or feed fetched whole
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,         -- content hash: importing a shared log twice adds nothing
    kind TEXT NOT NULL,               -- store.correct.kinds.Kind
    target_key TEXT NOT NULL,         -- stable key: document hash + quote hash, slug, name
    field TEXT,
    old TEXT,                         -- JSON: the machine's value when the correction was made
    new TEXT,                         -- JSON
    note TEXT,
    author TEXT,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'active',   -- active | undone | orphaned
    reason TEXT,                      -- why it is orphaned
    journal TEXT,                     -- JSON: the row changes its last application made
    seq INTEGER NOT NULL              -- order of application
);
CREATE INDEX IF NOT EXISTS idx_events_sort ON events (sort_date, id);
CREATE INDEX IF NOT EXISTS idx_events_type ON events (type, sort_date);
CREATE INDEX IF NOT EXISTS idx_events_merge ON events (merge_key, sort_date);
CREATE INDEX IF NOT EXISTS idx_event_actors_actor ON event_actors (actor_id, event_id);
CREATE INDEX IF NOT EXISTS idx_event_sources_event ON event_sources (event_id);
CREATE INDEX IF NOT EXISTS idx_event_sources_doc ON event_sources (document_id);
CREATE INDEX IF NOT EXISTS idx_mentions_actor ON mentions (actor_id);
CREATE INDEX IF NOT EXISTS idx_mentions_doc ON mentions (document_id);
CREATE INDEX IF NOT EXISTS idx_aliases_actor ON aliases (actor_id);
CREATE INDEX IF NOT EXISTS idx_history_sanction ON sanction_history (sanction_id, sort_date);
CREATE INDEX IF NOT EXISTS idx_conflicts_event ON conflicts (event_id);
"""

# Indexes on columns added after version 1: created once the columns exist.
URL_INDEXES = """
CREATE INDEX IF NOT EXISTS idx_documents_canonical ON documents (canonical_url);
CREATE INDEX IF NOT EXISTS idx_documents_fetched ON documents (fetched_url);
"""

# An event whose date is not one stated day: approximate, a month or year, or only bounded by
# its article (the merge looks for these farther from a report's date).
LOOSE = "date_source NOT IN ('text', 'context') OR precision IS NOT 'day' OR approximate"
# The merge's candidate lookups (store/merge/match.py): events dated loosely, only coarsely, or
# only by their article, each found by group and date without scanning the rest, and the last
# stored of a group with a given count; a target's history as refresh_status reads it, without
# its quotes, and each event's part of it. The writer creates them (`ensure_merge_indexes`), so
# stores made before them get them too.
MERGE_INDEXES = f"""
CREATE INDEX IF NOT EXISTS idx_events_loose ON events (merge_key, sort_date) WHERE {LOOSE};
CREATE INDEX IF NOT EXISTS idx_history_status
    ON sanction_history (sanction_id, status, date, sort_date, event_id);
CREATE INDEX IF NOT EXISTS idx_history_by_event
    ON sanction_history (sanction_id, event_id, sort_date, status, date);
CREATE INDEX IF NOT EXISTS idx_events_coarse ON events (merge_key, sort_date)
    WHERE precision IN ('year', 'month');
CREATE INDEX IF NOT EXISTS idx_events_inferred ON events (merge_key, sort_date)
    WHERE date_source IN ('published', 'none');
CREATE INDEX IF NOT EXISTS idx_events_counted ON events (merge_key, count)
    WHERE count IS NOT NULL;
"""


def ensure_merge_indexes(conn: sqlite3.Connection) -> None:
    for statement in _statements(MERGE_INDEXES):
        conn.execute(statement)


# External-content FTS5 tables kept in step by triggers.
FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='documents', content_rowid='id');
CREATE TRIGGER IF NOT EXISTS documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(
    summary, content='events', content_rowid='id');
CREATE TRIGGER IF NOT EXISTS events_ai AFTER INSERT ON events BEGIN
    INSERT INTO events_fts(rowid, summary) VALUES (new.id, new.summary);
END;
CREATE TRIGGER IF NOT EXISTS events_ad AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, summary) VALUES ('delete', old.id, old.summary);
END;
CREATE TRIGGER IF NOT EXISTS events_au AFTER UPDATE OF summary ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, summary) VALUES ('delete', old.id, old.summary);
    INSERT INTO events_fts(rowid, summary) VALUES (new.id, new.summary);
END;
"""


class SchemaError(Exception):
    """The file is not a thaw store this version can use."""


# The tables every thaw store has had, whatever its version: how a store written before
# `user_version` was set (version 0) is told apart from somebody else's SQLite file.
_CORE = {"documents", "actors", "aliases", "mentions", "events", "event_actors", "event_sources"}


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def _migrate_0_to_1(conn: sqlite3.Connection) -> None:
    """Pre-versioning layout: no `date_source` columns, maybe no conflicts/sanctions/FTS."""
    for table in ("events", "event_sources"):
        if "date_source" not in _columns(conn, table):
            # 'none' is what the extractor writes when it cannot say where a date came from.
            conn.execute(f"ALTER TABLE {table} ADD COLUMN date_source TEXT NOT NULL DEFAULT 'none'")
    for statement in _statements(TABLES + FTS):
        conn.execute(statement)
    # External-content FTS tables created over existing rows start empty: index them.
    conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    """Web sources: where a document was fetched and its canonical URL; followed feeds; the
    validators that make a second fetch of an unchanged page a 304."""
    for column in ("fetched_url", "canonical_url"):
        if column not in _columns(conn, "documents"):
            conn.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT")
    for statement in _statements(TABLES + URL_INDEXES):
        conn.execute(statement)


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    """Corrections: the analyst's judgements, replayed on top of extraction."""
    for statement in _statements(TABLES):
        conn.execute(statement)


# MIGRATIONS[v] upgrades a version-v store to v+1. Each runs in one transaction with the
# version bump, so a crash or an error leaves the store exactly as it was.
Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: dict[int, Migration] = {0: _migrate_0_to_1, 1: _migrate_1_to_2, 2: _migrate_2_to_3}


def _statements(script: str) -> list[str]:
    """`script` split into complete statements (triggers contain inner semicolons)."""
    out: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return [s for s in out if s.rstrip(";").strip()]


def store_version(conn: sqlite3.Connection) -> tuple[int, bool]:
    """(user_version, looks like thaw): version 0 with thaw's core tables is a pre-versioning
    store; version 0 with other tables is somebody else's file."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version == 0:
        is_thaw = not tables or (
            _CORE <= tables and "sha256" in _columns(conn, "documents")
        )
        return 0, is_thaw
    return version, True


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the tables on an empty file, upgrade older thaw stores, refuse anything else."""
    version, is_thaw = store_version(conn)
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"store schema version {version} is newer than this thaw understands "
            f"({SCHEMA_VERSION}); upgrade thaw to open it"
        )
    if not is_thaw:
        raise SchemaError("this SQLite file is not a thaw store (it already holds other tables)")
    empty = not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'").fetchone()
    if empty:
        # One transaction: a crash half-way leaves an empty file, never half a schema.
        conn.executescript(
            "BEGIN IMMEDIATE;" + TABLES + URL_INDEXES + FTS
            + f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        )
        return
    migrate(conn, version)


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Upgrade step by step to SCHEMA_VERSION; each step is all-or-nothing."""
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SchemaError(f"no upgrade from store schema version {version}")
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have upgraded it while we waited for the write lock.
            now = conn.execute("PRAGMA user_version").fetchone()[0]
            if now != version:
                conn.execute("ROLLBACK")
                version = now
                continue
            step(conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException as exc:
            conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise SchemaError(
                    f"could not upgrade the store from schema version {version} ({exc}); "
                    "it was left unchanged"
                ) from exc
            raise
        version += 1
