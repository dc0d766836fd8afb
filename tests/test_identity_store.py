"""Every spelling an actor carries in the seed store finds that actor first."""

from __future__ import annotations

from pathlib import Path

from store.db.connect import connect
from store.identity.search import load_index


def test_every_alias_and_seen_spelling_finds_its_actor_first(seed_db_master: Path) -> None:
    conn = connect(seed_db_master)
    index = load_index(conn)
    spellings = conn.execute(
        "SELECT actor_id, alias FROM aliases UNION SELECT actor_id, surface FROM mentions"
        " UNION SELECT id, name FROM actors"
    ).fetchall()
    assert len(spellings) > 300
    misses = []
    for actor_id, spelling in spellings:
        hits = index.search(spelling, limit=3)
        # A spelling two actors share (a bare surname of a family) may rank either first.
        top = [h.actor_id for h in hits if h.score == hits[0].score] if hits else []
        if actor_id not in top:
            misses.append((spelling, actor_id, [(h.name, h.score) for h in hits[:2]]))
    assert misses == []


def test_cyrillic_in_right_actor_out(seed_db_master: Path) -> None:
    index = load_index(connect(seed_db_master))
    for query, expected in [("Лукашенко", "Lukashenka"), ("Ціханоўская", "Tsikhanouskaya"),
                            ("Тихановский", "Tsikhanouski"), ("Белавиа", "Belavia"),
                            ("Мінск", "Minsk"), ("Статкевич", "Statkevich")]:
        assert expected in index.search(query, limit=1)[0].name, query
