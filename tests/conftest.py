"""Shared fixtures: a store built by the real ingest from the bundled seeds."""

from __future__ import annotations

import json
import shutil
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
