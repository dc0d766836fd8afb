"""What the merge and the board do without reading the whole store: the same answers as a
whole reading, and undated reports kept apart from unrelated events."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from store.db.connect import connect
from store.ingest.run import ingest_paths
from store.ingest.writer import Writer
from store.merge.history import _HISTORY_ROWS, current_status, per_event, refresh_status

STATUSES = ["proposed", "in_force", "eased", "lifted"]
TYPES = {"proposed": "sanctions_proposed", "in_force": "sanctions_imposed",
         "eased": "sanctions_eased", "lifted": "sanctions_lifted"}

# A report of a status: (status, the change it tells, days after that change, evidence only?,
# dated only to its month?, the status of the event it merged into). Reports of one change
# fall within days of each other, as a feed tells them; the same day told as a day and as a
# month, and an event whose reports never say its own status, are the ties to settle alike.
reports = st.lists(st.tuples(st.sampled_from(STATUSES), st.integers(0, 80), st.integers(0, 3),
                             st.booleans(), st.booleans(), st.sampled_from(STATUSES)),
                   min_size=1, max_size=300)


def told(status: str, change: int, later: int = 0, evidence: bool = False) -> tuple:
    """A report dated to the day, of an event of its own status."""
    return status, change, later, evidence, False, status


def _store(tmp: Path) -> sqlite3.Connection:
    conn = connect(tmp / "board.db", write=True)
    Writer(conn)        # the schema and the merge's indexes
    conn.execute("INSERT INTO actors (name, kind) VALUES ('Some Refinery', 'company')")
    conn.execute("INSERT INTO documents (sha256, text, ingested_at) VALUES ('x', '', 'now')")
    return conn


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=reports)
# A designation renewed a hundred times: in force since the designation, far past the latest page.
@example(history=[told("in_force", c) for c in range(100)])
@example(history=[told("lifted", 0)] + [told("in_force", c) for c in range(1, 100)])
@example(history=[told("in_force", c, evidence=True) for c in range(100)]
         + [told("eased", 50, 1, evidence=True)])
# A lifting told again as "proposed" years later: read on the first page, it is still dated
# by its lifting, older than that page; an extension between the two decides "since".
@example(history=[told("lifted", 0), ("proposed", 0, 5000, False, False, "lifted"),
                  told("in_force", 10), *[told("in_force", c, evidence=True)
                                          for c in range(900, 990)], told("in_force", 999)])
def test_a_long_history_gives_the_status_a_whole_reading_gives(tmp_path_factory, history) -> None:
    """The board reads a busy target's history latest first and stops early: its status and
    'since' are those of the whole history, however the runs of changes fall."""
    conn = _store(tmp_path_factory.mktemp("board"))
    with conn:
        sanction = conn.execute("INSERT INTO sanctions (target_id, authority, status)"
                                " VALUES (1, 'EU', 'proposed')").lastrowid
        events: dict[int, int] = {}
        for i, (status, change, later, evidence, coarse, kind) in enumerate(history):
            day, event = change * 5 + later, None if evidence else change
            if event is not None and event not in events:
                events[event] = conn.execute(
                    "INSERT INTO events (type, cameo, date_source, sort_date, summary, merge_key)"
                    " VALUES (?, '163', 'text', '2030-01-01', '', 'k')", (TYPES[kind],)).lastrowid
            sort = f"{2030 + day // 360:04d}-{day % 360 // 30 + 1:02d}-{day % 30 + 1:02d}"
            conn.execute("INSERT INTO sanction_history (sanction_id, status, date, sort_date,"
                         " event_id, document_id, quote) VALUES (?,?,?,?,?,1,?)",
                         (sanction, status, sort[:7] if coarse else sort, sort, events.get(event),
                          f"report {i}"))
        refresh_status(conn, sanction)
    whole = conn.execute(_HISTORY_ROWS, (sanction,)).fetchall()
    board = conn.execute("SELECT status, since FROM sanctions WHERE id = ?", (sanction,)).fetchone()
    expected = current_status(per_event(whole)) if whole else ("proposed", None)
    assert tuple(board) == expected
    conn.close()


DATED = """---
title: Talks
published: 2031-02-03
---
Alexander Lukashenko met journalist Wojciech Orlinski in Minsk on 1 February 2031.
"""
DATED_LATER = """---
title: More talks
published: 2031-03-05
---
Alexander Lukashenko met journalist Teemu Vartiainen in Minsk on 4 March 2031.
"""
UNDATED = """# Meetings

Alexander Lukashenko met journalist Rein Kalmus in Minsk.

Alexander Lukashenko met journalist Teemu Vartiainen in Minsk.
"""


def test_an_undated_report_is_known_by_its_most_telling_participant(tmp_path: Path) -> None:
    """A page with no date at all: its meeting with someone new is an event of its own, not
    glued to the head of state's earliest meeting; its meeting with someone already met is that
    meeting, not the earliest."""
    paths = []
    for name, text in (("a.md", DATED), ("b.md", DATED_LATER), ("c.md", UNDATED)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    ingest_paths(tmp_path / "s.db", paths)
    conn = sqlite3.connect(tmp_path / "s.db")
    rows = conn.execute(
        "SELECT e.date, group_concat(a.name) FROM events e JOIN event_actors ea"
        " ON ea.event_id = e.id JOIN actors a ON a.id = ea.actor_id GROUP BY e.id").fetchall()
    people = {frozenset(names.split(",")) - {"Alyaksandr Lukashenka"}: when for when, names in rows}
    assert people == {frozenset({"Wojciech Orlinski"}): "2031-02-01",
                      frozenset({"Teemu Vartiainen"}): "2031-03-04",
                      frozenset({"Rein Kalmus"}): None}
    sources = dict(conn.execute(
        "SELECT e.date, count(*) FROM events e JOIN event_sources s ON s.event_id = e.id"
        " GROUP BY e.id").fetchall())
    assert sources == {"2031-02-01": 1, "2031-03-04": 2, None: 1}
    conn.close()


def _meetings(tmp: Path, dated: list[tuple[str, str]], undated: str) -> dict[str, int]:
    """Each (month, who) a dated article "Lukashenko met <who> in Minsk on 2 <month> 2031", then
    a page with no date telling `undated`: the sources of each event, by its date."""
    tmp.mkdir()
    paths = []
    for i, (month, who) in enumerate(dated):
        path = tmp / f"{i}.md"
        path.write_text(f"---\ntitle: Talks\npublished: 2031-12-20\n---\nAlexander Lukashenko"
                        f" met {who} in Minsk on 2 {month} 2031.\n", encoding="utf-8")
        paths.append(path)
    (tmp / "undated.md").write_text(f"# Talks\n\nAlexander Lukashenko met {undated} in Minsk.\n",
                                    encoding="utf-8")
    ingest_paths(tmp / "s.db", [*paths, tmp / "undated.md"])
    conn = sqlite3.connect(tmp / "s.db")
    sources = dict(conn.execute("SELECT e.date, count(*) FROM events e JOIN event_sources s"
                                " ON s.event_id = e.id GROUP BY e.id").fetchall())
    conn.close()
    return sources


KALMUS_AND_VAHI = "journalist Rein Kalmus and journalist Tiit Vahi"
DATED_MEETINGS = [("February", KALMUS_AND_VAHI), ("March", "journalist Rein Kalmus"),
                  ("April", "journalist Rein Kalmus"), ("May", "journalist Tiit Vahi"),
                  ("June", "journalist Tiit Vahi"), ("July", "journalist Tiit Vahi")]


def test_an_undated_report_joins_its_best_match_among_the_latest_events(
        tmp_path: Path, monkeypatch) -> None:
    """A page with no date about Lukashenko meeting Kalmus and Vahi: known by Kalmus (in fewer
    events than Vahi), it joins the meeting all three had. However long the feed, it is weighed
    against a bounded number of Kalmus's latest meetings (here two): then it joins the latest
    of those, and the older, better match is never read."""
    from store.merge import match
    found = _meetings(tmp_path / "a", DATED_MEETINGS, KALMUS_AND_VAHI)
    assert found["2031-02-02"] == 2 and found["2031-04-02"] == 1
    monkeypatch.setattr(match, "_UNPLACED", 2)
    found = _meetings(tmp_path / "b", DATED_MEETINGS, KALMUS_AND_VAHI)
    assert found["2031-02-02"] == 1 and found["2031-04-02"] == 2
