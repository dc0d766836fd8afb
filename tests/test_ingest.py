"""Ingest on articles nobody tuned the extractor for, bad files, re-runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from store.db.connect import connect
from store.ingest.run import ingest_paths
from store.read.export import export_data

UNSEEN = """MINSK, March 3, 2026 — Belarusian authorities freed 31 political prisoners on Tuesday,
including the journalist Hanna Marozava, after talks with a visiting European delegation.

The release followed a visit to Minsk by Dutch diplomat Pieter van Houten, who met Lukashenko on
Monday. The Netherlands has not commented.

In late February, opposition politician Mikola Dziadok was arrested in Hrodna, rights groups said.
The European Union extended its sanctions on Belaruskali on 25 February 2026, while Washington
said its restrictions on potash remain in place.
"""

NO_FRONT_MATTER = """US envoy meets Belarusian leader

Published 03.11.2025

John Coale arrived in Minsk on 2 November and met Alexander Lukashenko for talks that lasted
several hours. Following the meeting, Belarus pardoned 12 prisoners, including the activist
Ales Pushkin.
"""


ARTICLES = Path(__file__).parent / "articles"   # unwrapped web paragraphs, as scraped


def write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unseen_article_with_other_names_and_date_styles(tmp_path: Path) -> None:
    art = write(tmp_path, "unseen.txt", UNSEEN)
    report = ingest_paths(tmp_path / "s.db", [art])
    assert report.ok
    data = export_data(connect(tmp_path / "s.db"))
    assert data["documents"][0]["published"] == "2026-03-03"
    rel = [e for e in data["events"] if e["type"] == "release"]
    assert len(rel) == 1 and rel[0]["count"] == 31
    # "on Tuesday" before Tuesday 3 March 2026 is that day; the dateline is the anchor.
    assert rel[0]["date"] == "2026-03-03"
    assert any("Marozava" in a["name"] for a in rel[0]["actors"])
    arrests = [e for e in data["events"] if e["type"] == "arrest"]
    assert arrests and arrests[0]["date"] == "2026-02" and arrests[0]["approximate"]
    assert any("Dziadok" in a["name"] for a in arrests[0]["actors"])
    board = {(s["target"], s["authority"]): s for s in data["sanctions"]}
    assert board[("Belaruskali", "EU")]["status"] == "in_force"
    assert board[("Potash", "US")]["status"] == "in_force"
    discovered = {a["name"] for a in data["actors"] if a["discovered"]}
    assert "Pieter van Houten" in discovered


def test_publication_date_from_text_and_visit_found(tmp_path: Path) -> None:
    art = write(tmp_path, "plain.md", NO_FRONT_MATTER)
    ingest_paths(tmp_path / "s.db", [art])
    data = export_data(connect(tmp_path / "s.db"))
    assert data["documents"][0]["published"] == "2025-11-03"
    visits = [e for e in data["events"] if e["type"] == "visit"]
    assert len(visits) == 1 and visits[0]["date"] == "2025-11-02"
    assert {a["role"] for a in visits[0]["actors"]} >= {"visitor"}
    rel = [e for e in data["events"] if e["type"] == "release"]
    assert rel and rel[0]["count"] == 12


def test_reingest_adds_nothing(seed_db: Path) -> None:
    from store.ingest.run import bundled_seeds_dir

    before = export_data(connect(seed_db))
    report = ingest_paths(seed_db, [bundled_seeds_dir()])
    after = export_data(connect(seed_db))
    assert report.ok
    assert all(f.status == "unchanged" for f in report.files)
    assert len(after["events"]) == len(before["events"])
    assert len(after["actors"]) == len(before["actors"])


def test_bad_file_is_reported_and_the_rest_stored(tmp_path: Path) -> None:
    good = write(tmp_path, "good.md", NO_FRONT_MATTER)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\xff" * 200)
    report = ingest_paths(tmp_path / "s.db", [bad, good, tmp_path / "missing.md"])
    assert not report.ok
    messages = [f.message for f in report.failed]
    assert len(messages) == 2 and all("\n" not in m for m in messages)
    assert any("bad.txt" in m for m in messages) and any("missing.md" in m for m in messages)
    docs = export_data(connect(tmp_path / "s.db"))["documents"]
    assert [d["path"].rsplit("/", 1)[-1] for d in docs] == ["good.md"]


def test_a_failing_document_leaves_no_trace(tmp_path: Path, monkeypatch) -> None:
    from store.ingest import writer

    calls = {"n": 0}
    real = writer.Writer._report

    def boom(self, rep, ids, doc_id, result):
        calls["n"] += 1
        if calls["n"] == 2:
            raise sqlite3.OperationalError("disk I/O error (simulated)")
        return real(self, rep, ids, doc_id, result)

    monkeypatch.setattr(writer.Writer, "_report", boom)
    art = write(tmp_path, "a.md", NO_FRONT_MATTER)
    report = ingest_paths(tmp_path / "s.db", [art])
    assert not report.ok and "simulated" in report.failed[0].message
    conn = connect(tmp_path / "s.db")
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] == 0
    monkeypatch.undo()
    assert ingest_paths(tmp_path / "s.db", [art]).ok
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1


def test_store_is_plain_sqlite_with_schema_version(seed_db: Path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(seed_db)
    assert {"documents", "actors", "aliases", "events", "event_sources", "sanctions",
            "sanction_history", "conflicts", "documents_fts", "events_fts"} <= set(db.table_names())
    assert db.execute("PRAGMA user_version").fetchone()[0] >= 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    hits = db.execute(
        "SELECT rowid FROM events_fts WHERE events_fts MATCH 'Belavia'").fetchall()
    assert hits


def test_wire_story_and_council_decision(tmp_path: Path) -> None:
    """Other outlets, other phrasings: AP dateline, general licence, prolonged measures."""
    paths = [ARTICLES / "wire-unwrapped.txt", ARTICLES / "council.md"]
    assert ingest_paths(tmp_path / "s.db", paths).ok
    data = export_data(connect(tmp_path / "s.db"))
    published = {d["path"].rsplit("/", 1)[-1]: d["published"] for d in data["documents"]}
    assert published["wire-unwrapped.txt"] == "2025-11-21"
    by_type: dict[str, list[dict]] = {}
    for e in data["events"]:
        by_type.setdefault(e["type"], []).append(e)
    (release,) = by_type["release"]
    assert release["count"] == 16 and release["date"] == "2025-11-20"   # "on Thursday"
    released = {a["name"] for a in release["actors"] if a["role"] == "released"}
    assert released == {"Ihar Losik", "Palina Sharenda-Panasiuk"}
    (call,) = by_type["call"]
    assert {a["name"] for a in call["actors"]} == {"Donald Trump", "Alyaksandr Lukashenka"}
    (appointment,) = by_type["appointment"]
    assert appointment["date"] == "2024-06"
    (border,) = by_type["border"]
    assert border["date"] == "2025-10" and border["approximate"]
    board = {(s["target"], s["authority"]): s["status"] for s in data["sanctions"]}
    assert board[("Belaruskali", "US")] == "eased"
    assert board[("Petroleum products", "US")] == "in_force"
    assert board[("Belaruskali", "EU")] == "in_force"
    assert board[("Belavia", "UK")] == "lifted"


def test_listing_changes_and_contacts_in_other_words(tmp_path: Path) -> None:
    """Delisting from the SDN list, additions to a sanctions list, a phone call, a reopening."""
    assert ingest_paths(tmp_path / "s.db", [ARTICLES / "potash-deal.md"]).ok
    data = export_data(connect(tmp_path / "s.db"))
    board = {(s["target"], s["authority"]): s for s in data["sanctions"]}
    assert board[("Belavia", "US")]["status"] == "lifted"
    assert board[("Belavia", "US")]["since"] == "2025-12-11"      # "on Thursday"
    assert board[("Belaruskali", "EU")]["status"] == "in_force"
    kinds = {e["type"]: e for e in data["events"]}
    assert kinds["call"]["date"] == "2025-08-15"
    assert kinds["border"]["cameo"] == "054" and "reopens" in kinds["border"]["summary"]
    assert kinds["release"]["count"] == 123
    assert {a["name"] for a in kinds["release"]["actors"] if a["role"] == "released"} == {
        "Ales Bialiatski", "Maria Kalesnikava"}
    quote = kinds["statement"]["sources"][0]["quote"]
    assert "new hostages" in quote


def test_web_page_with_menus_byline_and_sidebar(tmp_path: Path) -> None:
    """A scraped page: menu and share lines on top, a byline date, a 'Most read' sidebar."""
    assert ingest_paths(tmp_path / "s.db", [ARTICLES / "rubio-meeting-web.txt"]).ok
    data = export_data(connect(tmp_path / "s.db"))
    assert data["documents"][0]["published"] == "2025-09-24"
    by_type = {e["type"]: e for e in data["events"]}
    meeting = by_type["meeting"]
    assert meeting["date"] == "2025-09-23"     # "on Tuesday" before Wednesday 24 September
    assert {a["name"] for a in meeting["actors"]} == {"Marco Rubio", "Maxim Ryzhenkov"}
    letter = by_type["letter"]
    assert {(a["name"], a["role"]) for a in letter["actors"]} >= {
        ("Alyaksandr Lukashenka", "sender"), ("Donald Trump", "recipient")}
    assert letter["date"] == "2025-08"          # "last month"
    assert by_type["arrest"]["count"] == 11 and by_type["arrest"]["date"] == "2025-09-02"
    # "has released more than 300 since July 2024" is a tally, not a release event.
    assert "release" not in by_type
    text = " ".join(s["quote"] for e in data["events"] for s in e["sources"])
    assert "Dinamo" not in text and "Share on" not in text
    assert not any("Dinamo" in a["name"] or "BATE" in a["name"] for a in data["actors"])


def events_of(tmp_path: Path, published: str, body: str, *types: str) -> list[dict]:
    """Ingest one article written by the test; its events of these types."""
    art = tmp_path / "article.md"
    art.write_text(f"---\ntitle: Test\npublished: {published}\n---\n{body}", encoding="utf-8")
    assert ingest_paths(tmp_path / "s.db", [art]).ok
    return [e for e in export_data(connect(tmp_path / "s.db"))["events"] if e["type"] in types]


def test_tallies_over_earlier_rounds_are_not_release_events(tmp_path: Path) -> None:
    """A count that sums up several earlier happenings must not become one release."""
    releases = events_of(
        tmp_path, "2025-09-12",
        "Sunday's session was the fifth such contact this year (the prior four led to the release"
        " of 27 detainees).\n\n"
        "Past visits brought the release of 30 people.\n\n"
        "On Thursday Lukashenko pardoned 41 prisoners.\n", "release")
    assert [(e["count"], e["date"]) for e in releases] == [(41, "2025-09-11")]


def test_an_envoy_who_secures_a_release_negotiated_it(tmp_path: Path) -> None:
    """"X visited, securing the release of …": X is the negotiator, not the releasing side."""
    releases = {e["count"]: e for e in events_of(
        tmp_path, "2025-03-01",
        "In February, US envoy Christopher W. Smith went to Minsk quietly, negotiating the release"
        " of a U.S. citizen and two Belarusian activists.\n\n"
        "Lukashenko pardoned 16 prisoners on Friday.\n", "release")}
    roles = {(a["name"], a["role"]) for a in releases[3]["actors"]}
    assert ("Christopher W. Smith", "negotiator") in roles
    assert "Christopher W. Smith" not in releases[3]["summary"]
    assert ("Alyaksandr Lukashenka", "releasing") in {
        (a["name"], a["role"]) for a in releases[16]["actors"]}


def test_who_speaks_after_a_meeting_did_not_take_part(tmp_path: Path) -> None:
    """"X said, after the Kellogg meeting, …" names the meeting as a time: X is no participant."""
    events = events_of(
        tmp_path, "2025-06-25",
        "Keith Kellogg met Lukashenko in Minsk on 21 June.\n\n"
        "Valentin Rybakov, interviewed by a Minsk radio station following the Kellogg meeting,"
        " argued that sanctions hurt ordinary people.\n", "meeting", "visit")
    names = {a["name"] for e in events for a in e["actors"]}
    assert "Keith Kellogg" in names and "Valentin Rybakov" not in names


def test_exercise_is_held_by_the_countries_named_with_it(tmp_path: Path) -> None:
    """"Belarusian-Russian exercises" are held by both; a government commenting on them is not."""
    (drill,) = events_of(
        tmp_path, "2025-08-20",
        "Warsaw's defence minister said the Russian-Belarusian drills, Shield-2025, which ended on"
        " Sunday, had been watched closely by Polish and American intelligence.\n", "exercise")
    assert {a["name"] for a in drill["actors"]} == {"Belarus", "Russia"}


def test_a_country_describing_people_is_not_who_freed_them(tmp_path: Path) -> None:
    """"three people, including a U.S. citizen, were freed": the US did not free them."""
    releases = {e["count"]: e for e in events_of(
        tmp_path, "2025-03-01",
        "Last month five more people, one of them an American national, were let out and driven to"
        " the U.S. embassy in Vilnius.\n\n"
        "Belarusian authorities freed 14 political prisoners on Friday.\n", "release")}
    assert "United States" not in releases[5]["summary"]
    assert not any(a["role"] == "releasing" for a in releases[5]["actors"])
    assert ("Belarus", "releasing") in {(a["name"], a["role"]) for a in releases[14]["actors"]}
