"""Readers and writers at once: the dashboard (or its Queries API) reads while another process
ingests; two ingests write one store. No "database is locked" on either side, nothing lost.

Fast: 500-document ingests (about a second of work: several quarter-second batches, so a
reader sees events arrive; 100 documents had become one batch). Slow (make test-slow): 1,000.
"""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

from hostile import SLOW, THAW, write_small_articles

from store.db.connect import connect
from store.ingest.run import ingest_paths
from store.read.queries import Filters, Queries

N = 1000 if SLOW else 500


def start_ingest(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([*THAW, "ingest", str(folder), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen[str]) -> str:
    out, err = proc.communicate(timeout=1500)
    assert "locked" not in err and "Traceback" not in err, err[-3000:]
    assert proc.returncode == 0, err[-3000:]
    return out


def count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_queries_read_while_another_process_ingests(seed_db: Path, tmp_path: Path) -> None:
    write_small_articles(tmp_path / "in", 0, N)
    q = Queries(connect(seed_db))
    before = q.stats().events
    errors: list[BaseException] = []
    seen: list[int] = []
    done = threading.Event()

    def reader() -> None:
        # What the dashboard does on every poll and keystroke, as fast as it can.
        while not done.is_set():
            try:
                q.data_version()
                seen.append(q.stats().events)
                total = q.timeline_count(Filters())
                q.timeline_page(max(0, total - 50), 50)
                q.timeline_count(Filters(text="prisoners"))
                q.search_actors("Lukashenko")
                q.sanctions_board()
            except BaseException as exc:  # noqa: BLE001 - any error is the finding
                errors.append(exc)
                return

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        out = finish(start_ingest(tmp_path / "in", seed_db))
    finally:
        done.set()
        thread.join(timeout=60)
    assert not errors, repr(errors[0])
    assert out.startswith(f"{N} new documents")
    q.data_version()
    after = q.stats().events
    assert after == count(seed_db, "events") and after > before
    # Ingest commits whole documents in quarter-second batches: a short run may be one or two.
    assert len(set(seen)) >= 2, "the reader saw the new events arrive while ingest ran"


def test_dashboard_shows_new_events_while_another_process_ingests(seed_db: Path,
                                                                  tmp_path: Path) -> None:
    from tui.app import ThawApp
    from tui.screenshots import settle
    from tui.timeline import TimelineView

    write_small_articles(tmp_path / "in", 5000, N)

    async def main() -> None:
        app = ThawApp(seed_db, poll_interval=0.2)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            view = app.screen.query_one(TimelineView)
            first = view.total
            proc = start_ingest(tmp_path / "in", seed_db)
            keys = ["j", "k", "G", "g", "enter", "escape", "2", "1"]
            i = 0
            while proc.poll() is None:       # the user keeps moving around meanwhile
                await pilot.press(keys[i % len(keys)])
                await pilot.pause(0.05)
                i += 1
            finish(proc)
            await pilot.press("1")
            final = count(seed_db, "events")
            for _ in range(100):
                await pilot.pause(0.1)
                await settle(pilot)
                if app.stats is not None and app.stats.events == final and view.total == final:
                    break
            assert app.stats is not None and app.stats.events == final > first
            assert view.total == final
            assert app.is_running

    asyncio.run(main())


def test_two_ingests_into_one_store_both_succeed(tmp_path: Path) -> None:
    db = tmp_path / "s.db"              # not there yet: both processes race to create it
    a, b = tmp_path / "a", tmp_path / "b"
    write_small_articles(a, 0, N // 2)
    write_small_articles(b, N // 2, N // 2)
    shared = write_small_articles(tmp_path / "shared", 90_000, 10)
    for p in shared:                    # the same articles in both batches: stored once
        (a / p.name).write_bytes(p.read_bytes())
        (b / p.name).write_bytes(p.read_bytes())
    procs = [start_ingest(a, db), start_ingest(b, db)]
    outs = [finish(p) for p in procs]
    assert count(db, "documents") == N + 10
    new = sum(int(o.split()[0]) for o in outs)
    assert new == N + 10, outs
    # Same result as one ingest after the other: no actor or event stored twice.
    ref = tmp_path / "ref.db"
    ingest_paths(ref, [a])
    ingest_paths(ref, [b])
    dup_sql = ("SELECT count(*) FROM (SELECT name, kind FROM actors GROUP BY name, kind"
               " HAVING count(*) > 1)")
    assert count(db, "actors") == count(ref, "actors")
    conn = sqlite3.connect(db)
    assert conn.execute(dup_sql).fetchone()[0] == 0
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert abs(count(db, "events") - count(ref, "events")) <= count(ref, "events") // 20


def test_ingest_waits_for_a_long_reader_transaction(seed_db: Path, tmp_path: Path) -> None:
    """A reader holding a snapshot open (e.g. a slow export) never blocks a WAL writer."""
    write_small_articles(tmp_path / "in", 20_000, 20)
    reader = sqlite3.connect(seed_db)
    reader.execute("BEGIN")
    n0 = reader.execute("SELECT count(*) FROM events").fetchone()[0]
    t0 = time.monotonic()
    finish(start_ingest(tmp_path / "in", seed_db))
    assert time.monotonic() - t0 < 120
    assert reader.execute("SELECT count(*) FROM events").fetchone()[0] == n0   # its snapshot
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM events").fetchone()[0] > n0
    reader.close()
