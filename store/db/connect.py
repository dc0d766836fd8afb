"""Opening a store: where it lives, WAL, busy timeout, one connection per thread."""

from __future__ import annotations

import os
import sqlite3
import time
import urllib.parse
from pathlib import Path

from store.db import schema
from store.db.schema import SchemaError, ensure_schema, store_version

BUSY_TIMEOUT_MS = 30_000


class StoreError(Exception):
    """A store that cannot be opened, said in plain words."""


def default_db_path() -> Path:
    """`THAW_DB`, else the user data directory."""
    env = os.environ.get("THAW_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("thaw", appauthor=False)) / "thaw.db"


def _writable(path: Path) -> bool:
    """Can this process write the store? WAL also creates `-wal`/`-shm` files beside it."""
    if not os.access(path, os.W_OK):
        return False
    if os.access(path.parent, os.W_OK):
        return True
    sidecars = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
    return all(f.exists() and os.access(f, os.W_OK) for f in sidecars)


def _open_readonly(path: Path) -> sqlite3.Connection:
    uri = "file:" + urllib.parse.quote(str(path.absolute()))
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    # A WAL store in a folder we cannot write: SQLite cannot make its `-shm` file, so read the
    # file as it is (changes still in a `-wal` file nobody can checkpoint are not seen).
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)


_OPEN_ATTEMPTS = 40     # ~40 s in all, backing off


def connect(path: str | Path, *, create: bool = True, readonly: bool = False,
            write: bool = False) -> sqlite3.Connection:
    """A connection usable from any one thread at a time (workers hop threads).

    A store this process may not write is opened read-only, unless `write` (ingest) asks for
    a writable one: then it is a StoreError that says so.
    """
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"no store at {path}")
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a store file")
    if path.exists() and not readonly and not _writable(path):
        if write:
            raise StoreError(f"{path}: the store is read-only (no permission to write it or its "
                             "folder); ingest needs a writable store")
        readonly = True
    if create and not readonly:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create its folder ({exc.strerror or exc})") from exc
    for attempt in range(_OPEN_ATTEMPTS):
        try:
            return _open(path, readonly)
        except sqlite3.OperationalError as exc:
            # Two processes creating one store at once: switching to WAL and creating the
            # tables can report "locked" at once, without waiting on the busy timeout.
            if "locked" not in str(exc) or attempt == _OPEN_ATTEMPTS - 1:
                raise StoreError(f"{path}: not a usable SQLite store ({exc})") from exc
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _open(path: Path, readonly: bool) -> sqlite3.Connection:
    conn: sqlite3.Connection | None = None
    try:
        if readonly:
            conn = _open_readonly(path)
        else:
            conn = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:
            # Refuse somebody else's file before WAL mode would rewrite its header.
            _refuse_foreign(conn)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            ensure_schema(conn)
        else:
            _check_readonly(conn)
    except sqlite3.OperationalError as exc:
        if conn is not None:
            conn.close()
        if "locked" in str(exc):
            raise
        raise StoreError(f"{path}: not a usable SQLite store ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise StoreError(f"{path}: not a usable SQLite store ({exc})") from exc
    except SchemaError as exc:
        if conn is not None:
            conn.close()
        raise StoreError(f"{path}: {exc}") from exc
    return conn


def _refuse_foreign(conn: sqlite3.Connection) -> None:
    version, is_thaw = store_version(conn)
    if not is_thaw:
        raise SchemaError("this SQLite file is not a thaw store (it already holds other tables)")
    if version > schema.SCHEMA_VERSION:
        raise SchemaError(f"store schema version {version} is newer than this thaw understands "
                          f"({schema.SCHEMA_VERSION}); upgrade thaw to open it")


def _check_readonly(conn: sqlite3.Connection) -> None:
    """What ensure_schema checks, for a store we may only read (and so cannot upgrade)."""
    version, is_thaw = store_version(conn)
    current = schema.SCHEMA_VERSION     # looked up now: tests stand in a future version
    if version == 0 and not is_thaw:
        raise SchemaError("this SQLite file is not a thaw store")
    if version == 0 and not conn.execute("SELECT 1 FROM sqlite_master").fetchone():
        raise SchemaError("this file is empty, not a thaw store")
    if version > current:
        raise SchemaError(f"store schema version {version} is newer than this thaw understands "
                          f"({current}); upgrade thaw to open it")
    if version < current:
        raise SchemaError(f"store schema version {version} is older than this thaw's "
                          f"({current}) and the file is read-only: open it once with "
                          "write access to upgrade it")
