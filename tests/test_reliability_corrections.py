"""Corrections are never lost: random corrections of every kind survive `thaw reextract`
(applied, or orphaned with a reason), a SIGKILL during reextract leaves the store before or after,
an older store is upgraded, and a correction made while another process ingests is kept.

Fast: 60 random corrections, 2 kills. Slow (make test-slow): 1,000 corrections, 10 kills.
"""

from __future__ import annotations

import contextlib
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from hostile import SLOW, generated

from store.correct import CorrectionError, Corrections, Kind
from store.db.connect import connect
from store.ingest.reextract import reextract

N_CORRECTIONS = 1000 if SLOW else 60
KILLS = 10 if SLOW else 2


def _random_correction(conn: sqlite3.Connection, log: Corrections, rng: random.Random) -> None:
    """One correction of a random kind on a random target; refusals are fine (nothing stored)."""
    def pick(sql: str) -> tuple:
        rows = conn.execute(sql).fetchall()
        if not rows:
            raise CorrectionError("nothing to pick")
        return rng.choice(rows)

    kind = rng.choice(list(Kind))
    event = "SELECT id FROM events"
    actor = "SELECT id FROM actors"
    makers = {
        Kind.EDIT_EVENT: lambda: log.edit_event(pick(event)[0], *rng.choice([
            ("count", rng.randint(0, 500)), ("place", rng.choice(["Minsk", "Vilnius", None])),
            ("summary", f"Checked by hand {rng.randint(1, 99)}"),
            ("date", {"date": f"2025-{rng.randint(1, 12):02d}", "approximate": rng.random() < .5}),
            ("type", rng.choice(["release", "meeting", "arrest"]))])),
        Kind.SET_ROLE: lambda: log.set_role(pick(event)[0], pick(actor)[0],
                                            rng.choice(["mediator", "released", None])),
        Kind.DISMISS_EVENT: lambda: log.dismiss_event(pick(event)[0]),
        Kind.MERGE_EVENTS: lambda: log.merge_events(pick(event)[0], pick(event)[0]),
        Kind.SPLIT_REPORT: lambda: log.split_report(*pick(
            "SELECT event_id, document_id, quote FROM event_sources WHERE event_id IN (SELECT"
            " event_id FROM event_sources GROUP BY event_id HAVING count(*) > 1)")),
        Kind.RENAME_ACTOR: lambda: log.rename_actor(pick(actor)[0], f"Person {rng.randint(1, 10**6)}"),
        Kind.MERGE_ACTORS: lambda: log.merge_actors(pick(actor)[0], pick(actor)[0]),
        Kind.SPLIT_SPELLING: lambda: log.split_spelling(*pick(
            "SELECT m.actor_id, m.surface FROM mentions m JOIN actors a ON a.id = m.actor_id"
            " WHERE m.surface != a.name")),
        Kind.NOT_AN_ACTOR: lambda: log.not_an_actor(pick(actor)[0]),
        Kind.SET_SANCTION: lambda: log.set_sanction(
            *pick("SELECT target_id, authority FROM sanctions"),
            rng.choice(["proposed", "in_force", "eased", "lifted"]), rng.choice(["2025-06", None])),
    }
    try:
        makers[kind]()
    except CorrectionError:
        pass


def _seen(conn: sqlite3.Connection) -> dict[str, object]:
    """What a reader sees, without row ids: events with their sources and actors, actors with
    their spellings, the board."""
    names = dict(conn.execute("SELECT id, name FROM actors"))
    sha = dict(conn.execute("SELECT id, sha256 FROM documents"))
    sources: dict[int, list] = {}
    for ev, doc, quote in conn.execute("SELECT event_id, document_id, quote FROM event_sources"):
        sources.setdefault(ev, []).append((sha[doc], quote))
    actors: dict[int, list] = {}
    for ev, actor, role in conn.execute("SELECT event_id, actor_id, role FROM event_actors"):
        actors.setdefault(ev, []).append((names[actor], role))
    events = Counter(
        (*row[1:], tuple(sorted(sources.get(row[0], []))), tuple(sorted(actors.get(row[0], []))))
        for row in conn.execute("SELECT id, type, date, precision, approximate, count, place,"
                                " summary FROM events"))
    spellings: dict[int, list] = {}
    for actor, alias in conn.execute("SELECT actor_id, alias FROM aliases"):
        spellings.setdefault(actor, []).append(alias)
    return {"events": events,
            "actors": Counter((n, k, tuple(sorted(spellings.get(i, [])))) for i, n, k in
                              conn.execute("SELECT id, name, kind FROM actors")),
            "board": sorted((names[t], a, s, d) for t, a, s, d in conn.execute(
                "SELECT target_id, authority, status, since FROM sanctions"))}


def test_random_corrections_of_every_kind_survive_reextract(seed_db: Path) -> None:
    conn = connect(seed_db, write=True)
    log = Corrections(conn)
    rng = random.Random(11)
    for _ in range(N_CORRECTIONS):
        _random_correction(conn, log, rng)
        if rng.random() < 0.1:          # now and then take one back, or bring one back
            c = rng.choice(log.log() or [None])
            if c is not None:
                with contextlib.suppress(CorrectionError):
                    (log.undo if c.state == "active" else log.redo)(c.id)
    made = {c.id: c for c in log.log()}
    assert len({c.kind for c in made.values()}) == len(Kind)
    seen = _seen(conn)
    conn.close()
    reextract(seed_db)
    conn = connect(seed_db)
    after = {c.id: c for c in Corrections(conn).log()}
    assert after.keys() == made.keys()                  # none lost silently
    # The same rules over the same articles, then the same corrections in the same order: the
    # analyst sees exactly what they saw before. One that had come to change nothing (another
    # took its target away, or an undo did) is listed as orphaned, with the reason.
    assert _seen(conn) == seen
    changed = [c for c in after.values() if c.state != made[c.id].state]
    assert all(c.state == "orphaned" and c.reason for c in changed), changed
    conn.close()


def _fingerprint(db: Path) -> tuple:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return (Counter(conn.execute("SELECT type, date, count, summary FROM events")),
                sorted(conn.execute("SELECT id, state FROM corrections")))
    finally:
        conn.close()


def test_sigkill_during_reextract_leaves_the_store_before_or_after(seed_db: Path, tmp_path: Path) -> None:
    conn = connect(seed_db, write=True)
    log = Corrections(conn)
    rng = random.Random(5)
    for _ in range(20):
        _random_correction(conn, log, rng)
    conn.close()
    # More documents, so the rebuild takes long enough to be interrupted.
    folder = tmp_path / "more"
    folder.mkdir()
    for case in generated(seed=3, count=60):
        (folder / case.name).write_bytes(case.data)
    from store.ingest.run import ingest_paths
    ingest_paths(seed_db, [folder])
    before = _fingerprint(seed_db)
    done = tmp_path / "done.db"
    shutil.copy(seed_db, done)
    reextract(done)
    after = _fingerprint(done)
    code = f"from store.ingest.reextract import reextract; reextract({str(seed_db)!r})"
    for trial in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-c", code])
        time.sleep(0.4 + 0.3 * trial)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _fingerprint(seed_db) in (before, after)
    reextract(seed_db)
    assert _fingerprint(seed_db) == after


def test_a_version_2_store_is_upgraded_and_takes_corrections(seed_db: Path) -> None:
    conn = sqlite3.connect(seed_db)
    conn.executescript("DROP TABLE corrections; PRAGMA user_version = 2;")
    conn.close()
    conn = connect(seed_db, write=True)
    event = conn.execute("SELECT id FROM events LIMIT 1").fetchone()[0]
    Corrections(conn).edit_event(event, "count", 4)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    conn.close()


def test_a_correction_made_while_another_process_ingests_is_kept(seed_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for case in generated(seed=9, count=150 if SLOW else 60):
        (folder / case.name).write_bytes(case.data)
    code = f"from store.ingest.run import ingest_paths; ingest_paths({str(seed_db)!r}, [{str(folder)!r}])"
    proc = subprocess.Popen([sys.executable, "-c", code])
    conn = connect(seed_db, write=True)
    log = Corrections(conn)
    events = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY id LIMIT 10")]
    made = []
    try:
        for i, ev in enumerate(events):
            made.append(log.edit_event(ev, "summary", f"Reviewed during ingest {i}"))
    finally:
        assert proc.wait(timeout=300) == 0
    summaries = {r[0] for r in conn.execute("SELECT summary FROM events")}
    assert all(f"Reviewed during ingest {i}" in summaries for i in range(len(made)))
    assert len(log.log()) == len(made)
    conn.close()


if __name__ == "__main__":      # pragma: no cover
    sys.exit(pytest.main([__file__]))
