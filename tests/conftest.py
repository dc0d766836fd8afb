"""Shared fixtures: a store built by the real ingest from the bundled seeds."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest

from store.db.connect import connect
from store.ingest.run import bundled_seeds_dir, ingest_paths
from store.read.export import export_data


@pytest.fixture(scope="session")
def seed_db_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seedstore") / "seeds.db"
    report = ingest_paths(path, [bundled_seeds_dir()])
    assert report.ok, [f.message for f in report.failed]
    conn = connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture
def seed_db(seed_db_master: Path, tmp_path: Path) -> Path:
    """A private copy of the seed store (tests may write to it)."""
    path = tmp_path / "seeds.db"
    shutil.copy(seed_db_master, path)
    return path


@pytest.fixture(scope="session")
def seed_export(seed_db_master: Path) -> dict:
    conn = connect(seed_db_master)
    try:
        return json.loads(json.dumps(export_data(conn)))
    finally:
        conn.close()


_LOCAL = ("127.0.0.1", "localhost")


@pytest.fixture
def local_network_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No access beyond 127.0.0.1 (not even a name lookup): trafilatura, htmldate and feedparser
    must not fetch a thing, and thaw fetches only the URLs a test serves."""
    real_connect, real_lookup = socket.socket.connect, socket.getaddrinfo

    def connect_local(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if host not in _LOCAL:
            raise AssertionError(f"network access to {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    def lookup_local(host: object, *args: object, **kw: object) -> object:
        if host not in _LOCAL:
            raise AssertionError(f"name lookup of {host!r}")
        return real_lookup(host, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect_local)
    monkeypatch.setattr(socket, "getaddrinfo", lookup_local)
