"""Web sources at scale and under a kill: a 10,000-item feed, a 50 MB page with no length, and
`thaw update` SIGKILLed mid-way then run again.

Fast: one kill on a 12-item feed. Slow (make test-slow): 10 kills on 40 items, the 10,000-item
feed and the streamed 50 MB page.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from hostile import SLOW, THAW, slow
from web_pages import RELEASE, full_text, page, rss
from webserver import Server, serving

from store.ingest.follow import add_feed
from store.ingest.run import ingest_paths

pytestmark = pytest.mark.usefixtures("local_network_only")
KILLS = 10 if SLOW else 1
ITEMS = 40 if SLOW else 12


@pytest.fixture
def server() -> Server:
    with serving() as s:
        yield s


def item_page(i: int) -> bytes:
    text = [RELEASE[0].replace("31", str(i + 2)), f"Item {i} of the test feed. " + RELEASE[2]]
    return page(f"Belarus frees {i + 2} prisoners", text, published=f"2026-01-{i % 28 + 1:02d}").encode()


def summary_feed(server: Server, n: int, delay: float) -> str:
    items = []
    for i in range(n):
        items.append({"title": f"Release {i}", "link": server.add(f"/p{i}", body=item_page(i),
                                                                  delay=delay),
                      "description": "Prisoners freed."})
    return server.add("/feed", content_type="application/rss+xml", body=rss(items), etag='"f"')


def stored(db: Path) -> tuple[str, int]:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("PRAGMA integrity_check").fetchone()[0],
                conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    finally:
        conn.close()


def update(db: Path, kill_after: float | None = None) -> subprocess.CompletedProcess[str] | None:
    proc = subprocess.Popen([*THAW, "update", "--db", str(db)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
            return None
    out, err = proc.communicate(timeout=300)
    assert "Traceback" not in err, err[-3000:]
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize("trial", range(KILLS))
def test_sigkill_mid_update_then_the_next_update_completes_it(tmp_path: Path, server: Server,
                                                              trial: int) -> None:
    db = tmp_path / "s.db"
    add_feed(db, summary_feed(server, ITEMS, delay=0.2))
    start = time.monotonic()
    # Anywhere from start-up through the fetches to the last commit.
    update(db, kill_after=random.Random(trial).uniform(0.5, ITEMS * 0.2 + 1.5))
    assert stored(db)[0] == "ok"
    done = update(db)
    assert done is not None and done.returncode == 0, done.stderr
    assert stored(db) == ("ok", ITEMS)
    # Pages stored before the kill were not fetched again: at most the open batch (a quarter
    # of a second's worth) and the page being fetched are fetched twice.
    assert sum(server.served[f"/p{i}"] for i in range(ITEMS)) <= ITEMS + 3
    again = update(db)
    assert again is not None and again.stdout.startswith("0 new documents")
    assert time.monotonic() - start < 120


@slow
@pytest.mark.slow
def test_feed_with_ten_thousand_items(tmp_path: Path) -> None:
    # Every hundredth item a release on its own day; the rest commentary that reports no event
    # (10,000 reports of one happening would measure the merging, not the feed).
    day = datetime(2020, 1, 1, tzinfo=UTC)
    items = [{"title": f"Story {i}", "link": f"https://ledger.example/{i}",
              "pubDate": format_datetime(day + timedelta(days=i // 5)),
              "content": full_text([RELEASE[0] if i % 100 == 0 else
                                    f"Commentary number {i} on the regional harvest figures."],
                                   repeat=4)}
             for i in range(10_000)]
    feed = tmp_path / "big.rss"
    feed.write_bytes(rss(items))
    report = ingest_paths(tmp_path / "s.db", [feed], jobs=2)
    assert report.ok, [f.message for f in report.failed][:5]
    assert stored(tmp_path / "s.db") == ("ok", 10_000)


@slow
@pytest.mark.slow
def test_fifty_megabyte_page_without_a_length_is_refused(tmp_path: Path, server: Server) -> None:
    huge = server.add("/huge", stream=50_000_000)
    good = server.add("/good", body=item_page(1))
    report = ingest_paths(tmp_path / "s.db", [huge, good])
    assert [f.message for f in report.failed] == [f"{huge}: too large (more than 20 MB)"]
    assert stored(tmp_path / "s.db") == ("ok", 1)
