"""Crash safety: `thaw ingest` killed with SIGKILL at random points loses nothing and stores no
half document; running it again completes the batch with no duplicates.

Fast: 2 kills. Slow (make test-slow): 50 kills, some of them twice in a row.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from hostile import SLOW, THAW, generated

from store.ingest.run import bundled_seeds_dir, ingest_paths

TRIALS = 50 if SLOW else 2

# Per document: the rows its one transaction writes.
PER_DOC = {
    "mentions": "SELECT count(*) FROM mentions WHERE document_id = ?",
    "sources": "SELECT count(*) FROM event_sources WHERE document_id = ?",
    "history": "SELECT count(*) FROM sanction_history WHERE document_id = ?",
}


def snapshot(db: Path) -> dict[str, object]:
    """What must be identical to an uninterrupted run: each document's rows, the events."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        docs = {sha: tuple(conn.execute(sql, (doc_id,)).fetchone()[0] for sql in PER_DOC.values())
                for doc_id, sha in conn.execute("SELECT id, sha256 FROM documents")}
        events = Counter(conn.execute("SELECT type, date, summary FROM events").fetchall())
        sanctions = sorted(conn.execute(
            "SELECT a.name, s.authority, s.status, s.since FROM sanctions s"
            " JOIN actors a ON a.id = s.target_id").fetchall())
        return {"docs": docs, "events": events, "sanctions": sanctions,
                "actors": conn.execute("SELECT count(*) FROM actors").fetchone()[0]}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object], float]:
    """The articles, the store an uninterrupted ingest makes of them, and how long it takes."""
    root = tmp_path_factory.mktemp("crash")
    folder = root / "in"
    shutil.copytree(bundled_seeds_dir(), folder / "seeds", ignore=shutil.ignore_patterns("*.yaml"))
    for case in generated(seed=77, count=40):
        (folder / case.name).write_bytes(case.data)
    ref = root / "ref.db"
    ingest_paths(ref, [folder])
    t0 = time.monotonic()
    run(folder, root / "timed.db")
    return folder, snapshot(ref), time.monotonic() - t0


def run(folder: Path, db: Path, kill_after: float | None = None, jobs: int = 1) -> str:
    # Its own session: whatever it leaves behind (extraction workers) can be found and checked.
    proc = subprocess.Popen([*THAW, "ingest", str(folder), "--db", str(db), "--jobs", str(jobs)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            assert no_leftovers(proc.pid), "worker processes outlived the killed ingest"
    out, err = proc.communicate(timeout=600)
    assert "Traceback" not in err, err[-3000:]
    assert "database is locked" not in err
    if kill_after is None:
        assert proc.returncode in (0, 1), err[-3000:]   # 1: the batch has refused files
    return out


def no_leftovers(pgid: int, wait: float = 10.0) -> bool:
    """True once no process of the killed ingest's group is left (the rest are then killed)."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
    return False


def check_partial(db: Path, ref: dict[str, object]) -> int:
    """After a kill: a sound file, and each document stored whole or not at all."""
    if not db.exists() or db.stat().st_size == 0:
        return 0
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone():
            return 0     # killed before the schema's transaction committed: an empty store
    finally:
        conn.close()
    got = snapshot(db)
    ref_docs = ref["docs"]
    assert isinstance(ref_docs, dict)
    for sha, rows in got["docs"].items():  # type: ignore[union-attr]
        assert rows == ref_docs[sha], f"document {sha[:12]} half stored: {rows} != {ref_docs[sha]}"
    return len(got["docs"])  # type: ignore[arg-type]


@pytest.mark.parametrize("trial", range(TRIALS))
def test_sigkill_mid_ingest_then_rerun(batch: tuple[Path, dict[str, object], float],
                                       tmp_path: Path, trial: int) -> None:
    folder, ref, full = batch
    rng = random.Random(trial)
    db = tmp_path / "s.db"
    kills = 2 if trial % 5 == 4 else 1
    for _ in range(kills):
        # Anywhere from interpreter start-up to the last commit.
        run(folder, db, kill_after=rng.uniform(0.1, full), jobs=1 + trial % 2)
        check_partial(db, ref)
    run(folder, db)
    assert snapshot(db) == ref
    # And once more: everything already stored, nothing added.
    out = run(folder, db)
    assert out.startswith("0 new documents")
    assert snapshot(db) == ref
