"""Corrections kept as data: applied on top of extraction, undone in any order, replayed after
ingest and `thaw reextract`, shared as a file."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from store.correct import CorrectionError, Corrections, Kind
from store.correct.share import export_log, import_log, parse
from store.db.connect import connect
from store.ingest.reextract import reextract
from store.ingest.run import ingest_paths
from store.read.queries import Queries
from tui.cli_commands import main

ARTICLE = """---
title: Border notes
source: Test Wire
published: 2025-03-10
---
Belarus released 14 political prisoners on 8 March 2025, the Viasna rights group said.
"""


@pytest.fixture
def store(seed_db: Path) -> tuple[Path, sqlite3.Connection]:
    conn = connect(seed_db, write=True)
    yield seed_db, conn
    conn.close()


def _release(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT id FROM events WHERE type = 'release' ORDER BY id LIMIT 1").fetchone()[0]


def _event(conn: sqlite3.Connection, event_id: int) -> tuple:
    return conn.execute("SELECT type, date, precision, approximate, count, place, summary FROM events"
                        " WHERE id = ?", (event_id,)).fetchone()


def test_an_edited_date_is_what_every_reader_sees_and_the_machine_value_is_kept(store) -> None:
    _, conn = store
    ev = _release(conn)
    machine = _event(conn, ev)
    c = Corrections(conn).edit_event(ev, "date", {"date": "2024-12", "approximate": True},
                                     note="the court record says December")
    detail = Queries(conn).event(ev)
    assert (detail.date, detail.precision, detail.approximate) == ("2024-12", "month", True)
    assert c.old["date"] == machine[1] and c.note == "the court record says December"
    assert c.author and c.created_at and "~2024-12" in c.describe()
    assert Corrections(conn).on_event(ev)["date"].id == c.id


def test_bad_values_are_refused_in_one_sentence_and_change_nothing(store) -> None:
    _, conn = store
    ev = _release(conn)
    before = _event(conn, ev)
    for field, value in [("date", {"date": "2025-02-30"}), ("count", -3), ("type", "picnic"),
                         ("summary", "  "), ("colour", "red")]:
        with pytest.raises(CorrectionError) as err:
            Corrections(conn).edit_event(ev, field, value)
        assert "\n" not in str(err.value)
    assert _event(conn, ev) == before and Corrections(conn).log() == []


def test_undo_of_an_earlier_correction_keeps_the_later_ones(store) -> None:
    _, conn = store
    ev = _release(conn)
    machine = _event(conn, ev)
    log = Corrections(conn)
    first = log.edit_event(ev, "count", 99)
    log.edit_event(ev, "place", "Hrodna")
    log.edit_event(ev, "count", 100)
    log.undo(first.id)
    assert _event(conn, ev)[4:6] == (100, "Hrodna")
    log.undo(log.log()[0].id)           # the later count
    assert _event(conn, ev)[4:6] == (machine[4], "Hrodna")
    log.redo(first.id)
    assert _event(conn, ev)[4] == 99
    assert sorted(c.state for c in log.log()) == ["active", "active", "undone"]


def test_every_kind_can_be_undone_back_to_the_machine_store(store) -> None:
    _, conn = store
    tables = ("events", "event_actors", "event_sources", "actors", "aliases", "mentions",
              "sanctions", "sanction_history", "conflicts")

    def snapshot() -> dict[str, list[tuple]]:
        return {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in tables}

    before = snapshot()
    log = Corrections(conn)
    made = _one_of_each(conn, log)
    assert {c.kind for c in made} == set(Kind)
    assert snapshot() != before
    for c in random.Random(4).sample(made, len(made)):
        log.undo(c.id)
    assert snapshot() == before


def _one_of_each(conn: sqlite3.Connection, log: Corrections) -> list:
    two = [r[0] for r in conn.execute(
        "SELECT event_id FROM event_sources GROUP BY event_id HAVING count(*) > 1 LIMIT 1")]
    evs = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY id")]
    people = [r[0] for r in conn.execute(
        "SELECT a.id FROM actors a WHERE kind = 'person' AND EXISTS (SELECT 1 FROM mentions m"
        " WHERE m.actor_id = a.id) ORDER BY id")]
    actor_in = conn.execute("SELECT event_id, actor_id FROM event_actors LIMIT 1").fetchone()
    cell = conn.execute("SELECT target_id, authority FROM sanctions LIMIT 1").fetchone()
    spelled = conn.execute("SELECT actor_id, surface FROM mentions m JOIN actors a ON a.id = m.actor_id"
                           " WHERE m.surface != a.name LIMIT 1").fetchone()
    split_from = two[0]
    doc, quote = conn.execute("SELECT document_id, quote FROM event_sources WHERE event_id = ?"
                              " ORDER BY id DESC LIMIT 1", (split_from,)).fetchone()
    return [
        log.edit_event(evs[0], "summary", "Talks in a new light"),
        log.set_role(*actor_in, "mediator"),
        log.split_report(split_from, doc, quote),
        log.merge_events(evs[1], evs[2]),
        log.dismiss_event(evs[3]),
        log.rename_actor(people[0], "A. N. Other"),
        log.split_spelling(*spelled),
        log.merge_actors(people[1], people[2]),
        log.not_an_actor(people[3]),
        log.set_sanction(*cell, "lifted", "2026-01-05", note="the notice of that day"),
    ]


def test_corrections_survive_ingest_of_the_same_and_new_articles(store, tmp_path: Path) -> None:
    db, conn = store
    ev = _release(conn)
    cell = conn.execute("SELECT target_id, authority FROM sanctions LIMIT 1").fetchone()
    log = Corrections(conn)
    log.edit_event(ev, "count", 321)
    log.set_sanction(*cell, "eased", "2026-02")
    conn.close()
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    ingest_paths(db, [tmp_path, Path("seeds")])
    conn = connect(db)
    assert conn.execute("SELECT count FROM events WHERE id = ?", (ev,)).fetchone()[0] == 321
    assert conn.execute("SELECT status, since FROM sanctions WHERE target_id = ? AND authority = ?",
                        cell).fetchone() == ("eased", "2026-02")
    conn.close()


def test_reextract_rebuilds_reapplies_and_orphans_with_a_reason(store) -> None:
    db, conn = store
    log = Corrections(conn)
    made = _one_of_each(conn, log)
    edited = made[0]
    with conn:
        conn.execute("DELETE FROM corrections WHERE id = ?", (made[-1].id,))
    gone = log.edit_event(_release(conn), "place", "Nowhere")
    # The report this correction names no longer exists after a rebuild.
    with conn:
        conn.execute("UPDATE corrections SET target_key = 'feedface:0' WHERE id = ?", (gone.id,))
    edited_before = conn.execute("SELECT count(*) FROM events WHERE summary = 'Talks in a new light'"
                                 ).fetchone()[0]
    conn.close()
    report = reextract(db)
    assert report.orphaned == 1 and report.reapplied == len(made) - 1
    conn = connect(db)
    states = {c.id: (c.state, c.reason) for c in Corrections(conn).log()}
    assert states[gone.id][0] == "orphaned" and "no longer found" in states[gone.id][1]
    # The edited event, and the one split off it (a copy of it then), as before the rebuild.
    assert conn.execute("SELECT count(*) FROM events WHERE summary = 'Talks in a new light'"
                        ).fetchone()[0] == edited_before >= 1, edited
    assert conn.execute("SELECT count(*) FROM actors WHERE name = 'A. N. Other'").fetchone()[0] == 1
    conn.close()


def test_reextract_without_corrections_gives_the_same_store(seed_db: Path) -> None:
    conn = connect(seed_db)
    before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    report = reextract(seed_db)
    assert (report.added, report.removed, report.changed, report.cells_changed) == (0, 0, 0, [])
    conn = connect(seed_db)
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == before
    conn.close()


def test_a_shared_file_applies_on_another_store_and_twice_adds_nothing(
        store, seed_db_master: Path, tmp_path: Path) -> None:
    _, conn = store
    log = Corrections(conn)
    _one_of_each(conn, log)
    log.undo(log.log()[0].id)
    data = json.loads(json.dumps(export_log(conn)))
    other = tmp_path / "other.db"
    shutil.copy(seed_db_master, other)
    oconn = connect(other, write=True)
    assert import_log(oconn, parse(json.dumps(data))) == (len(Kind), 0, 0)
    assert import_log(oconn, parse(json.dumps(data))) == (0, len(Kind), 0)
    mine = {t: sorted(map(repr, conn.execute(f"SELECT type, date, count, summary FROM {t}")))
            for t in ("events",)}
    theirs = {t: sorted(map(repr, oconn.execute(f"SELECT type, date, count, summary FROM {t}")))
              for t in ("events",)}
    assert mine == theirs
    oconn.close()


def test_a_file_that_is_not_a_corrections_file_is_refused_plainly(tmp_path: Path) -> None:
    for text in ("{", "[]", '{"thaw_corrections": 1, "corrections": [{"kind": "x"}]}'):
        with pytest.raises(CorrectionError) as err:
            parse(text)
        assert "\n" not in str(err.value)


def test_cli_lists_undoes_exports_imports_and_reextracts(store, tmp_path: Path) -> None:
    db, conn = store
    ev = _release(conn)
    c = Corrections(conn).edit_event(ev, "count", 12, note="checked twice")
    conn.close()
    run = CliRunner().invoke
    out = run(main, ["corrections", "list", "--db", str(db)])
    assert out.exit_code == 0 and "count" in out.output and "checked twice" in out.output
    out = run(main, ["corrections", "list", "--json", "--db", str(db)])
    assert json.loads(out.output)["corrections"][0]["new"] == 12
    path = tmp_path / "mine.json"
    assert run(main, ["corrections", "export", str(path), "--db", str(db)]).exit_code == 0
    out = run(main, ["corrections", "import", str(path), "--db", str(db)])
    assert "0 corrections added" in out.output and "1 already here" in out.output
    out = run(main, ["reextract", "--db", str(db)])
    assert out.exit_code == 0 and "1 corrections re-applied, 0 orphaned" in out.output
    out = run(main, ["corrections", "undo", str(c.id), "--db", str(db)])
    assert out.exit_code == 0 and "undone" in out.output
    out = run(main, ["corrections", "undo", str(c.id), "--db", str(db)])
    assert out.exit_code == 1 and "nothing to undo" in out.output
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    out = run(main, ["corrections", "import", str(bad), "--db", str(db)])
    assert out.exit_code == 1 and "not a corrections file" in out.output
    export = json.loads(run(main, ["export", "--db", str(db)]).output)
    assert export["corrections"][0]["state"] == "undone"


def test_a_sentence_telling_two_events_keeps_each_correction_on_its_own_event(store) -> None:
    db, conn = store
    doc, quote = conn.execute(
        "SELECT document_id, quote FROM event_sources GROUP BY document_id, quote"
        " HAVING count(DISTINCT event_id) > 1 AND count(DISTINCT type) > 1 LIMIT 1").fetchone()
    events = conn.execute("SELECT e.id, e.type FROM event_sources s JOIN events e ON e.id = s.event_id"
                          " WHERE s.document_id = ? AND s.quote = ? ORDER BY e.id", (doc, quote)).fetchall()
    (_, first_type), (second, second_type) = events[0], events[-1]
    assert first_type != second_type
    Corrections(conn).edit_event(second, "summary", "The second happening of the sentence")
    conn.close()
    reextract(db)
    conn = connect(db)
    [(kind,)] = conn.execute("SELECT type FROM events WHERE summary = ?",
                             ("The second happening of the sentence",)).fetchall()
    assert kind == second_type
    conn.close()
