"""Hostile text through every dashboard view, via Pilot: shown literally, no crash, no escape
sequence reaching the terminal. The store is built by the real ingest from hostile articles,
then every field the dashboard shows gets hostile text appended (names, spellings, roles,
summaries, places, quotes, titles, sources, sanction authorities, conflict values)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from hostile import slow, write_small_articles
from test_tui import press, text_of
from textual.widgets import Input

from store.ingest.run import bundled_seeds_dir, ingest_paths
from tui.app import ThawApp
from tui.screenshots import settle

H = (" [/foo] [bold]b [EU] [$primary] [@click=app.quit]q[/] \x1b[31mRED\x1b]0;pwn\x07"
     " \u202eRTL zw\u200b bel\x07")
MARKUP = "[/foo] [bold]b [EU] [$primary] [@click=app.quit]q[/]"
UPDATES = [
    "UPDATE actors SET name = name || :h",
    "UPDATE aliases SET alias = alias || :h",
    "UPDATE actor_roles SET role = role || :h",
    "UPDATE events SET summary = summary || :h, place = coalesce(place, '') || :h",
    "UPDATE event_sources SET quote = quote || :h",
    "UPDATE documents SET title = coalesce(title, '') || :h, source = coalesce(source, '') || :h",
    "UPDATE sanction_history SET quote = quote || :h",
    "UPDATE mentions SET sentence = sentence || :h, surface = surface || :h",
    "UPDATE sanctions SET authority = authority || '[/x]' WHERE id = (SELECT min(id) FROM sanctions)",
    "INSERT OR IGNORE INTO conflicts (event_id, field, value, document_id)"
    " SELECT e.id, 'count', :h, s.document_id FROM events e JOIN event_sources s ON s.event_id = e.id",
]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-tui")
    folder = root / "in"
    write_small_articles(folder, 0, 15)
    (folder / "markup.md").write_text(
        "---\ntitle: '[/foo] [EU] \x1b[31mred'\nsource: '[bold]Pravda'\npublished: 2025-09-11\n---\n"
        "Opposition politician Ales [Bialou] was released in Minsk on 11 September 2025 [/foo].\n"
        "The EU [/b] extended sanctions on Belavia on 12 September 2025 \x1b]8;;http://x\x07.\n",
        encoding="utf-8")
    db = root / "h.db"
    report = ingest_paths(db, [bundled_seeds_dir(), folder])
    assert report.ok
    conn = sqlite3.connect(db)
    for sql in UPDATES:
        conn.execute(sql, {"h": H})
    conn.commit()
    conn.close()
    return db


def clean_screen(app: ThawApp) -> str:
    svg = app.export_screenshot()
    for raw in ("\x1b", "\x07", "\x00", "\u202e"):
        assert raw not in svg, f"{raw!r} reached the screen"
    return svg


def run(test) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(test())


@pytest.mark.parametrize("size", [(80, 24), pytest.param((160, 50), marks=[slow, pytest.mark.slow])])
def test_every_view_shows_hostile_text_literally(hostile_db: Path, size: tuple[int, int]) -> None:
    from tui.actors import ActorScreen, ActorsScreen
    from tui.event_view import EventScreen
    from tui.sanctions import HistoryScreen, SanctionsScreen
    from tui.timeline import TimelineView

    async def main() -> None:
        app = ThawApp(hostile_db, poll_interval=None)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            # Timeline: every row literal, first and last page.
            view = app.screen.query_one(TimelineView)
            assert view.total > 0
            row = view.row_at(0)
            assert row is not None and MARKUP in view._render_row(row, 1000, False).text
            clean_screen(app)
            await press(pilot, "G", "g", "j", "j")
            clean_screen(app)
            # Event, then each of its actors' profiles.
            await press(pilot, "enter")
            assert isinstance(app.screen, EventScreen)
            assert MARKUP in text_of(app.screen, "#event-summary")
            assert MARKUP in text_of(app.screen, "#event-sources")
            assert MARKUP in text_of(app.screen, "#event-conflicts")
            clean_screen(app)
            await press(pilot, "enter")
            assert isinstance(app.screen, ActorScreen)
            assert MARKUP in text_of(app.screen, "#profile-name")
            clean_screen(app)
            await press(pilot, "escape", "escape")
            # Actors pane: the list, a search typed with hostile text, a profile.
            await press(pilot, "2")
            assert isinstance(app.screen, ActorsScreen)
            assert MARKUP in text_of(app.screen, "#actor-list")
            await press(pilot, "slash", *"[/foo] [EU]")
            clean_screen(app)
            app.screen.query_one("#actor-search", Input).value = "Lukashenko" + H
            await settle(pilot)
            clean_screen(app)
            app.screen.query_one("#actor-search", Input).value = "Lukashenko"
            await settle(pilot)
            await press(pilot, "enter")
            assert MARKUP in text_of(app.screen, "#profile-name")
            assert MARKUP in text_of(app.screen, "#profile-spellings")
            clean_screen(app)
            # Board and history.
            await press(pilot, "escape", "3")
            assert isinstance(app.screen, SanctionsScreen)
            clean_screen(app)
            await press(pilot, "enter")
            assert isinstance(app.screen, HistoryScreen)
            assert MARKUP in text_of(app.screen, "#history")
            clean_screen(app)
            # Timeline filter with hostile text, a notification, help (palette: see below).
            await press(pilot, "1", "slash", *"[/foo] \"NEAR(", "enter")
            clean_screen(app)
            await press(pilot, "x")
            app.notify(H, title=H, markup=False)
            await settle(pilot)
            clean_screen(app)
            await press(pilot, "question_mark")
            clean_screen(app)
            assert app.is_running

    run(main)


def test_search_box_takes_ten_thousand_characters(hostile_db: Path) -> None:
    async def main() -> None:
        app = ThawApp(hostile_db, poll_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "2", "slash")
            box = app.screen.query_one("#actor-search", Input)
            for text in ("x" * 10_000, "[" * 10_000, '"' * 5_000 + "*" * 5_000, H * 100, ""):
                box.value = text
                await settle(pilot)
                # SafeInput cleans the value itself, so the box and the results are both clean.
                assert "\x1b" not in box.value and "\x1b" not in text_of(app.screen, "#actor-list")
                clean_screen(app)
            box.value = "Tikhanovsky"
            await settle(pilot)
            assert "Tsikhanouski" in text_of(app.screen, "#actor-list")
            await press(pilot, "escape", "1", "slash")
            app.screen.query_one("#filter-text", Input).value = "(" * 10_000
            await settle(pilot)
            clean_screen(app)
            assert app.is_running

    run(main)


def test_command_palette_lists_hostile_actors_literally(hostile_db: Path) -> None:
    async def main() -> None:
        app = ThawApp(hostile_db, poll_interval=None)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await press(pilot, "ctrl+p", *"Luka")
            await pilot.pause(0.5)
            await settle(pilot)
            clean_screen(app)
            assert app.is_running

    run(main)
