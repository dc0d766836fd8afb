"""Opening a store: where it lives, WAL, busy timeout, one connection per thread."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from store.schema import SchemaError, ensure_schema

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


def connect(path: str | Path, *, create: bool = True, readonly: bool = False) -> sqlite3.Connection:
    """A connection usable from any one thread at a time (workers hop threads)."""
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"no store at {path}")
    if create and not readonly:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if readonly:
            conn = sqlite3.connect(
                f"file:{path}?mode=ro", uri=True, check_same_thread=False,
                timeout=BUSY_TIMEOUT_MS / 1000,
            )
        else:
            conn = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            ensure_schema(conn)
        else:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                raise SchemaError("this file is not a thaw store")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a usable SQLite store ({exc})") from exc
    except SchemaError as exc:
        raise StoreError(f"{path}: {exc}") from exc
    return conn


def open_db(path: str | Path, **kwargs) -> sqlite_utils.Database:
    return sqlite_utils.Database(connect(path, **kwargs))
