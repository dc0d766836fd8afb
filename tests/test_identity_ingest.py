"""Actor identity at ingest: a new spelling of a known person is that person."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from store.db.connect import connect
from store.ingest.run import ingest_paths
from tui.cli import main

RUSSIAN_STYLE = """---
title: Minsk frees more prisoners
source: test wire
published: 2025-10-02
---
President Aleksandr Lukashenko pardoned 16 prisoners on 1 October, including the blogger
Sergey Tikhanovskiy's former cellmate Dzmitry Kuchuk, a spokesman said.

Svetlana Tikhanovskaya welcomed the releases, and Nikolay Statkevich remained in prison, his
lawyer said. Opposition politician Andrei Marozau, the director of an exiled think tank, said
more releases were expected.
"""


def _actor_ids(db: Path) -> dict[str, int]:
    conn = connect(db)
    try:
        return {name: i for i, name in conn.execute("SELECT id, name FROM actors")}
    finally:
        conn.close()


def test_russian_spellings_add_no_actor_for_known_people(seed_db: Path, tmp_path: Path) -> None:
    before = _actor_ids(seed_db)
    art = tmp_path / "ru.md"
    art.write_text(RUSSIAN_STYLE, encoding="utf-8")
    assert ingest_paths(seed_db, [art]).ok
    after = _actor_ids(seed_db)
    new = set(after) - set(before)
    for known in ("Lukashenk", "Tikhanov", "Tsikhanou", "Statkevi"):
        assert not any(known in n for n in new), new
    # Each spelling is kept as "seen as" on the known actor, with its document.
    conn = connect(seed_db)
    seen = dict(conn.execute(
        "SELECT m.surface, a.name FROM mentions m JOIN actors a ON a.id = m.actor_id"
        " JOIN documents d ON d.id = m.document_id WHERE d.path LIKE '%ru.md'"))
    assert "Lukashenka" in seen["Aleksandr Lukashenko"]
    assert seen["Svetlana Tikhanovskaya"] == "Sviatlana Tsikhanouskaya"
    assert "Statkevich" in seen["Nikolay Statkevich"]
    # The person the article introduces is a new, discovered actor …
    assert any("Marozau" in n for n in new), new


def test_new_person_found_by_russian_and_cyrillic_spelling(seed_db: Path, tmp_path: Path) -> None:
    art = tmp_path / "ru.md"
    art.write_text(RUSSIAN_STYLE, encoding="utf-8")
    ingest_paths(seed_db, [art])
    for query in ("Andrei Morozov", "Андрей Морозов", "Marozau"):
        out = CliRunner().invoke(main, ["search", query, "--db", str(seed_db), "--json"])
        hits = json.loads(out.output)
        assert hits and hits[0]["name"] == "Andrei Marozau", (query, hits[:2])


CYRILLIC_NAMES = """---
title: Envoy in Minsk
source: test wire
published: 2025-09-12
---
Александр Лукашенко met the US envoy Джон Коул in Minsk on 11 September, the presidential
press service said.

On 10 September Марко Рубио spoke by phone with Светлана Тихановская about the prisoners
still held.
"""

LATIN_NAMES = """---
title: Coale sees Lukashenka
source: other wire
published: 2025-09-13
---
Alyaksandr Lukashenka met John Coale in Minsk on 11 September.
"""


def _event_people(db: Path) -> dict[tuple[str, str], set[str]]:
    """(type, date) → the gazetteer ids of the event's actors."""
    conn = connect(db)
    try:
        out: dict[tuple[str, str], set[str]] = {}
        for etype, when, slug in conn.execute(
                "SELECT e.type, e.date, a.slug FROM events e JOIN event_actors ea"
                " ON ea.event_id = e.id JOIN actors a ON a.id = ea.actor_id"):
            out.setdefault((etype, when), set()).add(slug)
        return out
    finally:
        conn.close()


def test_actors_written_in_russian_cyrillic_are_the_gazetteer_actors(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    ru, en = tmp_path / "ru.md", tmp_path / "en.md"
    ru.write_text(CYRILLIC_NAMES, encoding="utf-8")
    en.write_text(LATIN_NAMES, encoding="utf-8")
    report = ingest_paths(db, [ru])
    assert report.ok and report.files[0].new_actors == 0     # nobody new: all four are known
    people = _event_people(db)
    assert people[("meeting", "2025-09-11")] == {"lukashenka", "john-coale"}
    assert people[("call", "2025-09-10")] == {"marco-rubio", "sviatlana-tsikhanouskaya"}
    # The same meeting told with Latin spellings is the same event, now with two sources.
    assert ingest_paths(db, [en]).files[0].merged_events == 1
    conn = connect(db)
    sources = conn.execute(
        "SELECT count(*) FROM event_sources s JOIN events e ON e.id = s.event_id"
        " WHERE e.type = 'meeting'").fetchone()[0]
    conn.close()
    assert sources == 2
