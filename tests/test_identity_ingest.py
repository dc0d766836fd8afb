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
