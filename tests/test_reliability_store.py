"""Store files that are not what they should be: other SQLite files, damaged files, read-only
files, newer and older schema versions — a clear message or a migration, never a traceback.
And `thaw doctor`, which says what is wrong in plain words."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile import THAW

from store.db import schema
from store.db.connect import StoreError, connect
from store.db.doctor import diagnose
from store.read.export import export_data
from tui.cli import main

ARTICLE = Path(__file__).parent / "articles" / "council.md"
READ_COMMANDS = [["timeline"], ["actors"], ["sanctions"], ["search", "Lukashenko"], ["export"]]


def thaw(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*THAW, *args], capture_output=True, text=True, timeout=300)


def make_other(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('mine')")
    conn.commit()
    conn.close()
    return path


def checkpointed(src: Path, dst: Path) -> Path:
    conn = sqlite3.connect(src)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copy(src, dst)
    return dst


def damage(src: Path, dst: Path, offset: int) -> Path:
    data = bytearray(checkpointed(src, dst).read_bytes())
    data[offset:offset + 4096] = b"\xde\xad\xbe\xef" * 1024
    dst.write_bytes(bytes(data))
    return dst


# -- not a store ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["other-sqlite", "text", "garbage-header", "folder", "newer"])
def test_unusable_files_give_one_clear_line(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.db"
    if kind == "other-sqlite":
        make_other(path)
        words = "not a thaw store"
    elif kind == "text":
        path.write_text("# my notes\n" * 100)
        words = "not a usable SQLite store"
    elif kind == "garbage-header":
        path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
        words = "not a usable SQLite store"
    elif kind == "folder":
        path.mkdir()
        words = "is a directory"      # click's own check of --db
    else:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY)")
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
        conn.close()
        words = "newer than this thaw"
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(StoreError, match="folder" if kind == "folder" else words):
        connect(path)
    for args in [*READ_COMMANDS, ["ingest", str(ARTICLE)]]:
        out = CliRunner().invoke(main, [*args, "--db", str(path)])
        assert out.exit_code == (2 if kind == "folder" else 1), (args, out.output)
        assert out.exception is None or isinstance(out.exception, SystemExit), out.exception
        errors = [ln for ln in out.output.splitlines() if ln.startswith("Error: ")]
        assert len(errors) == 1 and words in errors[0], out.output
        assert kind == "folder" or len(out.output.strip().splitlines()) == 1, out.output
    if before is not None:
        assert path.read_bytes() == before        # refused files are left exactly as they were
    result = diagnose(path)
    assert not result.healthy


def test_other_sqlite_file_keeps_its_data(tmp_path: Path) -> None:
    path = make_other(tmp_path / "notes.db")
    thaw("ingest", str(ARTICLE), "--db", str(path))
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT body FROM notes").fetchall() == [("mine",)]
    assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master")} == {"notes"}


# -- damaged stores ---------------------------------------------------------------------------

@pytest.mark.parametrize("offset", [8192, 65536, 200_000])
def test_damaged_store_is_diagnosed(seed_db: Path, tmp_path: Path, offset: int) -> None:
    bad = damage(seed_db, tmp_path / "bad.db", offset)
    result = diagnose(bad)
    assert not result.healthy
    assert "damaged" in " ".join(result.problems)
    out = thaw("doctor", "--db", str(bad))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "problem: the file is damaged" in out.stdout


@pytest.mark.parametrize("offset", [65536, 200_000])
def test_read_commands_on_damaged_store_say_so_without_traceback(seed_db: Path, tmp_path: Path,
                                                                  offset: int) -> None:
    bad = damage(seed_db, tmp_path / "bad.db", offset)
    for args in READ_COMMANDS:
        out = thaw(*args, "--db", str(bad))
        assert "Traceback" not in out.stderr, (args, out.stderr[-500:])


# -- read-only --------------------------------------------------------------------------------

@pytest.fixture
def readonly_store(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A store its user may read but not write (file 0444 in a 0555 folder). Root may write
    anything, so `os.access` answers as it would for anybody else."""
    folder = Path(tempfile.mkdtemp(prefix="thaw-ro-"))
    path = checkpointed(seed_db, folder / "ro.db")
    path.chmod(0o444)
    folder.chmod(0o555)
    real = os.access

    def access(p: object, mode: int, **kw: object) -> bool:
        if mode & os.W_OK and str(p).startswith(str(folder)):
            return False
        return real(p, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    try:
        yield path
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_read_only_store_is_read_and_ingest_says_why_not(readonly_store: Path) -> None:
    path = readonly_store
    before = path.read_bytes()
    out = CliRunner().invoke(main, ["timeline", "--db", str(path)])
    assert out.exit_code == 0, out.output
    assert "Kellogg" in out.output
    out = CliRunner().invoke(main, ["search", "Lukashenko", "--db", str(path)])
    assert out.exit_code == 0 and "Lukashenka" in out.output
    out = CliRunner().invoke(main, ["ingest", str(ARTICLE), "--db", str(path)])
    assert out.exit_code == 1 and out.exception is None or isinstance(out.exception, SystemExit)
    assert "read-only" in out.output and len(out.output.strip().splitlines()) == 1
    out = CliRunner().invoke(main, ["doctor", "--db", str(path)])
    assert out.exit_code == 0, out.output
    assert path.read_bytes() == before


# -- schema versions: migrations keep data ----------------------------------------------------

# The layout before `user_version` was set (cf. commit 5a54d8a): no `date_source` columns, no
# conflicts/sanctions/FTS tables. Stores like this are upgraded in place.
V0 = """
CREATE TABLE documents (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, path TEXT,
    title TEXT, source TEXT, author TEXT, url TEXT, published TEXT, published_how TEXT,
    text TEXT NOT NULL, ingested_at TEXT NOT NULL);
CREATE TABLE actors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    affiliation TEXT, description TEXT, discovered INTEGER NOT NULL DEFAULT 0, slug TEXT UNIQUE);
CREATE TABLE aliases (id INTEGER PRIMARY KEY, actor_id INTEGER NOT NULL REFERENCES actors(id),
    alias TEXT NOT NULL, origin TEXT NOT NULL, UNIQUE (actor_id, alias));
CREATE TABLE mentions (id INTEGER PRIMARY KEY, actor_id INTEGER NOT NULL, document_id INTEGER
    NOT NULL, surface TEXT NOT NULL, sentence TEXT NOT NULL);
CREATE TABLE events (id INTEGER PRIMARY KEY, type TEXT NOT NULL, cameo TEXT NOT NULL, date TEXT,
    precision TEXT, approximate INTEGER NOT NULL DEFAULT 0, sort_date TEXT NOT NULL,
    summary TEXT NOT NULL, place TEXT, count INTEGER, target_id INTEGER, authority TEXT,
    merge_key TEXT NOT NULL);
CREATE TABLE event_actors (event_id INTEGER NOT NULL, actor_id INTEGER NOT NULL,
    role TEXT NOT NULL, PRIMARY KEY (event_id, actor_id, role));
CREATE TABLE event_sources (id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL,
    document_id INTEGER NOT NULL, quote TEXT NOT NULL, type TEXT NOT NULL, date TEXT,
    precision TEXT, count INTEGER, UNIQUE (event_id, document_id, quote));
INSERT INTO documents VALUES (1, 'abc', 'old.md', 'Old article', 'EDM', NULL, NULL,
    '2025-06-21', 'front_matter', 'Belarus freed 14 prisoners on 21 June 2025.', '2025-06-22');
INSERT INTO actors VALUES (1, 'Belarus', 'country', NULL, NULL, 0, 'belarus');
INSERT INTO mentions VALUES (1, 1, 1, 'Belarus', 'Belarus freed 14 prisoners on 21 June 2025.');
INSERT INTO events VALUES (1, 'release', '0841', '2025-06-21', 'day', 0, '2025-06-21',
    'Belarus releases 14 prisoners', NULL, 14, NULL, NULL, 'release|1');
INSERT INTO event_actors VALUES (1, 1, 'agent');
INSERT INTO event_sources VALUES (1, 1, 1, 'Belarus freed 14 prisoners on 21 June 2025.',
    'release', '2025-06-21', 'day', 14);
"""


def make_v0(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(V0)
    conn.close()
    return path


def test_pre_versioning_store_is_upgraded_keeping_its_data(tmp_path: Path) -> None:
    path = make_v0(tmp_path / "old.db")
    assert "older" in " ".join(diagnose(path).notes) and diagnose(path).healthy
    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    data = export_data(conn)
    assert [e["summary"] for e in data["events"]] == ["Belarus releases 14 prisoners"]
    assert data["events"][0]["sources"][0]["quote"].startswith("Belarus freed 14")
    # The new FTS index covers the old rows: the timeline filter finds them.
    assert conn.execute("SELECT rowid FROM events_fts WHERE events_fts MATCH 'prisoners'"
                        ).fetchall() == [(1,)]
    conn.close()
    assert diagnose(path).healthy, diagnose(path).lines()
    out = thaw("ingest", str(ARTICLE), "--db", str(path))
    assert out.returncode == 0, out.stderr
    assert thaw("doctor", "--db", str(path)).returncode == 0


def test_read_only_older_store_says_how_to_upgrade(tmp_path: Path) -> None:
    path = make_v0(tmp_path / "old.db")
    with pytest.raises(StoreError, match="older"):
        connect(path, readonly=True)


def test_migration_framework_next_version(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A next step as a future thaw would add it: runs once, keeps every row, bumps the version."""
    before = export_data(connect(seed_db))
    now = schema.SCHEMA_VERSION

    def to_v2(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE events ADD COLUMN note TEXT")
        conn.execute("UPDATE events SET note = 'migrated'")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(schema.MIGRATIONS, now, to_v2)
    conn = connect(seed_db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == now + 1
    assert conn.execute("SELECT count(*) FROM events WHERE note = 'migrated'").fetchone()[0] \
        == len(before["events"])
    assert export_data(conn) == before
    conn.close()
    connect(seed_db).close()    # already upgraded: the step does not run again (it would fail)


def test_failed_migration_leaves_the_store_as_it_was(seed_db: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    before = export_data(connect(seed_db))
    now = schema.SCHEMA_VERSION

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE events ADD COLUMN note TEXT")
        conn.execute("DELETE FROM event_sources")
        conn.execute("SELECT * FROM no_such_table")      # fails half-way

    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(schema.MIGRATIONS, now, broken)
    with pytest.raises(StoreError, match="left unchanged"):
        connect(seed_db)
    monkeypatch.undo()
    conn = connect(seed_db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == now
    assert "note" not in {r[1] for r in conn.execute("PRAGMA table_info(events)")}
    assert export_data(conn) == before


# -- doctor -----------------------------------------------------------------------------------

def test_doctor_healthy_store(seed_db: Path) -> None:
    out = thaw("doctor", "--db", str(seed_db))
    assert out.returncode == 0, out.stdout
    assert out.stdout.strip().endswith("healthy") and "problem" not in out.stdout


def test_doctor_names_orphans_and_stale_search_index(seed_db: Path) -> None:
    conn = sqlite3.connect(seed_db)
    conn.execute("PRAGMA foreign_keys = OFF")
    doc = conn.execute("SELECT id FROM documents LIMIT 1").fetchone()[0]
    # A document row removed behind thaw's back (its mentions and sources stay behind) and an
    # event summary changed without its FTS trigger.
    conn.execute("DROP TRIGGER documents_ad")
    conn.execute("DELETE FROM documents WHERE id = ?", (doc,))
    conn.execute("DROP TRIGGER events_au")
    conn.execute("UPDATE events SET summary = 'zzz rewritten' WHERE id = (SELECT min(id) FROM events)")
    conn.commit()
    conn.close()
    result = diagnose(seed_db)
    text = "\n".join(result.problems)
    assert "mention(s) point to a missing document" in text
    assert "event source(s) point to a missing document" in text
    assert "search index out of step" in text
    out = thaw("doctor", "--db", str(seed_db))
    assert out.returncode == 1 and "problems found" in out.stdout


def test_doctor_plain_words_for_files_that_are_not_stores(tmp_path: Path) -> None:
    cases = {
        tmp_path / "missing.db": "no file here",
        make_other(tmp_path / "other.db"): "not a thaw store",
        tmp_path / "empty.db": "empty",
        tmp_path / "text.db": "not a SQLite file",
    }
    (tmp_path / "empty.db").write_bytes(b"")
    (tmp_path / "text.db").write_text("hello")
    for path, words in cases.items():
        out = thaw("doctor", "--db", str(path))
        assert out.returncode == 1 and words in out.stdout, out.stdout
        assert "Traceback" not in out.stderr
