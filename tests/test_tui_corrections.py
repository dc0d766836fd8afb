"""Corrections from the dashboard's keys: each key, the marks and who-when-why, the log with undo
and redo, the source of a quote. On a copy of the seed store (the real ingest)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_tui import press, sync
from textual.widgets import Input, OptionList, Static

from store.db.connect import connect
from tui.actors import ActorScreen
from tui.app import ThawApp
from tui.correct import AskScreen, CorrectionsScreen, PickScreen, SourceScreen
from tui.event_view import EventScreen
from tui.sanctions import SanctionsScreen
from tui.screenshots import settle


def _one(db: Path, sql: str, *args: object) -> tuple:
    conn = connect(db)
    try:
        return conn.execute(sql, args).fetchone()
    finally:
        conn.close()


def _multi_source_event(db: Path) -> int:
    return _one(db, "SELECT event_id FROM event_sources GROUP BY event_id HAVING count(*) > 1"
                    " ORDER BY event_id LIMIT 1")[0]


def _text(screen: object, selector: str) -> str:
    widget = screen.query_one(selector)  # type: ignore[attr-defined]
    if isinstance(widget, OptionList):
        return "\n".join(str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count))
    assert isinstance(widget, Static)
    return str(widget.content)


async def _fill(pilot, values: dict[str, str]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, AskScreen)
    for name, value in values.items():
        screen.query_one(f"#ask-{name}", Input).value = value
    await press(pilot, "ctrl+s")
    await _landed(pilot)


async def _landed(pilot) -> None:
    """The correction's worker and the reload after it."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)


@sync
async def test_edit_an_events_date_and_count_shows_a_mark_and_who_when_why(seed_db: Path) -> None:
    event_id = _multi_source_event(seed_db)
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_event(event_id)
        await settle(pilot)
        await press(pilot, "e")
        await _fill(pilot, {"date": "~2024-02", "count": "77", "note": "court papers"})
        screen = app.screen
        assert isinstance(screen, EventScreen)
        meta = _text(screen, "#event-meta")
        assert "~2024-02" in meta and "✎" in meta and "count 77 ✎" in meta
        log = _text(screen, "#event-corrections")
        assert "court papers" in log and "count" in log and "→ 77" in log
    assert _one(seed_db, "SELECT date, approximate, count FROM events WHERE id = ?", event_id) == \
        ("2024-02", 1, 77)


@sync
async def test_a_bad_value_is_refused_with_a_message_and_nothing_changes(seed_db: Path) -> None:
    event_id = _multi_source_event(seed_db)
    before = _one(seed_db, "SELECT date, count FROM events WHERE id = ?", event_id)
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_event(event_id)
        await settle(pilot)
        await press(pilot, "e")
        await _fill(pilot, {"date": "2024-13-45"})
        assert any("not a date" in n.message for n in app._notifications)
    assert _one(seed_db, "SELECT date, count FROM events WHERE id = ?", event_id) == before


@sync
async def test_dismiss_leaves_the_timeline_and_undo_in_the_log_brings_it_back(seed_db: Path) -> None:
    event_id = _multi_source_event(seed_db)
    count = _one(seed_db, "SELECT count(*) FROM events")[0]
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_event(event_id)
        await settle(pilot)
        await press(pilot, "d")
        await _fill(pilot, {"note": "an opinion, not a happening"})
        assert not isinstance(app.screen, EventScreen)
        assert _one(seed_db, "SELECT count(*) FROM events")[0] == count - 1
        await press(pilot, "L")
        assert isinstance(app.screen, CorrectionsScreen)
        assert "not an event" in _text(app.screen, "#corrections")
        await pilot.press("u")
        await _landed(pilot)
        assert _one(seed_db, "SELECT count(*) FROM events")[0] == count
        assert "undone" in _text(app.screen, "#corrections")
        await pilot.press("r")
        await _landed(pilot)
        assert _one(seed_db, "SELECT count(*) FROM events")[0] == count - 1


@sync
async def test_merge_picks_the_other_event_by_search_and_split_takes_a_report_back_off(seed_db: Path) -> None:
    event_id = _multi_source_event(seed_db)
    other_id, other_summary = _one(seed_db, "SELECT id, summary FROM events WHERE id != ? AND type ="
                                   " 'meeting' ORDER BY id LIMIT 1", event_id)
    count = _one(seed_db, "SELECT count(*) FROM events")[0]
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_event(event_id)
        await settle(pilot)
        await press(pilot, "m")
        assert isinstance(app.screen, PickScreen)
        app.screen.query_one("#pick-text", Input).value = other_summary
        await settle(pilot)
        picks = app.screen.query_one("#pick-list", OptionList)
        index = next(i for i in range(picks.option_count)
                     if picks.get_option_at_index(i).id == str(other_id))
        picks.highlighted = index
        picks.action_select()
        await settle(pilot)
        await _fill(pilot, {})
        assert _one(seed_db, "SELECT count(*) FROM events")[0] == count - 1
        await press(pilot, "s")
        assert isinstance(app.screen, PickScreen)
        await press(pilot, "enter")
        await _fill(pilot, {"note": "two different days"})
        assert _one(seed_db, "SELECT count(*) FROM events")[0] == count


@sync
async def test_add_and_remove_an_actor_in_an_event(seed_db: Path) -> None:
    event_id = _multi_source_event(seed_db)
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_event(event_id)
        await settle(pilot)
        await press(pilot, "a")
        app.screen.query_one("#pick-text", Input).value = "Tsikhanouskaya"
        await settle(pilot)
        await press(pilot, "enter")
        await _fill(pilot, {"role": "mediator"})
        assert "mediator" in _text(app.screen, "#event-actors")
        actors = app.screen.query_one("#event-actors", OptionList)
        actors.focus()
        actors.highlighted = next(i for i in range(actors.option_count)
                                  if "mediator" in str(actors.get_option_at_index(i).prompt))
        await press(pilot, "r")
        await _fill(pilot, {"role": ""})
        assert "mediator" not in _text(app.screen, "#event-actors")


@sync
async def test_source_view_shows_the_whole_article_with_the_quote_and_no_url_says_so(seed_db: Path) -> None:
    event_id = _multi_source_event(seed_db)
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_event(event_id)
        await settle(pilot)
        detail = app.screen.detail
        await press(pilot, "o", "enter")
        assert isinstance(app.screen, SourceScreen)
        body = app.screen.query_one("#source-text", Static)
        assert detail.sources[0].quote in str(body.content)
        spans = [s for s in body.content.spans if "reverse" in str(s.style)]
        assert spans, "the quoted sentence is highlighted"
        app.screen.url = None
        await press(pilot, "b")
        assert any("no URL" in n.message for n in app._notifications)


@pytest.mark.parametrize("browser_ok", [True, False])
@sync
async def test_b_opens_the_url_in_a_browser_or_shows_it(seed_db: Path, monkeypatch, browser_ok: bool) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or browser_ok)
    monkeypatch.setenv("DISPLAY", ":0")
    conn = sqlite3.connect(seed_db)
    conn.execute("UPDATE documents SET url = 'https://example.org/a' WHERE id = 1")
    conn.commit()
    conn.close()
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(SourceScreen(1))
        await settle(pilot)
        assert "https://example.org/a" in _text(app.screen, "#source-title")
        await press(pilot, "b")
        said = [n.message for n in app._notifications]
        assert any(("Opened" if browser_ok else "No browser") in m for m in said)
    assert opened == ["https://example.org/a"]


@sync
async def test_actor_rename_merge_split_and_not_an_actor(seed_db: Path) -> None:
    people = [r for r in connect(seed_db).execute(
        "SELECT a.id, a.name FROM actors a WHERE a.kind = 'person' AND (SELECT count(*) FROM"
        " mentions m WHERE m.actor_id = a.id) > 0 ORDER BY a.id LIMIT 3")]
    (first, first_name), (second, second_name), (third, _) = people
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_actor(first)
        await settle(pilot)
        await press(pilot, "r")
        await _fill(pilot, {"name": "Someone Renamed", "note": "official spelling"})
        assert "Someone Renamed ✎" in _text(app.screen, "#profile-name")
        assert "official spelling" in _text(app.screen, "#profile-corrections")
        await press(pilot, "M")
        app.screen.query_one("#pick-text", Input).value = second_name
        await settle(pilot)
        await press(pilot, "enter")
        await _fill(pilot, {})
        assert _one(seed_db, "SELECT count(*) FROM actors WHERE id = ?", second)[0] == 0
        app.open_actor(third)
        await settle(pilot)
        await press(pilot, "n")
        await _fill(pilot, {"note": "a page header"})
        assert not isinstance(app.screen, ActorScreen) or app.screen.actor_id != third
    assert _one(seed_db, "SELECT name FROM actors WHERE id = ?", first)[0] == "Someone Renamed"
    assert _one(seed_db, "SELECT count(*) FROM actors WHERE id = ?", third)[0] == 0


@sync
async def test_a_board_cell_is_set_with_a_mark_and_its_history_shows_why(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "3")
        assert isinstance(app.screen, SanctionsScreen)
        board = app.screen.board
        row, column = next((r, c + 1) for r, (t, _, _) in enumerate(board.targets)
                           for c, a in enumerate(board.authorities) if (t, a) in board.cells)
        from textual.coordinate import Coordinate
        from textual.widgets import DataTable
        app.screen.query_one(DataTable).cursor_coordinate = Coordinate(row, column)
        await settle(pilot)
        cell = app.screen._cell_at_cursor()
        assert cell is not None
        await press(pilot, "c")
        await _fill(pilot, {"status": "lifted", "since": "2026-01-15", "note": "Federal Register"})
        assert _one(seed_db, "SELECT status, since FROM sanctions WHERE target_id = ? AND"
                             " authority = ?", *cell) == ("lifted", "2026-01-15")
        table = app.screen.query_one(DataTable)
        assert "✎" in str(table.get_cell_at(table.cursor_coordinate))
        await press(pilot, "enter")
        assert "Federal Register" in _text(app.screen, "#history-title")


@sync
async def test_split_a_spelling_off_into_its_own_actor(seed_db: Path) -> None:
    actor_id, spelling = _one(seed_db, "SELECT m.actor_id, m.surface FROM mentions m JOIN actors a"
                                       " ON a.id = m.actor_id WHERE m.surface != a.name AND"
                                       " a.kind = 'person' ORDER BY m.id LIMIT 1")
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_actor(actor_id)
        await settle(pilot)
        await press(pilot, "S")
        assert isinstance(app.screen, PickScreen)
        app.screen.query_one("#pick-text", Input).value = spelling
        await settle(pilot)
        await press(pilot, "enter")
        await _fill(pilot, {"note": "a namesake"})
        assert "split off a spelling" in _text(app.screen, "#profile-corrections")
    assert _one(seed_db, "SELECT count(*) FROM mentions WHERE actor_id = ? AND surface = ?",
                actor_id, spelling)[0] == 0
    assert _one(seed_db, "SELECT count(*) FROM actors WHERE name = ?", spelling)[0] == 1


@sync
async def test_o_opens_the_article_of_a_history_quote_and_of_a_statement(seed_db: Path) -> None:
    target_id, authority = _one(seed_db, "SELECT target_id, authority FROM sanctions ORDER BY id LIMIT 1")
    speaker = _one(seed_db, "SELECT actor_id FROM event_actors WHERE role = 'speaker' LIMIT 1")[0]
    from tui.sanctions import HistoryScreen

    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(HistoryScreen(target_id, authority))
        await settle(pilot)
        quote = app.screen.entries[0].quote
        await press(pilot, "o")
        assert isinstance(app.screen, SourceScreen)
        assert quote in str(app.screen.query_one("#source-text", Static).content)
        app.open_actor(speaker)
        await settle(pilot)
        await press(pilot, "o", "enter")
        assert isinstance(app.screen, SourceScreen)


@sync
async def test_b_without_a_display_does_not_start_a_browser_in_the_terminal(seed_db: Path,
                                                                         monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    conn = sqlite3.connect(seed_db)
    conn.execute("UPDATE documents SET url = 'https://example.org/b' WHERE id = 1")
    conn.commit()
    conn.close()
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(SourceScreen(1))
        await settle(pilot)
        await press(pilot, "b")
        assert any("No graphical display" in n.message for n in app._notifications)
    assert opened == []


@sync
async def test_on_the_actors_pane_corrections_work_in_the_profile_not_the_hit_list(seed_db: Path) -> None:
    from tui.actors import ActorProfileView

    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "2")
        app.screen.query_one("#actor-list", OptionList).focus()
        await pilot.press("n")          # a letter in the hit list starts nothing
        await settle(pilot)
        assert not isinstance(app.screen, AskScreen)
        await pilot.press("enter")      # into the highlighted actor's profile
        await settle(pilot)
        actor_id = app.screen.query_one(ActorProfileView).actor_id
        await press(pilot, "r")
        await _fill(pilot, {"name": "Renamed From The Pane"})
        assert "Renamed From The Pane ✎" in _text(app.screen, "#profile-name")
        assert _one(seed_db, "SELECT name FROM actors WHERE id = ?", actor_id)[0] == \
            "Renamed From The Pane"


@sync
async def test_undo_in_the_log_shows_on_the_event_view_below_it(seed_db: Path) -> None:
    event_id = _multi_source_event(seed_db)
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_event(event_id)
        await settle(pilot)
        await press(pilot, "e")
        await _fill(pilot, {"count": "612"})
        assert "count 612 ✎" in _text(app.screen, "#event-meta")
        await press(pilot, "L")
        await pilot.press("u")
        await _landed(pilot)
        await pilot.press("escape")
        await _landed(pilot)
        assert isinstance(app.screen, EventScreen)
        assert "612" not in _text(app.screen, "#event-meta")
